"""Hostile and broken inputs: each costs its own item (a failure record saying why) and never
the rest of the batch. Readers only here (fast); tests/store/test_hostile_batch.py runs the
same inputs through extraction and the store."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from sitrep.ingest.article import InputError, make_article, parse_published, read_article_file
from sitrep.ingest.readers import ReaderOptions

GOOD = "Air strikes killed three people in Idlib on Monday, residents said."


def _jsonl(path, *lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_deeply_nested_json_line_fails_alone(read, tmp_path):
    path = _jsonl(tmp_path / "deep.jsonl", "[" * 100_000, json.dumps({"id": "ok", "text": GOOD}))
    (article,), (failure,) = read(path)
    assert article.id == "ok"
    assert failure.origin == f"{path}:1" and "nested too deeply" in failure.reason


def test_a_lone_surrogate_becomes_a_replacement_character(read, tmp_path):
    path = _jsonl(tmp_path / "s.jsonl", '{"id": "s\\ud800", "title": "T\\udfff", "text": "Shelling hit Aleppo \\udfff today."}')
    (article,), failures = read(path)
    assert failures == []
    assert article.text == "Shelling hit Aleppo \ufffd today." and article.title == "T\ufffd"
    article.article_id.encode("utf-8")  # the identity hash and the store need encodable text
    assert make_article("x \udfff y").text == "x \ufffd y"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_pipes_and_devices_in_a_folder_are_skipped_not_read(read, tmp_path):
    os.mkfifo(tmp_path / "a-pipe.txt")
    (tmp_path / "b-zero.txt").symlink_to("/dev/zero")
    (tmp_path / "c-dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "d-good.txt").write_text(GOOD)
    (article,), failures = read(tmp_path)
    assert article.origin == str(tmp_path / "d-good.txt")
    reasons = {os.path.basename(f.origin): (f.kind, f.reason) for f in failures}
    assert reasons["a-pipe.txt"][0] == "skipped" and "named pipe (FIFO)" in reasons["a-pipe.txt"][1]
    assert reasons["b-zero.txt"][0] == "skipped" and "a device" in reasons["b-zero.txt"][1]
    assert "/dev/zero" in reasons["b-zero.txt"][1]
    assert "cannot be opened" in reasons["c-dangling.txt"][1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_extract_refuses_a_pipe_instead_of_waiting_on_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_article_file(tmp_path / "pipe.txt")


def test_a_huge_csv_field_fails_its_row_and_the_rows_after_it_are_read(read, tmp_path):
    path = tmp_path / "wire.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("id,text\n")
        f.write('big,"' + "a" * 10_000_000 + '"\n')
        f.write('multi,"' + ("b" * 500_000 + "\n") * 3 + 'end of a long quoted field"\n')
        f.write(f'ok,"{GOOD}"\n')
    articles, failures = read(path)
    assert [(a.id, a.origin) for a in articles] == [("ok", f"{path}:7")]
    assert [f.origin for f in failures] == [f"{path}:2", f"{path}:3"]
    assert all("longer than" in f.reason and "--max-chars" in f.reason for f in failures)
    assert not any("quote" in f.reason for f in failures)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1500-06-01"])
def test_an_implausible_publication_date_is_refused_per_item(read, tmp_path, published):
    path = _jsonl(tmp_path / "d.jsonl", json.dumps({"text": GOOD, "published": published}),
                  json.dumps({"text": GOOD + " More.", "published": "2024-12-02"}))
    (article,), (failure,) = read(path)
    assert article.published == date(2024, 12, 2)
    assert failure.origin == f"{path}:1" and "not a plausible date" in failure.reason
    assert "--date-format" not in failure.reason  # the date was read; it is the value that is wrong
    with pytest.raises(InputError, match="not a plausible date"):
        parse_published(published)


def test_max_chars_cannot_exceed_what_spacy_parses():
    with pytest.raises(ValueError, match="at most 1,000,000"):
        ReaderOptions(max_chars=2_000_000)


def test_an_error_no_reader_foresaw_fails_the_line_alone(read, tmp_path, monkeypatch):
    from sitrep.ingest.readers import jsonl

    real = jsonl.record_article

    def flaky(record, origin, options):
        if record.get("id") == "bad":
            raise KeyError("surprise")
        return real(record, origin, options)

    monkeypatch.setattr(jsonl, "record_article", flaky)
    path = _jsonl(tmp_path / "x.jsonl", json.dumps({"id": "bad", "text": GOOD}), json.dumps({"id": "ok", "text": GOOD}))
    (article,), (failure,) = read(path)
    assert article.id == "ok" and "KeyError" in failure.reason and "please report" in failure.reason
