"""`sitrep serve` latency on a synthetic store of 100,000 events.

    python bench/serve_speed.py                   # 100k events, at most 60 s of load
    python bench/serve_speed.py --events 20000 --seconds 30 --clients 2

Builds the store (cached by size in the system temp folder; --rebuild to make it again), starts
`sitrep serve --preload` in its own process on a free loopback port with a token, then sends a
bounded load from --clients threads over keep-alive connections:

- GET /api/events: a page of 100 with two filters (a country and an event type, drawn at random:
  60 pairs, so after the first minute mostly answered from the server's cache while the store is
  unchanged); and the same with a random `since` day, which the cache has almost never seen;
- GET /api/events/{id}: one event with its reports, their field evidence and merge reasons;
- GET /api/timeline: events per day by type over the whole store, and for one country;
- POST /api/extract: the example article, sequentially, once the extractor is loaded.

The load stops at --seconds in all (split between the endpoints) or --requests per endpoint,
whichever comes first. Prints p50/p95/p99/max per endpoint as a markdown table. Targets (issue
11): p99 <= 50 ms for one event and for a filtered page; extract of the example article <= 1 s.

The synthetic store is written with the store's own tables (bulk inserts, not the ingest
pipeline, which would take hours for 100k events): 10 countries, 2 years of days, every ACLED
sub-event type, 300 actors, 1-2 reports per event from 50,000 articles, each with a small
document whose offsets point at its text, so the event endpoint does its real work.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "iraqi-fighters-enter-syria.txt"
TOKEN = "bench-token"
COUNTRIES = {  # iso3: (lat, lon) of a box corner, box 4° wide
    "SYR": (33.0, 36.0), "IRQ": (31.0, 41.0), "YEM": (13.0, 43.0), "LBN": (33.0, 35.2), "ISR": (30.5, 34.5),
    "NGA": (7.0, 4.0), "MMR": (17.0, 94.0), "MEX": (18.0, -102.0), "SDN": (12.0, 28.0), "UKR": (47.0, 32.0),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------ the synthetic store
def build_store(db: Path, n_events: int, seed: int = 11) -> None:
    from sqlalchemy import insert

    from sitrep.model import ACLED_TYPES
    from sitrep.store.engine import open_store
    from sitrep.store.tables import (ArticleDocument, ArticleRow, EntityRow, EventReport, EventRow, Run, Story)

    rng = random.Random(seed)
    engine = open_store(db)
    now = datetime(2025, 1, 1)
    subs = [(t, s) for t, ss in ACLED_TYPES.items() for s in ss]
    actors = [(f"kb:bench-actor-{i}", f"Bench Armed Group {i}", rng.choice(list(COUNTRIES))) for i in range(300)]
    n_articles = max(1, n_events // 2)
    start = date(2023, 1, 1)
    text_template = ("{actor1} forces attacked {actor2} positions in {place} on {day}, killing {n} people, "
                     "local officials said. " + "Residents described heavy fighting through the night. " * 20)
    with engine.begin() as c:
        c.execute(insert(Run), [{"id": 1, "sitrep_version": "bench", "started_at": now, "finished_at": now,
                                 "status": "finished", "sources": "bench", "workers": 1}])
        c.execute(insert(EntityRow), [{"id": i, "name": n, "kind": "rebel_group", "inter": 2, "country": k, "generic": False,
                                       "n_articles": 10, "first_seen": start, "last_seen": start + timedelta(days=700)}
                                      for i, n, k in actors])
        events, reports, articles, docs, stories, doc_rows = [], [], [], [], [], []
        report_id = 0
        for i in range(1, n_events + 1):
            iso = rng.choice(list(COUNTRIES))
            lat0, lon0 = COUNTRIES[iso]
            etype, sub = rng.choice(subs)
            day = start + timedelta(days=rng.randrange(730))
            a1, a2 = rng.sample(actors, 2)
            killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 20, 40])
            events.append({
                "id": i, "event_id_cnty": f"{iso}{i}", "status": "current" if rng.random() < 0.9 else "background",
                "event_date": day, "date_end": day, "year": day.year, "time_precision": 1,
                "disorder_type": "Political violence", "event_type": etype, "sub_event_type": sub,
                "actor1_id": a1[0], "actor1": a1[1], "actor2_id": a2[0], "actor2": a2[1], "inter1": 2, "inter2": 2,
                "interaction": 22, "country": iso, "admin1": f"{iso} Region {rng.randrange(8)}", "location": f"Town {rng.randrange(500)}",
                "latitude": lat0 + rng.random() * 4, "longitude": lon0 + rng.random() * 4, "geo_precision": rng.choice([1, 1, 2, 3]),
                "fatalities": killed, "fatalities_low": killed, "fatalities_high": killed, "n_reports": 0, "n_sources": 0,
                "sources": "Bench Wire", "notes": "synthetic", "first_reported": day, "last_reported": day,
                "updated_at": now, "updated_timestamp": 1735689600,
            })
            for _ in range(rng.choice([1, 1, 2])):
                report_id += 1
                art = rng.randrange(n_articles)
                place = events[-1]["location"]
                text = text_template.format(actor1=a1[1], actor2=a2[1], place=place, day=day.strftime("%A"), n=killed or 0)
                sentence_end = text.index("said.") + 5
                reports.append({
                    "id": report_id, "event_id": i, "article_id": f"bench-{art}", "document_event_id": f"e{report_id}",
                    "merge_reason": "same type; same actors; same place; dates overlap", "status": "current",
                    "event_type": etype, "sub_event_type": sub, "actor1": a1[0], "actor2": a2[0], "country": iso,
                    "location": place, "date_start": day, "date_end": day, "date_precision": "day",
                    "fatalities": killed, "certainty": "reported", "attribution_kind": "named_official",
                    "attribution_text": "local officials", "confidence": round(rng.uniform(0.3, 1.0), 2),
                    "summary": f"{a1[1]} attacked {a2[1]} in {place}.", "evidence": json.dumps([[0, sentence_end]]),
                    "evidence_text": text[:sentence_end], "published": day,
                })
                events[-1]["n_reports"] += 1
                events[-1]["n_sources"] += 1
                docs.append((f"bench-{art}", f"e{report_id}", text, a1, a2, place, sentence_end))
        # One document per article holding every event report that names it.
        by_article: dict[str, list] = {}
        for d in docs:
            by_article.setdefault(d[0], []).append(d)
        for n, (aid, items) in enumerate(sorted(by_article.items()), 1):
            text = items[0][2]
            stories.append({"id": n, "first_article_id": aid, "title": aid, "n_articles": 1})
            articles.append({"id": aid, "document_id": aid, "title": f"Bench report {n}", "published": start,
                             "source": "Bench Wire", "n_chars": len(text), "text_sha256": hashlib.sha256(aid.encode()).hexdigest(),
                             "story_id": n, "n_events": len(items), "run_id": 1, "ingested_at": now})
            doc = {"schema": "sitrep.document/1", "article": {"id": aid, "text": text, "language": "en"},
                   "entities": [], "places": [], "events": [], "relations": [], "statements": [], "warnings": []}
            for _, eid, _, a1, a2, place, end in items:
                for actor in (a1, a2):
                    at = text.find(actor[1])
                    if not any(e["id"] == actor[0] for e in doc["entities"]):
                        doc["entities"].append({"id": actor[0], "name": actor[1], "kind": "rebel_group", "mentions": [
                            {"start": at, "end": at + len(actor[1]), "text": actor[1]}] if at >= 0 else []})
                at = text.find(place)
                doc["places"].append({"id": f"bench:{place}", "name": place, "feature": "town",
                                      "mentions": [{"start": at, "end": at + len(place), "text": place}]})
                doc["events"].append({"id": eid, "status": "current", "actor1": a1[0], "actor2": a2[0],
                                      "location": {"place": f"bench:{place}", "reason": "synthetic"},
                                      "date": {"text": None, "reason": "synthetic"}, "evidence": [{"start": 0, "end": end}],
                                      "attribution": {"text": "local officials"}, "confidence": 0.8, "summary": "synthetic"})
            doc_rows.append({"article_id": aid, "document": json.dumps(doc)})
        chunk = 5000
        for rows, table in ((stories, Story), (articles, ArticleRow), (doc_rows, ArticleDocument), (events, EventRow),
                            (reports, EventReport)):
            for k in range(0, len(rows), chunk):
                c.execute(insert(table), rows[k : k + chunk])
    with engine.connect() as c:
        c.exec_driver_sql("ANALYZE")
    engine.dispose()


# ------------------------------------------------------------------ load
class Client:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
        self.conn.request(method, path, body=body, headers=headers or {})
        r = self.conn.getresponse()
        return r.status, r.read()


def measure(port: int, make_path, clients: int, max_requests: int, seconds: float, method: str = "GET",
            body: bytes | None = None, headers: dict | None = None) -> tuple[list[float], float]:
    """Latencies (ms) of up to `max_requests` requests sent from `clients` threads for at most
    `seconds`, and the wall time they took; every response must be 200."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(max_requests))
    errors: list[str] = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        c = Client(port)
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    return
            path = make_path(rng)
            t0 = time.perf_counter()
            status, data = c.request(method, path, body, headers)
            dt = (time.perf_counter() - t0) * 1000
            if status != 200:
                errors.append(f"{status} {path}: {data[:200]!r}")
                return
            with lock:
                latencies.append(dt)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"requests failed: {errors[:3]}")
    return latencies, time.monotonic() - t0


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=60.0, help="The whole load, all endpoints (at most).")
    ap.add_argument("--requests", type=int, default=2000, help="At most this many requests per endpoint.")
    ap.add_argument("--clients", type=int, default=2, help="Concurrent keep-alive connections.")
    ap.add_argument("--db", type=Path, help="The synthetic store (default: cached in the temp folder).")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-extract", action="store_true", help="Skip POST /api/extract (no model load).")
    args = ap.parse_args()

    db = args.db or Path(tempfile.gettempdir()) / f"sitrep-serve-bench-{args.events}.db"
    if args.rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        t0 = time.monotonic()
        print(f"building a synthetic store of {args.events:,} events in {db} …", file=sys.stderr)
        build_store(db, args.events)
        print(f"  built in {time.monotonic() - t0:.0f} s ({db.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)

    port = _free_port()
    env = dict(os.environ, SITREP_TOKEN=TOKEN, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    cmd = [sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)]
    if not args.no_extract:
        cmd.append("--preload")
    t0 = time.monotonic()
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            try:
                status, _ = Client(port).request("GET", "/api/health")
                if status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                raise SystemExit(f"sitrep serve stopped: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        startup = time.monotonic() - t0
        print(f"server up in {startup:.1f} s (extractor {'loaded' if not args.no_extract else 'not loaded'})", file=sys.stderr)
        run(port, args, startup)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def run(port: int, args, startup: float) -> None:
    from sitrep.model import ACLED_TYPES

    types = list(ACLED_TYPES)
    isos = list(COUNTRIES)
    n = args.events
    q = lambda d: "&".join(f"{k}={v.replace(' ', '%20').replace('/', '%2F')}" for k, v in d.items())  # noqa: E731
    cases = [
        ("GET /api/events (page of 100, country + event type)",
         lambda r: "/api/events?" + q({"limit": "100", "country": r.choice(isos), "event_type": r.choice(types)})),
        # A since day drawn from two years: almost every request is new to the server's cache.
        ("GET /api/events (same, plus a random since day: uncached)",
         lambda r: "/api/events?" + q({"limit": "100", "country": r.choice(isos), "event_type": r.choice(types),
                                       "since": (date(2023, 1, 1) + timedelta(days=r.randrange(730))).isoformat()})),
        ("GET /api/events/{id}", lambda r: f"/api/events/{r.randrange(1, n + 1)}"),
        ("GET /api/timeline (whole store)", lambda r: "/api/timeline"),
        ("GET /api/timeline (one country)", lambda r: "/api/timeline?country=" + r.choice(isos)),
    ]
    budget = args.seconds / (len(cases) + (0 if args.no_extract else 1))
    rows = []
    for name, make in cases:
        measure(port, make, 1, 5, 10)  # warm the connection and the database pages
        rows.append((name, *measure(port, make, args.clients, args.requests, budget)))
    if not args.no_extract:
        body = json.dumps({"text": EXAMPLE.read_text(encoding="utf-8"), "published": "2024-12-02"}).encode()
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        rows.append(("POST /api/extract (example article)", *measure(port, lambda r: "/api/extract", 1, 200, budget,
                                                                     "POST", body, headers)))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{n:,} events; {args.clients} client(s) on loopback; server start {startup:.1f} s; "
          f"{os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at the end\n")
    print("| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | req/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, lat, wall in rows:
        rate = len(lat) / wall
        print(f"| {name} | {len(lat)} | {statistics.median(lat):.1f} | {pct(lat, 95):.1f} | {pct(lat, 99):.1f} | "
              f"{max(lat):.1f} | {rate:.0f} |")


if __name__ == "__main__":
    main()
