"""`sitrep extract` and `sitrep schema`: one article (or a JSON Lines batch) in, documents out."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from sitrep.cli.app import app, err
from sitrep.cli.app import fail as _fail
from sitrep.ingest.article import DEFAULT_MAX_CHARS, MAX_CHARS_LIMIT, InputError, decode_bytes, make_article, read_article_file


class Format(str, Enum):
    table = "table"
    json = "json"


@app.command()
def extract(
    path: str = typer.Argument(..., help="An article file (plain UTF-8 text), or - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", "-p", help="Publication date, YYYY-MM-DD."),
    title: Optional[str] = typer.Option(None, help="Headline (default: the first line, when it reads as one)."),
    source: Optional[str] = typer.Option(None, help="The outlet that published the article."),
    url: Optional[str] = typer.Option(None, help="The article's address."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table (readable report) or json."),
    jsonl: bool = typer.Option(
        False, "--jsonl", help='Read JSON Lines ({"id","text","title","published","source","url"} per line); write one document per line.'
    ),
    actors: list[Path] = typer.Option([], "--actors", help="An extra actor file or folder (YAML); repeatable."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, min=1, max=MAX_CHARS_LIMIT, help="Refuse articles longer than this (at most 1,000,000, the longest text spaCy parses)."),
) -> None:
    """Extract events, actors, places, relations and statements from one article (or a JSON Lines batch)."""
    if jsonl:
        _extract_jsonl(path, actors, max_chars)
        return
    try:
        if path == "-":
            article = make_article(
                decode_bytes(sys.stdin.buffer.read(), "standard input"),
                published=published, title=title, source=source, url=url, max_chars=max_chars,
                origin="standard input",
            )
        else:
            article = read_article_file(
                path, published=published, title=title, source=source, url=url, max_chars=max_chars
            )
    except InputError as exc:
        _fail(str(exc))
        return
    extractor = _extractor(actors)
    doc = extractor.extract_article(article)
    if fmt == Format.json:
        sys.stdout.write(doc.to_json(indent=2) + "\n")
    else:
        from sitrep.report import print_report

        print_report(doc, Console())


def _extractor(actors: list[Path]):
    from sitrep.document import Extractor
    from sitrep.knowledge.actors import KnowledgeError

    with err.status("Loading knowledge and language model…"):
        try:
            if not actors and not os.environ.get("SITREP_ACTORS"):
                from sitrep.document import default_extractor

                return default_extractor()  # built once per process
            return Extractor(actor_paths=actors)
        except KnowledgeError as exc:
            _fail(str(exc))


def _extract_jsonl(path: str, actors: list[Path], max_chars: int) -> None:
    """One document per input line, in order. A bad line yields an error record, not a crash."""
    stream = sys.stdin if path == "-" else None
    if stream is None:
        p = Path(path)
        if not p.is_file():
            _fail(f"{p} does not exist or is not a file.")
        stream = p.open("r", encoding="utf-8", errors="replace")
    extractor = _extractor(actors)
    out = sys.stdout
    failures = 0
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        rec = None
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise InputError("each line must be a JSON object")
            article = make_article(
                rec.get("text") if rec.get("text") is not None else "",
                id=rec.get("id"), title=rec.get("title"), published=rec.get("published"),
                source=rec.get("source"), url=rec.get("url"), max_chars=max_chars,
                origin=f"line {n}",
            )
            doc = extractor.extract_article(article)
            out.write(doc.to_json() + "\n")
        except Exception as exc:  # one bad article never ends the batch
            failures += 1
            message = str(exc) if isinstance(exc, (InputError, json.JSONDecodeError)) else (
                f"sitrep failed on this article ({type(exc).__name__}: {exc}); please report it with the text"
            )
            rec_id = rec.get("id") if isinstance(rec, dict) else None
            out.write(json.dumps({"error": message, "line": n, "id": rec_id}) + "\n")
            err.print(f"[yellow]skipped line {n}:[/] {message}")
        out.flush()
    if failures:
        err.print(f"{failures} line(s) could not be read; see the error records in the output.")


@app.command()
def schema() -> None:
    """Print the JSON Schema of sitrep.document/1."""
    from sitrep.schema import document_schema

    sys.stdout.write(json.dumps(document_schema(), indent=2) + "\n")
