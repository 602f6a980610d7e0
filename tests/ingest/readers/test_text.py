"""Plain text files, and the failures every whole-file reader shares."""

from sitrep.ingest.readers import ReadFailure


def test_a_text_file_is_one_article_with_its_first_line_as_headline(read, fixtures):
    (article,), failures = read(fixtures / "text" / "deir-ez-zor-shelling.txt")
    assert failures == []
    assert article.title == "Shelling kills two in Deir ez-Zor countryside"
    assert article.text.startswith("Shelling kills two in Deir ez-Zor countryside\nTwo civilians")
    assert article.origin == str(fixtures / "text" / "deir-ez-zor-shelling.txt")
    assert article.published is None


def test_a_txt_that_holds_a_web_page_is_read_as_html(read, fixtures):
    (article,), _ = read(fixtures / "text" / "saved-page.txt")
    assert article.source == "Levant Wire"
    assert "<p>" not in article.text and "Copyright" not in article.text


def test_unreadable_files_become_failures_that_say_what_to_do(read, fixtures):
    bad = fixtures / "bad"
    articles, failures = read(bad / "empty.txt", bad / "photo.txt", bad / "latin1.txt")
    assert articles == []
    reasons = {f.origin: f.reason for f in failures}
    assert "is empty" in reasons[str(bad / "empty.txt")]
    assert "binary file" in reasons[str(bad / "photo.txt")]
    assert "not UTF-8" in reasons[str(bad / "latin1.txt")] and "iconv" in reasons[str(bad / "latin1.txt")]
    assert all(f.kind == "unreadable" for f in failures)


def test_a_file_larger_than_the_byte_limit_is_refused_unread(read, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Shelling in Homs. " * 100)
    articles, (failure,) = read(big, max_bytes=1000)
    assert articles == []
    assert "more than the 1,000" in failure.reason and "--max-bytes" in failure.reason


def test_an_article_longer_than_max_chars_is_refused(read, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("Shelling in Homs. " * 100)
    _, (failure,) = read(long, max_chars=500)
    assert isinstance(failure, ReadFailure)
    assert "more than the limit of 500" in failure.reason
