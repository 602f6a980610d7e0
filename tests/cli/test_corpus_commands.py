"""The read side of corpus mode through the CLI: events, actors, graph, timeline, export, failures."""

import csv
import io
import json

from typer.testing import CliRunner

from corpus_helpers import corpus_db  # noqa: F401  (fixture)
from sitrep.cli import app

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    return result


def test_events_table_csv_and_json_with_filters(corpus_db):
    table = run("events", "--db", corpus_db, "--country", "SYR", "--type", "Air/drone strike")
    assert table.exit_code == 0, table.output
    assert "Saraqib" in table.output and "Ariha" in table.output and "Baghdad" not in table.output
    out = run("events", "--db", corpus_db, "--format", "csv", "--since", "2024-11-25", "--until", "2024-11-30")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["location"] for r in rows] == ["Baghdad"] and rows[0]["event_type"] == "Protests"
    js = run("events", "--db", corpus_db, "--format", "json", "--actor", "Military Forces of Syria")
    events = json.loads(js.stdout)  # one JSON document
    jsonl = run("events", "--db", corpus_db, "--format", "jsonl", "--actor", "Military Forces of Syria")
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == events
    saraqeb = next(e for e in events if e["location"] == "Saraqib")
    assert len(saraqeb["reports"]) == 3 and all(r["merge_reason"] for r in saraqeb["reports"])


def test_actors_graph_and_timeline(corpus_db):
    actors = run("actors", "--db", corpus_db)
    assert actors.exit_code == 0 and "kb:hezbollah" in actors.output
    graph = run("graph", "--db", corpus_db)
    assert graph.exit_code == 0 and "Government of Iran" in graph.output and "backs" in graph.output
    tl = run("timeline", "--db", corpus_db, "--actor", "kb:hezbollah")
    assert tl.exit_code == 0, tl.output
    assert "2024-11-19" in tl.output and "Shelling/artillery/missile attack" in tl.output
    assert "Government of Iran backs Hezbollah" in tl.output


def test_export_writes_the_file_and_says_what(corpus_db, tmp_path):
    out = tmp_path / "events.csv"
    result = run("export", "--db", corpus_db, "--format", "acled-csv", "-o", out, "--country", "Iraq")
    assert result.exit_code == 0 and "wrote 1 events" in result.output
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,year,")


def test_failures_lists_nothing_for_a_clean_corpus(corpus_db):
    result = run("failures", "--db", corpus_db)
    assert result.exit_code == 0 and "no failures" in result.output


def test_user_errors_are_one_line_without_a_traceback(tmp_path, corpus_db):
    missing = run("events", "--db", tmp_path / "none.db")
    assert missing.exit_code == 2 and "sitrep ingest" in missing.output and "Traceback" not in missing.output
    bad_date = run("events", "--db", corpus_db, "--since", "yesterday")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    unknown = run("timeline", "--db", corpus_db, "--actor", "kb:nobody")
    assert unknown.exit_code == 2 and "sitrep actors" in unknown.output
    bad_column = run("ingest", "x.csv", "--db", tmp_path / "n.db", "--column", "body")
    assert bad_column.exit_code == 2 and "FIELD=COLUMN" in bad_column.output
    assert not (tmp_path / "n.db").exists()


def test_reextract_prints_what_changed(corpus_db, tmp_path):
    import sqlite3

    copy = tmp_path / "copy.db"
    with sqlite3.connect(corpus_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    out = run("reextract", "--db", copy, "--article", "https://wire.example/ap/ariha")
    assert out.exit_code == 0, out.output
    assert "extracted 1 of 6 stored article(s) again (0 document(s) changed)" in out.output
    assert "0 added, 0 removed, 0 retyped" in out.output


def test_ingest_takes_one_dask_cluster(tmp_path):
    out = run("ingest", tmp_path, "--db", tmp_path / "x.db", "--scheduler", "tcp://127.0.0.1:8786", "--dask-local", "2")
    assert out.exit_code != 0 and "not both" in out.output
