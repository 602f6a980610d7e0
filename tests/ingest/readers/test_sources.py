import io
import sys

import pytest

from sitrep.ingest.readers import ReaderOptions, ReadFailure, parse_columns, read_sources


def test_a_folder_is_read_recursively_in_name_order_without_hidden_files(read, fixtures):
    nested = fixtures / "nested"
    items = list(read_sources([nested]))
    assert [i.origin for i in items] == [
        f"{nested}/aleppo/2024-11-30-aleppo-advance.txt",
        f"{nested}/idlib/2024/observer.atom#item-1",
        f"{nested}/idlib/2024/observer.atom#item-2",
        f"{nested}/idlib/2024/sarmin-airstrike.txt",
        f"{nested}/idlib/fetch.log",
    ]
    skipped = items[-1]
    assert isinstance(skipped, ReadFailure) and skipped.kind == "skipped"
    assert "does not read .log files" in skipped.reason and ".jsonl" in skipped.reason
    assert not any("hidden" in (getattr(i, "text", "") or "") for i in items)
    # Deterministic: the same order every time.
    assert [i.origin for i in read_sources([nested])] == [i.origin for i in items]


def test_sources_keep_the_order_given(read, fixtures):
    articles, _ = read(fixtures / "text" / "deir-ez-zor-shelling.txt", fixtures / "nested" / "aleppo")
    assert [a.title for a in articles] == ["Shelling kills two in Deir ez-Zor countryside", "Rebels advance into Aleppo"]


def test_missing_paths_empty_folders_and_folder_links_are_reported(read, tmp_path, fixtures):
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-hidden").mkdir()
    (tmp_path / "only-hidden" / ".draft.txt").write_text("Shelling in Homs killed two.")
    (tmp_path / "with-link").mkdir()
    (tmp_path / "with-link" / "elsewhere").symlink_to(fixtures / "nested", target_is_directory=True)
    articles, failures = read(tmp_path / "nope.txt", tmp_path / "empty", tmp_path / "only-hidden", tmp_path / "with-link")
    assert articles == []
    assert [f.reason.split(str(tmp_path))[-1] for f in failures] == [
        "/nope.txt does not exist. Check the path (or quote a URL with its http:// prefix).",
        "/empty has no files to read (hidden files are skipped).",
        "/only-hidden has no files to read (hidden files are skipped).",
        "/with-link/elsewhere: a link to a folder is not followed; give the folder itself.",
    ]


def test_urls_are_not_fetched_unless_asked(read):
    articles, failures = read("https://levant.example.net/feed.rss", "ftp://levant.example.net/feed.rss")
    assert articles == []
    assert "pass --fetch" in failures[0].reason
    assert "only http:// and https://" in failures[1].reason


def test_standard_input_json_lines_or_text(monkeypatch):
    def stdin(data: bytes):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        return list(read_sources(["-"]))

    batch = stdin(b'{"text": "Shelling in Hama killed two."}\n{"text": \n')
    assert [type(i).__name__ for i in batch] == ["ArticleInput", "ReadFailure"]
    assert batch[1].origin == "standard input:2"
    (article,) = stdin(b"Shelling in Hama\nTwo people were killed, activists said.\n")
    assert article.title == "Shelling in Hama" and article.origin == "standard input"


def test_options_refuse_what_cannot_work():
    with pytest.raises(ValueError, match="cannot map column.*to body"):
        ReaderOptions(columns={"body": "text"})
    with pytest.raises(ValueError, match="pass --fetch as well"):
        ReaderOptions(fetch_pages=True)
    with pytest.raises(ValueError, match="one character"):
        ReaderOptions(delimiter=";;")
    with pytest.raises(ValueError, match="timeout must be positive"):
        ReaderOptions(timeout=0)


def test_parse_columns_reads_the_command_line_form():
    assert parse_columns(["text=article_content", " published = date "]) == {
        "text": "article_content", "published": "date",
    }
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_columns(["article_content"])
    with pytest.raises(ValueError, match="not a field"):
        parse_columns(["body=article_content"])


def test_a_given_publication_date_fills_only_articles_without_one(tmp_path):
    from datetime import date

    from sitrep.ingest.readers import ReaderOptions, read_sources

    (tmp_path / "a.txt").write_text("Shelling hit Homs on Sunday, killing two.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "Shelling hit Homs.", "published": "2024-11-01"}\n', encoding="utf-8")
    items = list(read_sources([tmp_path], ReaderOptions(published=date(2024, 12, 2))))
    by_origin = {item.origin.split("/")[-1].split(":")[0]: item for item in items}
    assert by_origin["a.txt"].published == date(2024, 12, 2)
    assert any("given by the user" in n for n in by_origin["a.txt"].notes)
    assert by_origin["b.jsonl"].published == date(2024, 11, 1)


def test_count_items_estimates_what_a_run_will_read(fixtures, tmp_path):
    from sitrep.ingest.readers.sources import count_items

    table = tmp_path / "t.csv"
    table.write_text('id,text\na,"two\nlines"\n\nb,"one ""quoted"" word"\n', encoding="utf-8")
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    assert count_items([table, batch]) == 2 + 3
    assert count_items([fixtures / "feeds" / "levant-wire.rss"]) == 3
    assert count_items(["-"]) is None and count_items(["https://example.org/feed"]) is None
