"""`sitrep ingest` as a user runs it: a real process, killed with SIGKILL mid-run, then rerun."""

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from corpus_helpers import ARTICLES

TOWNS = [("Saraqeb", "Idlib"), ("Ariha", "Idlib"), ("Sarmin", "Idlib"), ("Binnish", "Idlib"),
         ("Taftanaz", "Idlib"), ("Jisr al-Shughur", "Idlib"), ("Atarib", "Aleppo"), ("Darat Izza", "Aleppo"),
         ("Anadan", "Aleppo"), ("Tal Rifaat", "Aleppo"), ("Manbij", "Aleppo"), ("Al-Bab", "Aleppo")]
DAYS = [("Monday", "2024-12-03"), ("Tuesday", "2024-12-04"), ("Thursday", "2024-12-06")]


def corpus() -> list[dict]:
    """The shared reports plus short strike reports on other towns and days (36 in all)."""
    rows = [dict(a) for a in ARTICLES]
    for i, ((town, province), (day, published)) in enumerate((t, d) for t in TOWNS for d in DAYS[:2]):
        rows.append({
            "id": f"strike-{i}", "url": f"https://wire.example/strikes/{i}", "source": "Wire",
            "published": published,
            "text": f"Air strikes killed {i + 2} people in {town} in {province} province on {day}, "
                    f"residents said.\nA local official in {town} said the raids destroyed a school.",
        })
    return rows


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "body", "url", "source", "day"])
        w.writeheader()
        for r in rows:
            y, m, d = r["published"].split("-")
            w.writerow({"id": r["id"], "body": r["text"], "url": r["url"], "source": r["source"], "day": f"{m}/{d}/{y[2:]}"})
    return path


def _count(db, sql="SELECT COUNT(*) FROM articles"):
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        con.close()


def _killed_after_a_few(cmd: list[str], db, env: dict, n_rows: int, within: float, **popen) -> int:
    """Run `cmd`, SIGKILL it (its whole process group when started in a new session) once it
    has stored 4 articles; the number stored then."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, **popen)

    def kill():
        if popen.get("start_new_session"):
            os.killpg(proc.pid, signal.SIGKILL)  # the whole job: a LocalCluster's workers too
        else:
            proc.send_signal(signal.SIGKILL)
        proc.wait()

    deadline = time.monotonic() + within
    while _count(db) < 4:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            kill()
            pytest.fail(f"ingest stored nothing within {within:.0f} s")
        time.sleep(0.05)
    kill()
    stored = _count(db)
    assert 4 <= stored < n_rows, "the kill came too late to test resuming"
    return stored


def test_sigkill_mid_run_then_rerun_stores_every_article_exactly_once(tmp_path):
    rows = corpus()
    source = _write_csv(tmp_path / "reports.csv", rows)
    db = tmp_path / "conflict.db"
    cmd = [sys.executable, "-m", "sitrep", "ingest", str(source), "--db", str(db), "--batch-size", "1",
           "--column", "text=body", "--column", "published=day", "--date-format", "%m/%d/%y"]
    env = dict(os.environ, COLUMNS="120")
    stored_before = _killed_after_a_few(cmd, db, env, len(rows), 120)

    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"stored {len(rows) - stored_before} article(s)" in done.stderr
    assert _count(db) == len(rows)
    assert _count(db, "SELECT COUNT(DISTINCT document_id) FROM articles") == len(rows)
    assert _count(db, "SELECT COUNT(*) FROM article_documents") == len(rows)
    # Every article's events are stored once: reports match the documents' event counts.
    assert _count(db, "SELECT SUM(n_events) FROM articles") == _count(db, "SELECT COUNT(*) FROM event_reports")
    assert _count(db, "SELECT SUM(n_reports) FROM events") == _count(db, "SELECT COUNT(*) FROM event_reports")
    assert _count(db, "SELECT COUNT(*) FROM runs WHERE status = 'running'") == 1  # the killed run
    assert _count(db, "SELECT n_stored FROM runs WHERE status = 'finished'") == len(rows) - stored_before

    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and f"skipped {len(rows)} already stored" in again.stderr
    assert _count(db) == len(rows)


def _events(db) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT id, event_id_cnty, sub_event_type, location, fatalities, n_reports, n_sources "
                           "FROM events ORDER BY id").fetchall()
    finally:
        con.close()


def test_a_dask_run_killed_mid_way_resumes_to_the_store_one_uninterrupted_run_makes(tmp_path):
    """The whole job (this process, its LocalCluster and workers) killed with SIGKILL after a few
    batches; the same command again stores the rest, and the store equals one run's."""
    pytest.importorskip("distributed", reason="Dask is an extra: pip install 'sitrep[dask]'")
    rows = corpus()
    source = _write_csv(tmp_path / "reports.csv", rows)
    args = [str(source), "--batch-size", "1", "--column", "text=body", "--column", "published=day",
            "--date-format", "%m/%d/%y"]
    sitrep = [sys.executable, "-m", "sitrep", "ingest"]
    env = dict(os.environ, COLUMNS="120")

    reference = tmp_path / "one-run.db"
    done = subprocess.run([*sitrep, *args, "--db", str(reference)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]

    db = tmp_path / "dask.db"
    cmd = [*sitrep, *args, "--db", str(db), "--dask-local", "2"]
    stored_before = _killed_after_a_few(cmd, db, env, len(rows), 300, start_new_session=True)

    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"stored {len(rows) - stored_before} article(s)" in again.stderr
    for sql in ("SELECT COUNT(*) FROM articles", "SELECT COUNT(*) FROM event_reports", "SELECT COUNT(*) FROM stories",
                "SELECT SUM(n_events) FROM articles", "SELECT COUNT(*) FROM relations"):
        assert _count(db, sql) == _count(reference, sql), sql
    # The same events under the same ids: batches are stored in input order, killed or not.
    assert _events(db) == _events(reference)
