"""The read endpoints over a small store built in the test session (tests/serve_helpers.py)."""

import csv
import io
import json

import networkx as nx
import pytest

from api_helpers import client, postgres, serve_db, serve_store  # noqa: F401  (fixtures)
from serve_helpers import EXAMPLE_ID


def all_pages(client, **params):
    items, cursor, pages = [], None, 0
    while True:
        r = client.get("/api/events", params=dict(params, **({"cursor": cursor} if cursor else {})))
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages


def test_pages_cover_every_event_once_newest_first(client):
    whole = client.get("/api/events", params={"limit": 1000, "status": "any"}).json()
    assert whole["next_cursor"] is None and len(whole["items"]) >= 10
    paged, pages = all_pages(client, limit=3, status="any")
    assert [e["id"] for e in paged] == [e["id"] for e in whole["items"]]
    assert pages == -(-len(paged) // 3)
    days = [e["event_date"] or "" for e in paged]
    dated = [d for d in days if d]
    assert dated == sorted(dated, reverse=True) and days[: len(dated)] == dated  # undated events last


@pytest.mark.parametrize("params", [{}, {"status": "any"}, {"country": "SYR"}, {"event_type": "Battles", "status": "background"}])
def test_count_is_the_number_of_events_the_pages_hold(client, params):
    items, _ = all_pages(client, limit=1000, **params)
    r = client.get("/api/events/count", params=params)
    assert r.status_code == 200, r.text
    assert r.json() == {"count": len(items)}


def test_default_lists_only_current_events_and_status_selects(client):
    current = client.get("/api/events", params={"limit": 1000}).json()["items"]
    background = client.get("/api/events", params={"limit": 1000, "status": "background"}).json()["items"]
    both = client.get("/api/events", params={"limit": 1000, "status": "any"}).json()["items"]
    assert {e["status"] for e in current} == {"current"}
    assert background and {e["status"] for e in background} == {"background"}
    assert len(both) == len(current) + len(background)


@pytest.mark.parametrize("params, check", [
    ({"country": "Lebanon"}, lambda e: e["country"] == "LBN"),
    ({"country": "SYR", "event_type": "Explosions/Remote violence"}, lambda e: e["country"] == "SYR" and e["event_type"] == "Explosions/Remote violence"),
    ({"sub_event_type": "air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike"),
    ({"admin1": "idleb"}, lambda e: e["admin1"] == "Idleb"),
    ({"actor": "kb:hezbollah"}, lambda e: "kb:hezbollah" in (e["actor1_id"], e["actor2_id"], *e["assoc_actor_1_ids"], *e["assoc_actor_2_ids"])),
    ({"since": "2024-12-03", "until": "2024-12-03"}, lambda e: e["event_date"] <= "2024-12-03" and (e["date_end"] or e["event_date"]) >= "2024-12-03"),
    ({"min_confidence": 0.9}, lambda e: e["confidence"] >= 0.9),
    ({"bbox": "36.5,35.7,36.9,36.0"}, lambda e: 36.5 <= e["longitude"] <= 36.9 and 35.7 <= e["latitude"] <= 36.0),
])
def test_each_filter_narrows_to_matching_events(client, params, check):
    everything = client.get("/api/events", params={"limit": 1000}).json()["items"]
    r = client.get("/api/events", params=dict(params, limit=1000))
    assert r.status_code == 200, r.text
    found = r.json()["items"]
    assert found, params
    assert all(check(e) for e in found), params
    assert len(found) < len(everything)
    assert {e["id"] for e in found} == {e["id"] for e in everything if check(e)}


@pytest.mark.parametrize("params, words", [
    ({"country": "Atlantis"}, "unknown country"),
    ({"event_type": "Picnic"}, "unknown event type"),
    ({"sub_event_type": "Picnic"}, "unknown sub_event_type"),
    ({"since": "yesterday"}, "since takes a date"),
    ({"bbox": "1,2,3"}, "bbox takes four numbers"),
    ({"bbox": "1,50,3,40"}, "south before north"),
    ({"min_confidence": "2"}, ""),
    ({"cursor": "not-a-cursor"}, "cursor is not one this server gave"),
    ({"limit": "0"}, ""),
])
def test_bad_parameters_are_refused_with_what_to_give(client, params, words):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert words in json.dumps(r.json())


def test_geojson_and_csv_pages(client):
    gj = client.get("/api/events", params={"format": "geojson", "country": "SYR", "limit": 2})
    assert gj.headers["content-type"].startswith("application/geo+json")
    body = gj.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 2 and body["next_cursor"]
    f = body["features"][0]
    assert f["geometry"]["type"] == "Point" and f["properties"]["country"] == "Syria"
    assert 0 < f["properties"]["sitrep_confidence"] <= 1
    r = client.get("/api/events", params={"format": "csv", "country": "SYR", "limit": 2})
    assert r.headers["content-type"].startswith("text/csv") and r.headers["x-next-cursor"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"] and rows[0]["country"] == "Syria"


def test_event_has_every_report_with_merge_reason_and_field_evidence(client):
    saraqeb = client.get("/api/events", params={"country": "SYR", "sub_event_type": "Air/drone strike", "limit": 100}).json()["items"]
    event = next(e for e in saraqeb if e["location"] == "Saraqib")
    by_cnty = client.get(f"/api/events/{event['event_id_cnty']}").json()
    detail = client.get(f"/api/events/{event['id']}").json()
    assert by_cnty == detail
    assert detail["fatalities"] == 12 and detail["fatalities_high"] == 15 and detail["fatalities_reason"]
    reports = detail["reports"]
    assert len(reports) == detail["n_reports"] == 3
    assert {r["article"]["source"] for r in reports} == {"Reuters", "AFP", "Regional Daily"}
    assert all(r["merge_reason"] for r in reports)
    assert all(r["reasons"].get("date") and r["reasons"].get("event") for r in reports)
    for r in reports:
        text = client.get(f"/api/articles/{r['article']['id']}").json()["article"]["text"]
        fields = r["fields"]
        assert {"event", "actor1", "location", "fatalities"} <= set(fields), fields.keys()
        for spans in fields.values():
            for s in spans:
                assert text[s["start"]:s["end"]] == s["text"]
        assert fields["location"][0]["text"] in ("Saraqeb", "the town of Saraqeb")
        assert fields["fatalities"][0]["text"] in ("12", "15")


def test_unknown_event_is_404(client):
    assert client.get("/api/events/99999").status_code == 404
    assert client.get("/api/events/XYZ1").status_code == 404


def test_article_view_gives_text_and_spans_of_events_actors_places(client):
    r = client.get(f"/api/articles/{EXAMPLE_ID}")
    assert r.status_code == 200
    body = r.json()
    text = body["article"]["text"]
    assert text.startswith("Hundreds of Iraqi fighters enter Syria")
    kinds = {s["kind"] for s in body["spans"]}
    assert {"event", "actor", "place", "relation"} <= kinds
    for s in body["spans"]:
        assert text[s["start"]:s["end"]] == s["text"]
    fields = {s["field"] for s in body["spans"] if s["kind"] == "event"}
    assert {"event", "trigger", "actor1", "location", "date"} <= fields
    assert all(ev["merged_event"] for ev in body["events"])
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_article_ids_that_are_urls_work_as_paths(client):
    r = client.get("/api/articles/https://wire.example/afp/idlib-raids")
    assert r.status_code == 200 and r.json()["article"]["source"] == "AFP"


def test_actors_list_pages_and_actor_detail(client):
    first = client.get("/api/actors", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = client.get("/api/actors", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    found = [a["id"] for a in client.get("/api/actors", params={"q": "hezbol"}).json()["items"]]
    assert "kb:hezbollah" in found and all("hezbol" in client.get(f"/api/actors/{a}").json()["name"].lower() for a in found)
    h = client.get("/api/actors/kb:hezbollah").json()
    assert h["kind"] and h["country"] == "LBN"
    assert {"text": "Hezbollah", "n_articles": 2} in h["aliases"]
    assert [s["id"] for s in h["sponsors"]] == ["kb:government-of-iran"]
    assert h["sponsors"][0]["first_seen"] == "2024-11-20"
    assert h["events"] and all("kb:hezbollah" in (e["actor1_id"], e["actor2_id"], *e["assoc_actor_1_ids"], *e["assoc_actor_2_ids"]) for e in h["events"])
    assert client.get("/api/actors/kb:nobody").status_code == 404


def test_graph_has_relations_with_first_last_seen_and_dates_narrow_it(client):
    g = client.get("/api/graph").json()
    ids = {n["id"] for n in g["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in g["edges"])
    backs = [e for e in g["edges"] if e["predicate"] == "backs" and e["target"] == "kb:hezbollah"]
    assert backs and backs[0]["source"] == "kb:government-of-iran"
    assert (backs[0]["first_seen"], backs[0]["last_seen"]) == ("2024-11-20", "2024-12-02")
    assert any(e["kind"] == "event" for e in g["edges"])
    early = client.get("/api/graph", params={"until": "2024-11-21"}).json()
    assert 0 < len(early["edges"]) < len(g["edges"])
    assert all((e["first_seen"] or "") <= "2024-11-21" for e in early["edges"])


def test_timeline_counts_add_up_to_the_listed_events(client):
    params = {"country": "SYR"}
    t = client.get("/api/timeline", params=params).json()
    listed = client.get("/api/events", params=dict(params, limit=1000)).json()["items"]
    assert sum(d["total"] for d in t["days"]) == len([e for e in listed if e["event_date"]])
    assert sum(t["types"].values()) == sum(d["total"] for d in t["days"])
    assert [d["date"] for d in t["days"]] == sorted(d["date"] for d in t["days"])


def test_exports_of_the_current_filter(client, tmp_path):
    r = client.get("/api/export", params={"format": "acled-csv", "country": "SYR"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {row["country"] for row in rows} == {"Syria"}
    r = client.get("/api/export", params={"format": "geojson", "min_confidence": 0.9})
    features = r.json()["features"]
    listed = client.get("/api/events", params={"min_confidence": 0.9, "limit": 1000}).json()["items"]
    assert len(features) == len(listed)
    r = client.get("/api/export", params={"format": "graphml"})
    path = tmp_path / "g.graphml"
    path.write_bytes(r.content)
    graph = nx.read_graphml(path)
    assert graph.has_edge("kb:government-of-iran", "kb:hezbollah")


def test_meta_lists_types_and_the_stores_countries(client):
    m = client.get("/api/meta").json()
    assert "Air/drone strike" in m["event_types"]["Explosions/Remote violence"]
    assert m["countries"][0]["iso3"] == "SYR" and m["n_events"] >= 10 and m["writes"] is False


def test_openapi_and_offline_docs_page(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/actors", "/api/graph",
            "/api/timeline", "/api/extract", "/api/articles", "/api/export"} <= set(spec["paths"])
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
