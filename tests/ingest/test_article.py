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
