MAPPING = {"id": "story_id", "title": "headline", "text": "body", "published": "pub_date",
           "source": "outlet", "url": "link"}


def test_csv_rows_through_a_column_mapping_and_a_date_format(read, fixtures):
    path = fixtures / "batch" / "wire-export.csv"
    articles, failures = read(path, columns=MAPPING, date_format="%m/%d/%y")
    assert [(a.id, a.origin) for a in articles] == [("w-100", f"{path}:2"), ("w-103", f"{path}:6")]
    azaz = articles[0]
    assert azaz.title == "Car bomb in Azaz" and azaz.source == "Northern Desk"
    assert azaz.published.isoformat() == "2024-11-30"
    assert azaz.url == "https://north.example.org/azaz-car-bomb"
    # A quoted field over two lines stays one article; the next row's line number is right.
    assert azaz.text.endswith("blamed the Islamic State group.")
    reasons = {f.origin: f.reason for f in failures}
    assert "is empty" in reasons[f"{path}:4"]
    assert "does not match the date format '%m/%d/%y'" in reasons[f"{path}:5"]


def test_without_a_date_format_dates_must_be_iso(read, fixtures):
    path = fixtures / "batch" / "wire-export.csv"
    articles, failures = read(path, columns=MAPPING)
    assert [a.id for a in articles] == ["w-102"]
    assert any("--date-format, e.g. %m/%d/%y" in f.reason for f in failures)


def test_a_header_without_the_mapped_columns_fails_once_listing_the_columns(read, fixtures):
    articles, (failure,) = read(fixtures / "batch" / "wire-export.csv")
    assert articles == []
    assert "no column 'text' (for text)" in failure.reason
    assert "story_id, headline, body" in failure.reason and "--column" in failure.reason


def test_tsv_by_extension(read, fixtures):
    (article,), failures = read(fixtures / "batch" / "patrols.tsv")
    assert failures == [] and article.source == "Desk"
    assert article.published.isoformat() == "2024-12-02"


def test_utf16_spreadsheet_export(read, tmp_path):
    path = tmp_path / "export.tsv"
    path.write_bytes("text\tpublished\nShelling in Hama killed two, activists said.\t2024-12-02\n".encode("utf-16"))
    (article,), failures = read(path)
    assert failures == [] and article.text.startswith("Shelling in Hama")


def test_a_row_that_is_not_utf8_fails_alone(read, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"text\nShelling in Hama killed two.\nCaf\xe9 shelled in Homs.\nA strike hit Idlib.\n")
    articles, (failure,) = read(path)
    assert [a.origin for a in articles] == [f"{path}:2", f"{path}:4"]
    assert failure.origin == f"{path}:3" and "not UTF-8 text (byte 0xe9)" in failure.reason


def test_broken_quoting_stops_the_file_saying_from_where(read, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('text\nShelling in Hama killed two.\n"A strike hit Idlib.\nMore.\n' + "x" * 80_000)
    articles, (failure,) = read(path, max_chars=1000)
    assert [a.origin for a in articles] == [f"{path}:2"]
    assert failure.origin == f"{path}:3" and "were not read" in failure.reason


def test_fakes_dev_csv_with_the_mapping(read, shared_data):
    path = shared_data / "fakes-dev" / "fakes-dev.csv"
    assert path.is_file(), f"{path} is missing from the shared data"
    articles, failures = read(
        path,
        columns={"id": "unit_id", "title": "article_title", "text": "article_content", "published": "date"},
        date_format="%m/%d/%y",
    )
    assert failures == []
    assert len(articles) == 277
    first = articles[0]
    assert first.id == "1914947530" and first.source == "nna"
    assert first.title == "Syria attack symptoms consistent with nerve agent use WHO"
    assert first.published.isoformat() == "2017-04-05"
