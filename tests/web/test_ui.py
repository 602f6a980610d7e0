"""The web UI in headless Chromium over a real `sitrep serve`: the map shows the example
article's events, filters change what is shown, an event opens its panel, a field highlights
its words, and hostile article text never runs. Each test leaves a screenshot in
tmp/artifacts/<test name>.png."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from browser_helpers import ARTIFACTS, browser, page, server_url, serve_db  # noqa: F401  (fixtures)
from serve_helpers import EXAMPLE_ID, HOSTILE_TITLE


def api(server_url: str, path: str, **params) -> dict:
    qs = ("?" + urllib.parse.urlencode(params)) if params else ""
    with urllib.request.urlopen(server_url + path + qs, timeout=10) as r:
        return json.load(r)


def open_ui(page, server_url: str, hash_: str = "") -> None:
    page.goto(server_url + "/" + hash_)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)


def loaded_after(page, action) -> None:
    """Run `action` and wait until the UI has reloaded its events."""
    before = page.evaluate("document.body.dataset.loaded")
    action()
    page.wait_for_function("(b) => document.body.dataset.loaded !== b", arg=before, timeout=15_000)


def test_map_shows_the_events_of_the_example_article(page, server_url):
    article = api(server_url, f"/api/articles/{EXAMPLE_ID}")
    example_events = {ev["merged_event"]["id"] for ev in article["events"] if ev["status"] == "current"}
    assert example_events
    located = {f["properties"]["sitrep_event_id"] for f in api(server_url, "/api/events", format="geojson", limit=1000)["features"]
               if f["geometry"]}
    open_ui(page, server_url)
    page.wait_for_selector("body[data-basemap='ready']")
    shown = set(page.evaluate("window.sitrep.shownEvents()"))
    assert example_events & located <= shown
    assert shown == located
    assert int(page.evaluate("document.body.dataset.markers")) == len(located)
    listed = {int(x) for x in page.eval_on_selector_all("#event-list li", "els => els.map(e => e.dataset.event)")}
    assert example_events <= listed
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1  # the base map is drawn


def test_the_map_says_how_many_events_it_leaves_out(page, server_url):
    total = api(server_url, "/api/events/count")["count"]
    newest = [f["properties"]["sitrep_event_id"] for f in api(server_url, "/api/events", format="geojson", limit=3)["features"]]
    assert total > 3
    page.goto(server_url + "/?map_events=3")  # the bound the UI takes from its page's URL
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    note = page.locator("#map-note")
    assert note.is_visible()
    assert f"newest 3 of {total} events" in note.text_content()
    assert page.text_content("#event-count") == f"(3 of {total})"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "test_the_map_says_how_many_events_it_leaves_out-note.png"))
    located = {e for e in newest if e in set(page.evaluate("window.sitrep.shownEvents()"))}
    assert set(page.evaluate("window.sitrep.shownEvents()")) == located
    # Within the bound, no note.
    loaded_after(page, lambda: page.select_option("#f-country", "LBN"))
    assert 0 < api(server_url, "/api/events/count", country="LBN")["count"] <= 3
    assert not note.is_visible()


def test_a_filter_changes_what_is_shown(page, server_url):
    open_ui(page, server_url)
    everything = len(page.evaluate("window.sitrep.shownEvents()"))
    lebanon = {f["properties"]["sitrep_event_id"] for f in api(server_url, "/api/events", format="geojson", country="LBN")["features"]}
    assert 0 < len(lebanon) < everything
    loaded_after(page, lambda: page.select_option("#f-country", "LBN"))
    assert set(page.evaluate("window.sitrep.shownEvents()")) == lebanon
    assert {int(x) for x in page.eval_on_selector_all("#event-list li", "els => els.map(e => e.dataset.event)")} == lebanon
    assert "country=LBN" in page.get_attribute("#x-csv", "href")
    # Brushing the timeline chooses dates and filters everything again.
    loaded_after(page, lambda: page.select_option("#f-country", ""))
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2

    def brush():
        page.mouse.move(box["x"] + box["width"] * 0.75, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
        page.mouse.move(box["x"] + box["width"] - 2, y, steps=5)
        page.mouse.up()

    loaded_after(page, brush)
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    assert since and until and since <= until
    expected = {e["id"] for e in api(server_url, "/api/events", since=since, until=until, limit=1000)["items"] if e["latitude"] is not None}
    assert set(page.evaluate("window.sitrep.shownEvents()")) == expected
    assert len(expected) < everything


def test_clicking_an_event_on_the_map_opens_its_panel(page, server_url):
    events = api(server_url, "/api/events", sub_event_type="Air/drone strike", country="SYR", limit=100)["items"]
    saraqib = next(e for e in events if e["location"] == "Saraqib")
    open_ui(page, server_url)
    # Close enough that the marker is drawn on its own, not inside a cluster.
    page.evaluate("([lat, lon]) => { window.sitrep.map.setView([lat, lon], 10, {animate: false}); }",
                  [saraqib["latitude"], saraqib["longitude"]])
    marker = page.locator(f"path.ev-{saraqib['id']}")
    marker.wait_for(state="visible")
    marker.click(force=True)
    page.wait_for_selector("#event-title")
    assert page.text_content("#event-title") == "Air/drone strike"
    panel = page.locator("#panel")
    assert panel.is_visible()
    text = panel.inner_text()
    assert "Saraqib" in text and "12 (low 12, high 15)" in text and "lowest of the credible figures" in text
    assert "why:" in text  # the reasons of inferred values
    assert page.locator("#panel .report").count() == 3
    assert page.locator("#panel a.actor-link").first.get_attribute("href").startswith("#/actor/kb%3A")


def test_clicking_a_field_highlights_its_words_in_the_article(page, server_url):
    events = api(server_url, "/api/events", sub_event_type="Air/drone strike", country="SYR", limit=100)["items"]
    saraqib = next(e for e in events if e["location"] == "Saraqib")
    open_ui(page, server_url, f"#/event/{saraqib['id']}")
    page.wait_for_selector("#event-title")
    report = page.locator("#panel .report").first
    report.locator("button[data-field='location']").click()
    page.wait_for_selector("#article-text .hl")
    highlighted = "".join(page.eval_on_selector_all("#article-text .hl", "els => els.map(e => e.textContent)"))
    assert highlighted in ("Saraqeb", "the town of Saraqeb")
    # Another field of the same event, chosen in the article view itself.
    page.locator("#article-events button.active").wait_for()
    event_id = page.get_attribute("#article-events button.active", "data-event")
    page.click(f"#article-events button[data-event='{event_id}'][data-field='fatalities']")
    highlighted = "".join(page.eval_on_selector_all("#article-text .hl", "els => els.map(e => e.textContent)"))
    assert highlighted in ("12", "15")
    assert page.locator("#article-text .hl").first.is_visible()


def test_hostile_article_text_is_shown_as_text_and_never_runs(page, server_url):
    stored = api(server_url, "/api/events", limit=1000)["items"]
    hostile_events = [e for e in stored if "Hostile Daily" in (e["sources"] or "")]
    assert hostile_events
    detail = api(server_url, f"/api/events/{hostile_events[0]['id']}")
    assert any(r["article"]["source"] == "Hostile Daily" for r in detail["reports"])
    open_ui(page, server_url, f"#/event/{hostile_events[0]['id']}")
    page.wait_for_selector("#event-title")
    page.locator("#panel .report", has_text="Hostile Daily").locator("a.open-article").click()
    page.wait_for_selector("#article-text")
    assert page.text_content("#article-title") == HOSTILE_TITLE
    text = page.text_content("#article-text")
    assert "<script>window.__pwned = 'script'</script>" in text and "onerror=" in text
    assert page.locator("#panel script, #panel img, #panel iframe").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    # Clicking the words that look like a link does nothing: they are text.
    page.locator("#article-text span", has_text="javascript:window.__pwned='bare'").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.url.startswith(server_url)


def test_actor_graph_and_actor_page(page, server_url):
    open_ui(page, server_url, "#/graph")
    page.wait_for_selector("body[data-graph-nodes]")
    graph = api(server_url, "/api/graph")
    assert int(page.evaluate("document.body.dataset.graphNodes")) == len(graph["nodes"]) > 0
    assert page.locator("#graph canvas").count() > 0
    page.goto(server_url + "/#/actor/kb:hezbollah")
    page.wait_for_selector("#actor-name")
    assert page.text_content("#actor-name") == "Hezbollah"
    assert "Government of Iran" in page.inner_text("#panel")
