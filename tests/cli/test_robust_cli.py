"""What a user can get wrong on the command line ends in a one-line error, never a traceback."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corpus_helpers import corpus_db  # noqa: F401  (fixture)
from sitrep.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def test_an_implausible_published_date_is_refused_before_anything_runs(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Homs on Monday.")
    for day in ("0001-01-01", "9999-12-31"):
        result = run("ingest", tmp_path / "a.txt", "--db", tmp_path / "s.db", "--published", day)
        assert result.exit_code == 2, result.output
        assert "not a plausible date" in result.output and result.exception.__class__ is SystemExit
        result = run("extract", tmp_path / "a.txt", "--published", day)
        assert result.exit_code == 2 and "not a plausible date" in result.output
    assert not (tmp_path / "s.db").exists()


def test_max_chars_beyond_what_spacy_parses_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Homs on Monday.")
    for command in (["ingest", tmp_path / "a.txt", "--db", tmp_path / "s.db"], ["extract", tmp_path / "a.txt"]):
        result = run(*command, "--max-chars", "2000000")
        assert result.exit_code == 2 and "1000000" in result.output, result.output


def test_export_to_a_full_disk_a_missing_folder_or_standard_output(corpus_db, tmp_path):
    full = run("export", "--db", corpus_db, "--format", "acled-csv", "-o", "/dev/full")
    assert full.exit_code == 2 and "No space left on device" in full.output, full.output
    assert full.exception.__class__ is SystemExit  # a message, not a traceback
    missing = run("export", "--db", corpus_db, "--format", "geojson", "-o", tmp_path / "no" / "events.geojson")
    assert missing.exit_code == 2 and "does not exist; create it first" in missing.output
    out = run("export", "--db", corpus_db, "--format", "acled-csv", "-o", "-")
    assert out.exit_code == 0 and out.stdout.startswith("event_id_cnty,event_date,")
    assert not (Path("-")).exists()


def test_ingest_into_a_read_only_store_says_so(corpus_db, tmp_path):
    import shutil
    import sqlite3

    db = tmp_path / "ro.db"
    con = sqlite3.connect(corpus_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(corpus_db, db)
    (tmp_path / "a.txt").write_text("Shelling hit Homs on Monday, residents said.")
    result = run("ingest", tmp_path / "a.txt", "--db", f"sqlite:///file:{db}?mode=ro&uri=true", "--published", "2024-12-02")
    assert result.exit_code == 2 and "read-only" in result.output, result.output
    assert result.exception.__class__ is SystemExit


def test_a_damaged_store_is_refused_by_every_command(tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"\x00garbage" * 1000)
    for command in (["events"], ["actors"], ["failures"], ["export", "-f", "jsonl", "-o", tmp_path / "x.jsonl"]):
        result = run(*command, "--db", db)
        assert result.exit_code == 2 and "not a sitrep store, or is damaged" in result.output, result.output


def test_tables_are_tab_separated_when_piped(corpus_db):
    result = run("events", "--db", corpus_db, "--country", "SYR")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "date", "type", "actors", "location", "killed", "sources"]
    assert all(len(line.split("\t")) == 7 for line in lines)
    assert any("Military Forces of Syria (2000-2024)" in line for line in lines)  # whole, not folded
    actors = run("actors", "--db", corpus_db).stdout.splitlines()
    assert actors[0].startswith("id\tname\t") and any(line.startswith("kb:hezbollah\t") for line in actors)


def test_version_and_help_without_python_types():
    version = run("--version")
    assert version.exit_code == 0 and version.stdout.startswith("sitrep ")
    help_text = run("ingest", "--help").stdout
    assert "<bool>" not in help_text and "list[" not in help_text and "<str>" not in help_text
    assert "--max-bytes" in help_text  # the option the size refusal names


def test_an_ingest_that_reads_nothing_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", tmp_path / "empty.txt", "--db", tmp_path / "s.db")
    assert result.exit_code == 1 and "0 article(s)" in result.output
    (tmp_path / "notes.md").write_text("# notes")
    result = run("ingest", tmp_path / "notes.md", "--db", tmp_path / "s.db")
    assert result.exit_code == 1 and "skipped as not articles" in result.output


def test_help_shows_choices_as_they_are_typed():
    assert "table|csv|json|jsonl" in run("events", "--help").stdout
