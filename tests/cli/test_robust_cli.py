"""What a user can get wrong on the command line ends in a one-line error, never a traceback."""

from __future__ import annotations

from typer.testing import CliRunner

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
