"""scripts/accuracy_table.py: the tune/check table everyone quotes, from numbers worked out by hand."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "accuracy_table.py"


@pytest.fixture(scope="module")
def at():
    spec = importlib.util.spec_from_file_location("accuracy_table", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NOW = {"fakes": {
    "tune": {"n": 139, "governorate accuracy": [0.85, "ratio"], "total deaths mean absolute error": [30.0, "deaths"],
             "_by_country": {"Syria": {"n": 139}}},
    "check": {"n": 138, "governorate accuracy": [0.8123, "ratio"], "total deaths mean absolute error": [34.25, "deaths"]},
}}


def test_table_rows_and_gap(at):
    lines = at.table(NOW).splitlines()
    assert lines[0] == "| set | measure | tune | check | gap |"
    assert lines[2] == "| fakes (tune 139 / check 138) | governorate accuracy | 0.850 | 0.812 | +0.038 |"
    # the set is named once; non-ratio measures keep one decimal
    assert lines[3] == "|  | total deaths mean absolute error | 30.0 | 34.2 | -4.2 |"
    # a breakdown kept for --json is not a row
    assert len(lines) == 4


def test_table_beside_an_earlier_run(at):
    before = {"fakes": {"tune": {"n": 139, "governorate accuracy": [0.8, "ratio"]}, "check": {"n": 138}}}
    lines = at.table(NOW, before).splitlines()
    assert lines[0] == "| set | measure | tune before | check before | tune | check | gap |"
    assert lines[2].startswith("| fakes (tune 139 / check 138) | governorate accuracy | 0.800 | – | 0.850 |")


def test_unknown_values_print_as_a_dash(at):
    assert at.format_value(None, "ratio") == "–" and at.gap(0.5, None, "ratio") == "–"
    assert at.format_value(3, "count") == "3"


def test_bad_arguments_stop_before_loading_anything(at, tmp_path, capsys):
    with pytest.raises(SystemExit):
        at.main(["--sets", "fakes,nosuch", "--data", str(tmp_path)])
    assert "unknown set(s) nosuch" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        at.main(["--sets", "fakes", "--data", str(tmp_path)])
    assert "not found" in capsys.readouterr().err
