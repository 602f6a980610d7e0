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
from sitrep.ingest.article import (
    DEFAULT_MAX_CHARS,
    MAX_CHARS_LIMIT,
    InputError,
    decode_bytes,
    make_article,
    parse_published,
    read_article_file,
)
from sitrep.ingest.readers.sniff import HTML, TEXT


class Format(str, Enum):
    table = "table"
    json = "json"


@app.command()
def extract(
    path: str = typer.Argument(..., help="An article file (text or HTML), a batch (CSV, TSV, JSON Lines, feed), or - for standard input."),
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
    """Extract events, actors, places, relations and statements from one article (or a JSON Lines batch).

    Files are read as `sitrep ingest` reads them: an HTML page (or a .txt saved from a
    browser) by its main text, a CSV/TSV table or JSON Lines file as one article per row or
    line, a feed as one article per item. What the file was read as goes to standard error."""
    if jsonl:
        _extract_jsonl(path, actors, max_chars)
        return
    try:
        if path == "-":
            article = make_article(
                decode_bytes(sys.stdin.buffer.read(), "standard input"),
                published=published, title=title, source=source, url=url, max_chars=max_chars,
                origin="standard input", refuse_other_languages=True,
            )
        else:
            kind = _kind(Path(path))
            if kind != TEXT:
                _extract_read(Path(path), kind, fmt, actors, max_chars, published, title, source, url)
                return
            article = read_article_file(
                path, published=published, title=title, source=source, url=url, max_chars=max_chars,
                refuse_other_languages=True,
            )
    except InputError as exc:
        _fail(str(exc))
        return
    extractor = _extractor(actors)
    doc = extractor.extract_article(article)
    _write(doc, fmt)


def _write(doc, fmt: Format, one_line: bool = False) -> None:
    if fmt == Format.json:
        sys.stdout.write((doc.to_json() if one_line else doc.to_json(indent=2)) + "\n")
        sys.stdout.flush()
    else:
        from sitrep.report import print_report

        print_report(doc, Console())


def _kind(path: Path) -> str:
    from sitrep.ingest.readers.sources import input_kind

    if not path.exists() or not path.is_file():
        return TEXT  # read_article_file says what is wrong with it
    try:
        return input_kind(path)
    except OSError as exc:
        raise InputError(f"cannot read {path} ({exc.strerror}).") from None


def _extract_read(path: Path, kind: str, fmt: Format, actors: list[Path], max_chars: int,
                  published: str | None, title: str | None, source: str | None, url: str | None) -> None:
    """A file that is not plain text, through ingest's readers. One article (a page) takes the
    command's --published/--title/--source/--url; a batch (table, JSON Lines, feed) gives one
    document per article (a JSON document per line with --format json) and takes --published
    for the articles that carry no date."""
    from sitrep.ingest.readers import ReaderOptions, ReadFailure, read_sources
    from sitrep.ingest.readers.sources import LABELS

    options = ReaderOptions(max_chars=max_chars, published=parse_published(published))
    batch = kind not in (HTML,)
    err.print(f"[dim]reading {path} as {LABELS.get(kind, kind)}"
              + (": one document per article" + (", one JSON document per line" if fmt == Format.json else "")
                 if batch else "") + "[/]")
    extractor = _extractor(actors)
    read = failed = 0
    for item in read_sources([path], options):
        if isinstance(item, ReadFailure):
            failed += 1
            err.print(f"[yellow]not read:[/] {item.reason}")
            if fmt == Format.json and batch:
                sys.stdout.write(json.dumps({"error": item.reason, "origin": item.origin}) + "\n")
            continue
        if not batch:
            item.published = parse_published(published) or item.published
            item.title, item.source, item.url = title or item.title, source or item.source, url or item.url
        read += 1
        with err.status(f"extracting {item.origin} ({read})…"):
            doc = extractor.extract_article(item)
        _write(doc, fmt, one_line=batch)
    if batch:
        err.print(f"{read} article(s) extracted from {path}" + (f"; {failed} could not be read" if failed else "") + ".")
    if read == 0:
        raise typer.Exit(1 if failed else 2)


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
                language=rec.get("language") or "en", refuse_other_languages=True,
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
