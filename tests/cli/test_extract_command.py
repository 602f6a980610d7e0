"""`sitrep extract` and `sitrep schema`: output that validates, errors without tracebacks."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraqi-fighters-enter-syria.txt"
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input, env={"COLUMNS": "200"})


@pytest.fixture(scope="module", autouse=True)
def _warm(extractor):
    # The CLI shares the process-wide default extractor; build it once for the module.
    import sitrep.document

    sitrep.document._DEFAULT = extractor


def test_json_document_validates(schema_validator):
    result = run("extract", EXAMPLE, "--published", "2024-12-02", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert not list(schema_validator.iter_errors(doc))
    assert doc["schema"] == "sitrep.document/1" and doc["events"]


def test_table_report_names_events_and_actors():
    result = run("extract", EXAMPLE, "--published", "2024-12-02")
    assert result.exit_code == 0, result.output
    assert "Air/drone strike" in result.stdout and "Badr" in result.stdout


def test_standard_input(schema_validator):
    result = run("extract", "-", "--published", "2024-12-02", "--format", "json", input="Warplanes bombed Douma on Sunday.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events"][0]["sub_event_type"] == "Air/drone strike"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("Frappe à Idlib".encode("latin-1"), "not UTF-8"),
    ],
)
def test_malformed_files_give_a_clear_error_not_a_traceback(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    result = run("extract", f)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_huge_file_and_bad_date_and_missing_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 3000, encoding="utf-8")
    assert "too large" in run("extract", big, "--max-chars", "1000").output
    assert "YYYY-MM-DD" in run("extract", EXAMPLE, "--published", "yesterday").output
    missing = run("extract", tmp_path / "nope.txt")
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_jsonl_batch_keeps_order_and_records_bad_lines(tmp_path, schema_validator):
    batch = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Warplanes bombed Douma on Sunday.", "published": "2024-12-02"}),
        "{not json",
        json.dumps({"id": "c", "text": "", "published": "2024-12-02"}),
        json.dumps({"id": "d", "text": "Rebels seized the town of Saraqib.", "published": "2024-12-02", "source": "AFP"}),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", batch, "--jsonl")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [o.get("article", {}).get("id") or o.get("id") for o in out] == ["a", None, "c", "d"]
    assert "error" in out[1] and out[1]["line"] == 2
    assert "error" in out[2] and "empty" in out[2]["error"]
    for o in (out[0], out[3]):
        assert not list(schema_validator.iter_errors(o))
    assert out[3]["article"]["source"] == "AFP"


def test_bad_actor_file_is_a_clear_error(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("actors:\n  - id: Not A Slug\n", encoding="utf-8")
    result = run("extract", EXAMPLE, "--actors", f)
    assert result.exit_code == 2 and "slug" in result.output


def test_schema_command_prints_the_committed_schema():
    committed = json.loads((Path(__file__).resolve().parents[2] / "docs" / "schema" / "document.schema.json").read_text())
    result = run("schema")
    assert json.loads(result.stdout) == committed, "docs/schema is stale: run `make schema`"


def test_an_html_page_is_read_as_a_page_and_the_command_says_so(schema_validator):
    page = Path(__file__).resolve().parents[1] / "ingest" / "fixtures" / "html" / "idlib-market-strike.html"
    result = run("extract", page, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "as an HTML page" in result.stderr
    doc = json.loads(result.stdout)
    assert not list(schema_validator.iter_errors(doc))
    assert doc["article"]["title"] == "Air strike hits Idlib market"
    assert "<" not in doc["article"]["text"] and "function(" not in doc["article"]["text"]


def test_a_csv_is_read_one_article_per_row(tmp_path):
    table = tmp_path / "wire.csv"
    table.write_text('id,text,published\na,"Warplanes bombed Douma on Sunday.",2024-12-02\n'
                     'b,,2024-12-02\nc,"Rebels seized the town of Saraqib.",2024-12-02\n', encoding="utf-8")
    result = run("extract", table, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "as a CSV table: one document per article" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("article", {}).get("id") for o in out] == ["a", None, "c"]
    assert out[1]["origin"] == f"{table}:3" and "empty" in out[1]["error"]
    assert "2 article(s) extracted" in result.stderr


def test_jsonl_batch_refuses_a_non_english_record(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"id": "ar", "text": "قصف الطيران مدينة إدلب", "language": "ar"}) + "\n", encoding="utf-8")
    out = json.loads(run("extract", batch, "--jsonl").stdout)
    assert "English reports only" in out["error"]
