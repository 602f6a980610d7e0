"""The tune/check discipline: every set is cut into two fixed halves by a hash of each item's id,
and the errors of check items are counted but never handed out."""

import json
from collections import Counter

import pytest
from evalhelpers import Canned, document, event
from typer.testing import CliRunner

import sitrep.cli.evaluate as cli_eval
from sitrep.cli import app
from sitrep.evaluation import ADAPTERS, EvalInputError, case2021, split_of
from sitrep.evaluation.common import content_key, select

runner = CliRunner(env={"COLUMNS": "200"})
SHARED = {name: m.DEV_SET for name, m in ADAPTERS.items() if m.DEV_SET}


def test_split_is_a_fixed_function_of_dataset_and_id():
    # Pinned: a change to the hash would silently move items between the halves and make every
    # tune/check number in docs/accuracy.md incomparable with the next measurement.
    assert [split_of("case2021", i) for i in "12345"] == ["tune", "tune", "tune", "check", "tune"]
    assert split_of("fakes", "101") == "check" and split_of("plover", "TEST-FIGHT-0001") == "tune"
    # The dataset name is part of the key: the same id can fall in different halves of two sets.
    assert {split_of(d, "7") for d in ("acled", "case2021", "fakes", "re3d", "plover", "ucdp")} == {"tune", "check"}
    # Numbers and their decimal strings are one id (UCDP ids are ints in the file).
    assert split_of("ucdp", 384566) == split_of("ucdp", "384566")


def test_split_is_roughly_half_and_half():
    counts = Counter(split_of("any", f"item-{i}") for i in range(4000))
    assert 1850 <= counts["tune"] <= 2150 and counts["tune"] + counts["check"] == 4000


def test_select_keeps_file_order_and_limits_within_the_half(fixtures):
    items = case2021.load(fixtures / "case2021")
    tune = select(items, "case2021", "tune", None)
    assert [it.id for it in tune] == ["1", "2", "3", "5"]
    assert [it.id for it in select(items, "case2021", "tune", 2)] == ["1", "2"]
    assert [it.id for it in case2021.load(fixtures / "case2021", split="check")] == ["4"]
    with pytest.raises(EvalInputError, match="unknown split 'dev'"):
        select(items, "case2021", "dev", None)


def test_rows_without_an_id_are_keyed_by_their_text_not_their_position():
    assert content_key("Gunmen attacked a bus.") == content_key("Gunmen attacked a bus.")
    assert content_key("Gunmen attacked a bus.") != content_key("Gunmen attacked a car.")


@pytest.mark.parametrize("name", sorted(SHARED))
def test_halves_of_each_shared_set_are_disjoint_covering_and_balanced(name, shared_data):
    path = shared_data / SHARED[name]
    assert path.exists(), f"{path} is missing from the shared data"
    load = ADAPTERS[name].load
    every, tune, check = load(path), load(path, split="tune"), load(path, split="check")
    ids = lambda items: Counter(str(it.id) for it in items)  # noqa: E731
    assert ids(tune) + ids(check) == ids(every)
    assert not set(ids(tune)) & set(ids(check))
    assert 0.4 <= len(tune) / len(every) <= 0.6, (len(tune), len(every))


def _wrong_on_4():
    # Snippets 1-3 (conflict) get no event: wrong, tune. Snippet 4 (a natural disaster) gets an
    # event: wrong, check. Snippet 5 gets nothing: right.
    return Canned({"4": document(events=[event("e1", "Armed clash")])})


def test_report_withholds_check_errors(fixtures):
    r = case2021.evaluate(fixtures / "case2021", _wrong_on_4())
    assert r.split == "all" and r.n == 5
    assert [e["id"] for e in r.errors] == ["1", "2", "3"]
    assert r.withheld_errors == 1 and r.wrong == 4
    r = case2021.evaluate(fixtures / "case2021", _wrong_on_4(), split="check")
    assert r.split == "check" and r.n == 1 and r.errors == [] and r.withheld_errors == 1
    assert r.metric("no conflict event on non-conflict snippets").value == 0.0


@pytest.fixture
def canned_cli(monkeypatch):
    monkeypatch.setattr(cli_eval, "_extractor", lambda actors: _wrong_on_4())


@pytest.mark.parametrize("split, n, written", [("check", 1, []), ("all", 5, ["1", "2", "3"]), ("tune", 4, ["1", "2", "3"])])
def test_cli_split_and_errors_file(fixtures, tmp_path, canned_cli, split, n, written):
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["eval", "-d", "case2021", str(fixtures / "case2021"), "--split", split,
                                 "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    cases = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [c["id"] for c in cases] == written
    assert all(split_of("case2021", c["id"]) == "tune" for c in cases)
    out = " ".join(result.output.split())
    assert f"--split {split}: {n} items" in out
    withheld = 0 if split == "tune" else 1
    assert f"{len(written)} wrong case(s) of tune items written" in out
    assert f"{withheld} of check items withheld" in out


def test_cli_json_says_which_split(fixtures, canned_cli):
    result = runner.invoke(app, ["eval", "-d", "case2021", str(fixtures / "case2021"), "--split", "check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["split"] == "check" and report["n"] == 1
    assert report["errors"] == 0 and report["withheld_errors"] == 1


def test_cli_refuses_an_unknown_split(fixtures, canned_cli):
    result = runner.invoke(app, ["eval", "-d", "case2021", str(fixtures / "case2021"), "--split", "dev"])
    assert result.exit_code == 2 and "dev" in result.output
