from sitrep.ingest.readers import ReaderOptions
from sitrep.ingest.readers.html import html_to_text, page_article


def test_a_page_gives_its_main_text_and_metadata(read, fixtures):
    (article,), failures = read(fixtures / "html" / "idlib-market-strike.html")
    assert failures == []
    assert article.title == "Air strike hits Idlib market"
    assert article.published.isoformat() == "2024-12-02"
    assert article.source == "Levant Wire"
    assert article.url == "https://levant.example.net/2024/12/02/idlib-market-strike"
    assert article.origin.endswith("html/idlib-market-strike.html")
    assert "killing at least twelve civilians" in article.text
    assert "Moscow did not comment" in article.text
    # Menus, scripts and footers are not the article.
    for boilerplate in ("Home", "tracking", "Copyright", "Sport results"):
        assert boilerplate not in article.text
    # The page's headline opens the text and is marked as the headline.
    assert article.text[: article.headline_end] == "Air strike hits Idlib market"


def test_the_fetched_url_wins_over_the_canonical_link(fixtures):
    data = (fixtures / "html" / "idlib-market-strike.html").read_bytes()
    article = page_article(data, "x", ReaderOptions(), url="https://mirror.example.org/idlib")
    assert article.url == "https://mirror.example.org/idlib"


def test_a_page_without_an_article_is_a_failure(read, tmp_path):
    page = tmp_path / "front.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><script>app()</script></body></html>")
    articles, (failure,) = read(page)
    assert articles == []
    assert "no article text found in the page" in failure.reason
    assert failure.origin == str(page)


def test_html_to_text_keeps_blocks_apart_and_drops_scripts():
    fragment = "<p>Shelling hit <b>Deir</b>\n ez-Zor.</p><ul><li>Two killed.</li><li>Five hurt &amp; moved.</li></ul><script>x()</script>"
    assert html_to_text(fragment) == "Shelling hit Deir ez-Zor.\nTwo killed.\nFive hurt & moved."
