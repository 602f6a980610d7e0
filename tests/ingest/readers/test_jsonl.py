def test_json_lines_bad_lines_fail_alone_and_the_rest_is_read(read, fixtures):
    path = fixtures / "batch" / "news.jsonl"
    articles, failures = read(path)
    assert [(a.origin, a.id) for a in articles] == [
        (f"{path}:1", "lw-001"), (f"{path}:2", "lw-002"), (f"{path}:7", "lw-006"),
    ]
    first, second, last = articles
    assert first.title == "Clashes near Manbij"  # from the text's first line
    assert first.source == "Levant Wire" and first.url.endswith("manbij-clashes")
    assert first.published.isoformat() == "2024-12-01"
    assert second.title == "Masnaa crossing closed"
    assert last.published.isoformat() == "2024-11-29"
    reasons = {f.origin: f.reason for f in failures}
    assert list(reasons) == [f"{path}:3", f"{path}:4", f"{path}:6"]  # line 5 is blank
    assert "not valid JSON" in reasons[f"{path}:3"]
    assert "no 'text' field" in reasons[f"{path}:4"] and "--column text=NAME" in reasons[f"{path}:4"]
    assert "JSON array, not an object" in reasons[f"{path}:6"]


def test_json_lines_keys_can_be_mapped(read, tmp_path):
    path = tmp_path / "export.ndjson"
    path.write_text('{"uid": 7, "body": "Two soldiers were wounded near Daraa on Monday.", "date": "12/02/24"}\n')
    (article,), _ = read(path, columns={"text": "body", "id": "uid", "published": "date"}, date_format="%m/%d/%y")
    assert article.id == "7" and article.published.isoformat() == "2024-12-02"


def test_a_line_that_is_not_utf8_fails_alone(read, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9 shelled in Homs."}\n{"text": "Shelling in Hama killed two."}\n')
    (article,), (failure,) = read(path)
    assert article.origin == f"{path}:2"
    assert failure.origin == f"{path}:1" and "not UTF-8" in failure.reason


def test_an_overlong_line_is_skipped_without_losing_the_next(read, tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "' + "x" * 200_000 + '"}\n{"text": "Shelling in Hama killed two."}\n')
    (article,), (failure,) = read(path, max_chars=1000)
    assert failure.origin == f"{path}:1" and "too long" in failure.reason
    assert article.origin == f"{path}:2"


def test_empty_and_utf16_json_lines_files_are_refused_whole(read, fixtures, tmp_path):
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes('{"text": "Shelling in Hama."}\n'.encode("utf-16"))
    articles, failures = read(fixtures / "bad" / "blank.jsonl", utf16)
    assert articles == []
    assert "is empty" in failures[0].reason
    assert "UTF-16" in failures[1].reason and "iconv" in failures[1].reason
