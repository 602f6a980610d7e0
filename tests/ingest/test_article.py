import pytest

from sitrep.ingest.article import InputError, make_article


def test_make_article_keeps_the_origin_it_was_given():
    article = make_article("Shelling in Homs\nTwo were killed, activists said.", origin="reports/homs.txt")
    assert article.origin == "reports/homs.txt"
    assert article.title == "Shelling in Homs"


def test_without_an_origin_errors_still_name_the_input():
    assert make_article("Two were killed in Homs, activists said.").origin is None
    with pytest.raises(InputError, match=r"^input is empty"):
        make_article("   ")


# ------------------------------------------------------------------ malformed input: clear errors

from sitrep.ingest.article import decode_bytes, read_article_file, split_headline, text_id  # noqa: E402


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Beyrouth : frappe à Dahiyeh".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_bytes_say_what_is_wrong_and_what_to_do(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data, "report.txt")


def test_utf16_and_bom_are_read():
    assert decode_bytes("Shelling in Homs".encode("utf-16")) == "Shelling in Homs"
    assert decode_bytes("\ufeffShelling in Homs".encode("utf-8")) == "Shelling in Homs"


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "dump.txt"
    big.write_bytes(b"a" * 5_000)
    with pytest.raises(InputError, match="too large"):
        read_article_file(big, max_chars=1_000)
    with pytest.raises(InputError, match="more than the limit"):
        make_article("word " * 500, max_chars=1_000)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_article_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_article_file(tmp_path)


def test_bad_publication_date_names_the_format():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        make_article("Shelling hit Homs.", published="2nd of December")


def test_headline_only_when_it_reads_as_one():
    assert split_headline("Iraqi fighters enter Syria\nBAGHDAD (Reuters) - Hundreds of ...") == ("Iraqi fighters enter Syria", 26)
    assert split_headline("Shelling hit Homs on Monday.\nTwo died.") == (None, 0)
    assert split_headline("One line only") == (None, 0)


def test_identity_is_the_id_else_the_hash_of_the_normalised_text():
    a = make_article("Shelling hit Homs.\r\n")
    b = make_article("Shelling hit Homs.\n")
    assert a.article_id == b.article_id == text_id(a.text)
    assert a.article_id.startswith("sha256:")
    assert make_article("Shelling hit Homs.", id="afp-123").article_id == "afp-123"
