"""Two `sitrep ingest` processes into one new SQLite store at the same time: both succeed, and
the store holds exactly what one run after the other would have stored."""

import json
import os
import sqlite3
import subprocess
import sys

from corpus_helpers import ARTICLES, corpus_db, postgres  # noqa: F401  (fixtures)


def _counts(db):
    con = sqlite3.connect(db)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": q("SELECT COUNT(*) FROM articles")[0][0],
            "failures": q("SELECT origin, reason FROM failures"),
            # Every running tally must equal a recount from the rows it counts.
            "entity_counts": q("SELECT e.id FROM entities e LEFT JOIN (SELECT entity_id, COUNT(*) n "
                               "FROM article_entities GROUP BY entity_id) a ON a.entity_id = e.id "
                               "WHERE e.n_articles != COALESCE(a.n, 0)"),
            "event_counts": q("SELECT e.id FROM events e LEFT JOIN (SELECT event_id, COUNT(*) n "
                              "FROM event_reports GROUP BY event_id) r ON r.event_id = e.id "
                              "WHERE e.n_reports != COALESCE(r.n, 0)"),
            "runs": q("SELECT status, n_stored FROM runs ORDER BY id"),
        }
    finally:
        con.close()


def test_two_ingest_processes_into_one_new_store(tmp_path):
    halves = [ARTICLES[::2], ARTICLES[1::2]]
    inputs = []
    for i, half in enumerate(halves):
        path = tmp_path / f"part{i}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in half))
        inputs.append(path)
    db = tmp_path / "shared.db"
    env = dict(os.environ, COLUMNS="200")
    procs = [subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(p), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
             for p in inputs]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for code, stderr in results:
        assert code == 0, stderr[-2000:]
    assert any("waiting:" in stderr for _, stderr in results)  # the second run waited its turn
    counts = _counts(db)
    assert counts["articles"] == len(ARTICLES) and counts["failures"] == []
    assert counts["entity_counts"] == [] and counts["event_counts"] == []
    assert sorted(counts["runs"]) == sorted([("finished", len(h)) for h in halves])


def _store_counts(url: str) -> dict:
    """The same checks as `_counts`, through SQLAlchemy (any backend)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as c:
            q = lambda sql: [tuple(r) for r in c.execute(text(sql))]  # noqa: E731
            return {
                "articles": q("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles")[0],
                "documents": q("SELECT COUNT(*) FROM article_documents")[0][0],
                "failures": q("SELECT origin, reason FROM failures"),
                "entity_counts": q("SELECT e.id FROM entities e LEFT JOIN (SELECT entity_id, COUNT(*) n "
                                   "FROM article_entities GROUP BY entity_id) a ON a.entity_id = e.id "
                                   "WHERE e.n_articles != COALESCE(a.n, 0)"),
                "event_counts": q("SELECT e.id FROM events e LEFT JOIN (SELECT event_id, COUNT(*) n "
                                  "FROM event_reports GROUP BY event_id) r ON r.event_id = e.id "
                                  "WHERE e.n_reports != COALESCE(r.n, 0)"),
                "reports_per_article": q("SELECT a.id FROM articles a LEFT JOIN (SELECT article_id, COUNT(*) n "
                                         "FROM event_reports GROUP BY article_id) r ON r.article_id = a.id "
                                         "WHERE a.n_events != COALESCE(r.n, 0)"),
                "story_counts": q("SELECT s.id FROM stories s LEFT JOIN (SELECT story_id, COUNT(*) n FROM articles "
                                  "GROUP BY story_id) a ON a.story_id = s.id WHERE s.n_articles != COALESCE(a.n, 0)"),
                "events": sorted(q("SELECT COALESCE(sub_event_type, plover_type), location, fatalities, n_reports, "
                                   "n_sources FROM events"), key=str),
                "stored_per_run": sorted(r[0] for r in q("SELECT n_stored FROM runs")),
            }
    finally:
        engine.dispose()


def test_two_ingest_processes_with_overlapping_inputs_into_one_postgresql_store(tmp_path, postgres, corpus_db):
    """No lock file on a server database: the two runs extract at the same time and take turns
    per written batch; whatever the interleaving, nothing is lost and nothing is stored twice."""
    # Each input holds four of the six articles, in opposite orders, so the runs meet midway.
    parts = [ARTICLES[:4], ARTICLES[::-1][:4]]
    inputs = []
    for i, part in enumerate(parts):
        path = tmp_path / f"part{i}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in part))
        inputs.append(path)
    url = postgres.new()
    env = dict(os.environ, COLUMNS="200")
    procs = [subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(p), "--db", url, "--batch-size", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
             for p in inputs]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for code, stderr in results:
        assert code == 0, stderr[-2000:]
        assert "waiting:" not in stderr  # no lock file: the runs overlap
    counts = _store_counts(url)
    assert counts["articles"] == (len(ARTICLES), len(ARTICLES)) and counts["documents"] == len(ARTICLES)
    assert counts["failures"] == []
    for tally in ("entity_counts", "event_counts", "reports_per_article", "story_counts"):
        assert counts[tally] == [], tally
    assert sum(counts["stored_per_run"]) == len(ARTICLES)  # each article stored by one run only
    # The same merged events as one run of the whole corpus (the session's SQLite store).
    assert counts["events"] == _store_counts(f"sqlite:///{corpus_db}")["events"]
