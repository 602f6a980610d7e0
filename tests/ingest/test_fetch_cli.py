"""`sitrep fetch` (src/sitrep/cli/fetch.py), here to share the local server of conftest.py."""

import json

from typer.testing import CliRunner

from sitrep.cli import app


def test_sitrep_fetch_appends_articles_and_failures_as_json_lines(http_server, tmp_path):
    out = tmp_path / "fetched"
    runner = CliRunner()
    result = runner.invoke(app, ["fetch", f"{http_server}/feed.rss", f"{http_server}/page.html", "-o", str(out), "--allow-private"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (out / "articles.jsonl").read_text().splitlines()]
    assert [x["title"] for x in lines] == ["Air strike hits Idlib market", "Clashes near Manbij", "Air strike hits Idlib market"]
    assert lines[0]["published"] == "2024-12-03" and lines[2]["origin"] == f"{http_server}/page.html"
    (failure,) = [json.loads(x) for x in (out / "failures.jsonl").read_text().splitlines()]
    assert failure["origin"] == f"{http_server}/feed.rss#item-3"
    # What it wrote reads back through the JSON Lines reader unchanged.
    from sitrep.ingest.readers import read_sources

    again = list(read_sources([out / "articles.jsonl"]))
    assert [a.text for a in again] == [x["text"] for x in lines]
    # A second run appends.
    runner.invoke(app, ["fetch", f"{http_server}/page.html", "-o", str(out), "--allow-private"])
    assert len((out / "articles.jsonl").read_text().splitlines()) == 4


def test_sitrep_fetch_exits_non_zero_when_nothing_could_be_read(http_server, tmp_path):
    result = CliRunner().invoke(app, ["fetch", f"{http_server}/missing", "file:///etc/passwd", "-o", str(tmp_path), "--allow-private"])
    assert result.exit_code == 1
    reasons = [json.loads(x)["reason"] for x in (tmp_path / "failures.jsonl").read_text().splitlines()]
    assert "HTTP 404" in reasons[0] and "only http:// and https://" in reasons[1]
