"""Two `sitrep ingest` processes into one new SQLite store at the same time: both succeed, and
the store holds exactly what one run after the other would have stored."""

import json
import os
import sqlite3
import subprocess
import sys

from corpus_helpers import ARTICLES


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
