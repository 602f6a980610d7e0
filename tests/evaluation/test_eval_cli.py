import json

import pytest
from evalhelpers import Canned, document, event
from typer.testing import CliRunner

from sitrep.cli import app
import sitrep.cli.evaluate as cli_eval

# Wide enough that rich does not wrap the measure names.
runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def use_extractor(monkeypatch):
    def install(ex):
        monkeypatch.setattr(cli_eval, "_extractor", lambda actors: ex)

    return install


def test_eval_prints_the_table_and_writes_every_wrong_case(fixtures, tmp_path, use_extractor, extractor):
    use_extractor(extractor)
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["eval", "--dataset", "case2021", str(fixtures / "case2021"), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "weighted F1 (25 ACLED sub-types)" in result.output
    assert "no conflict event on non-conflict snippets" in result.output
    cases = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    # The summary line counts the same cases the file holds.
    assert f"{len(cases)} tune, " in result.output and "of 5 items have something wrong" in result.output
    for case in cases:
        assert case["text"] and case["gold"]["label"] and "sub_event_type" in case["sitrep"]


def test_eval_json_report(fixtures, use_extractor):
    use_extractor(Canned({"1": document(events=[event("e1", "Air/drone strike")])}))
    result = runner.invoke(app, ["eval", "-d", "case2021", str(fixtures / "case2021" / "dev.tsv"), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dataset"] == "case2021" and report["n"] == 2
    scores = {m["name"]: m["value"] for m in report["metrics"]}
    # snippet 1 right, snippet 2 (a clash) found nothing
    assert scores["accuracy (conflict snippets)"] == 0.5
    assert report["errors"] == 1


@pytest.mark.parametrize("args, message", [
    (["eval", "-d", "fakes", "/no/such/file.csv"], "does not exist"),
    (["eval", "-d", "case2021", "FIXTURES/fakes/dev.csv"], "lacks the column"),
    (["eval", "-d", "case2021", "FIXTURES/case2021", "--limit", "0"], "--limit must be a positive"),
    (["eval", "-d", "case2021", "FIXTURES/case2021", "--errors", "/no/such/dir/e.jsonl"], "does not exist"),
])
def test_eval_bad_input_is_a_clear_error(fixtures, use_extractor, args, message):
    use_extractor(Canned({}))
    args = [a.replace("FIXTURES", str(fixtures)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
