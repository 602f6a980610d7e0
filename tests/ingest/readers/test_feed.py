from sitrep.ingest.readers.feed import _local_date


def test_each_rss_item_is_an_article_with_link_date_title_and_text(read, fixtures):
    feed = fixtures / "feeds" / "levant-wire.rss"
    articles, failures = read(feed)
    assert [a.title for a in articles] == ["Air strike hits Idlib market", "Clashes near Manbij"]
    first, second = articles
    assert first.url == "https://levant.example.net/2024/12/02/idlib-market-strike"
    assert first.source == "Levant Wire"
    assert first.origin == f"{feed}#item-1"
    # HTML in the description is stripped, paragraphs kept apart.
    assert first.text == (
        "An air strike hit a crowded market in Idlib on Monday, killing at least twelve civilians.\n"
        "Russian warplanes carried out the raid, monitors said."
    )
    # 01:30 at +03:00 on 3 December; in UTC it would still be the 2nd.
    assert first.published.isoformat() == "2024-12-03"
    # content:encoded is longer than the description, so it is the text.
    assert second.text.startswith("Turkish-backed factions clashed")
    assert "Three fighters were killed.\nDozens of families fled." in second.text
    assert second.id == "levant-20241201-manbij"
    # The item with nothing but a headline is not silently dropped.
    (failure,) = failures
    assert failure.origin == f"{feed}#item-3"
    assert "no summary or content text" in failure.reason and "--fetch-pages" in failure.reason


def test_atom_entries_with_html_titles_and_content(read, fixtures):
    (drone, border), failures = read(fixtures / "feeds" / "frontline-observer.atom")
    assert failures == []
    assert drone.title == "Drone strike on Sanaa airport"
    assert drone.published.isoformat() == "2024-12-03"
    assert drone.source == "Frontline Observer"
    assert border.text.startswith("The Masnaa crossing") and "<p>" not in border.text
    # No <published>: the <updated> date stands in.
    assert border.published.isoformat() == "2024-12-02"


def test_dates_stay_in_the_outlets_time_zone():
    assert _local_date("Tue, 03 Dec 2024 01:30:00 +0300").isoformat() == "2024-12-03"
    assert _local_date("2024-12-03T01:30:00+03:00").isoformat() == "2024-12-03"
    assert _local_date("not a date") is None


def test_xml_that_is_not_a_feed_is_a_failure_naming_its_root(read, fixtures):
    articles, (failure,) = read(fixtures / "feeds" / "sitemap.xml")
    assert articles == []
    assert "not an RSS or Atom feed" in failure.reason and "<urlset>" in failure.reason


def test_a_feed_with_no_items_is_reported(read, tmp_path):
    empty = tmp_path / "quiet.rss"
    empty.write_text("<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    _, (failure,) = read(empty)
    assert "feed with no items" in failure.reason


def test_a_non_english_feed_fails_per_item(read, tmp_path):
    feed = tmp_path / "arabic.rss"
    feed.write_text(
        "<rss version='2.0'><channel><title>x</title><language>ar</language>"
        "<item><title>t</title><description>Shelling in Homs killed two people.</description></item>"
        "</channel></rss>"
    )
    _, (failure,) = read(feed)
    assert failure.origin == f"{feed}#item-1" and "English reports only" in failure.reason


def test_opml_without_fetching_says_to_pass_fetch(read, fixtures):
    articles, (failure,) = read(fixtures / "feeds" / "subscriptions.opml")
    assert articles == []
    assert "lists 2 feed(s)" in failure.reason and "--fetch" in failure.reason
