"""Each adapter on the first few items of the real shared dev set: the format is read, the
extractor runs, and the report holds sane numbers and self-describing error cases."""

import signal
from contextlib import contextmanager

import pytest

from sitrep.evaluation import ADAPTERS, re3d

LIMIT = 4
SETS = {name: m.DEV_SET for name, m in ADAPTERS.items() if m.DEV_SET}
# A handful of articles takes seconds; far longer means the extractor is stuck on one.
DEADLINE_S = 120


@contextmanager
def deadline(seconds: int, what: str):
    def stuck(signum, frame):
        raise TimeoutError(f"{what} did not finish in {seconds} s: the extractor is stuck on an article")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(SETS))
def test_adapter_on_shared_dev_set(name, shared_data, extractor, bare_nlp):
    path = shared_data / SETS[name]
    # The shared folder is there (the fixture skips only when it is not): a missing set is an error.
    assert path.exists(), f"{path} is missing from the shared data"
    module = ADAPTERS[name]
    with deadline(DEADLINE_S, f"{name} on {LIMIT} items"):
        if module is re3d:
            report = re3d.evaluate(path, extractor, limit=LIMIT, bare_nlp=bare_nlp)
        else:
            report = module.evaluate(path, extractor, limit=LIMIT)
    assert report.n == LIMIT
    assert report.metrics
    for score in report.metrics:
        if score.unit == "ratio" and score.value is not None:
            assert 0.0 <= score.value <= 1.0, score
    for case in report.errors:
        assert case["id"] and case["text"] and case["gold"] and case["sitrep"]


def test_whole_fakes_set_is_read(shared_data):
    """Every FA-KES row parses (dates, totals) without running the extractor."""
    path = shared_data / SETS["fakes"]
    assert path.exists(), f"{path} is missing from the shared data"
    items = ADAPTERS["fakes"].load(path)
    assert len(items) > 100
    assert all(it.governorate for it in items)


def test_whole_ucdp_set_is_read(shared_data):
    """Every UCDP-AEC row parses and its GED country is known, without running the extractor."""
    path = shared_data / SETS["ucdp"]
    assert path.exists(), f"{path} is missing from the shared data"
    items = ADAPTERS["ucdp"].load(path)
    assert len(items) > 600
    assert all(it.iso3 for it in items), sorted({it.country for it in items if not it.iso3})
    assert all(it.low <= it.high and it.date_start <= it.date_end for it in items)
