"""One batch of hostile inputs through reading, extraction and the store: every bad item is a
recorded failure (or a skipped input) with its reason, and every good item is stored."""

from __future__ import annotations

import json
import os
import time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from corpus_helpers import ingest_articles
from sitrep.corpus.pipeline import IngestOptions, ingest
from sitrep.corpus.workers import extract_batch
from sitrep.ingest.article import make_article
from sitrep.ingest.readers import ReaderOptions, read_sources
from sitrep.store.engine import open_store
from sitrep.store.tables import ArticleRow, EventReport, Failure, Run
from sitrep.corpus.writer import CorpusWriter

GOOD = [
    "Air strikes killed three people in Idlib on Monday, residents said.",
    "Gunmen killed two soldiers in Homs on Sunday, officials said.",
    "Shelling killed four civilians in Aleppo on Saturday, a monitor said.",
]


def _hostile_folder(tmp_path):
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "good.txt").write_text(GOOD[0])
    with (root / "batch.jsonl").open("w") as f:
        f.write("[" * 100_000 + "\n")  # deep nesting
        f.write('{"id": "surrogate", "text": "Shelling hit Hama \\udfff on Monday, residents said."}\n')
        f.write(json.dumps({"id": "year-one", "text": GOOD[1] + " Again.", "published": "0001-01-01"}) + "\n")
        f.write(json.dumps({"id": "absurd", "published": "2024-12-02",
                            "text": "Gunmen killed 100000000000000000000000 people in Homs on Monday, officials said."}) + "\n")
        f.write(json.dumps({"id": "good-jsonl", "text": GOOD[1], "published": "2024-12-02"}) + "\n")
    with (root / "wire.csv").open("w") as f:
        f.write("id,text\n")
        f.write('huge,"' + "a" * 10_000_000 + '"\n')
        f.write(f'good-csv,"{GOOD[2]}"\n')
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    return root


def test_a_batch_of_hostile_inputs_stores_every_good_article(tmp_path, extractor):
    root = _hostile_folder(tmp_path)
    items = read_sources([root], ReaderOptions(published=None))
    engine, stats = ingest_articles(tmp_path / "h.db", extractor, items)
    with Session(engine) as s:
        stored = {a.document_id: a for a in s.scalars(select(ArticleRow))}
        failures = {f.origin.replace(str(root) + "/", ""): (f.stage, f.reason) for f in s.scalars(select(Failure))}
        reports = {r.article_id: r for r in s.scalars(select(EventReport))}
        run = s.scalars(select(Run)).one()
    assert run.status == "finished"
    assert {"good-jsonl", "good-csv", "surrogate", "absurd"} <= set(stored)
    assert any(a.origin.endswith("good.txt") for a in stored.values())
    assert "nested too deeply" in failures["batch.jsonl:1"][1]
    assert "not a plausible date" in failures["batch.jsonl:3"][1]
    assert "longer than" in failures["wire.csv:2"][1]
    assert failures["zero.txt"][0] == "skipped"
    if hasattr(os, "mkfifo"):
        assert failures["pipe.txt"][0] == "skipped"
    assert stats.failed == 3
    # The absurd toll is left out with a reason instead of overflowing the integer column.
    absurd = stored["absurd"]
    doc = json.loads(_document(engine, absurd.id))
    assert all(e["fatalities"] is None for e in doc["events"])
    assert any("more than any one event's" in w for w in doc["warnings"])
    assert reports[absurd.id].fatalities is None


def _document(engine, key):
    from sitrep.store.tables import ArticleDocument

    with Session(engine) as s:
        return s.get(ArticleDocument, key).document


class _SlowExtractor:
    """Stands in for the extractor: an article containing 'slow' takes far too long."""

    def __init__(self, real):
        self.real = real

    def pipe(self, articles, batch_size=16):
        for a in articles:
            yield self.extract_article(a)

    def extract_article(self, article):
        if "slow" in article.text:
            time.sleep(30)
        return self.real.extract_article(article)


def test_one_article_is_bounded_in_time_and_fails_alone(extractor):
    batch = [(f"k{i}", make_article(t, published="2024-12-02", origin=f"in:{i}"))
             for i, t in enumerate([GOOD[0], "A slow report about Idlib.", GOOD[1]])]
    started = time.monotonic()
    out = extract_batch(_SlowExtractor(extractor), batch, 16, article_timeout=0.3)
    assert time.monotonic() - started < 5
    assert [x.document is not None for x in out] == [True, False, True]
    assert "longer than 0.3 s" in out[1].error and "--article-timeout" in out[1].error


def test_a_reader_that_breaks_loses_nothing_read_before_it(tmp_path, extractor):
    def items():
        yield make_article(GOOD[0], id="before", published="2024-12-02", origin="in:1")
        raise RuntimeError("reader bug")

    engine = open_store(tmp_path / "b.db")
    writer = CorpusWriter(engine)
    run_id = writer.start_run(["x"], 1)
    stats = ingest(items(), writer, run_id, IngestOptions(batch_size=4), extractor=extractor)
    assert (stats.stored, stats.failed) == (1, 1)
    with Session(engine) as s:
        (failure,) = s.scalars(select(Failure))
    assert "reading stopped after 1 article(s): RuntimeError: reader bug" in failure.reason
