"""`sitrep fetch`: download pages and feeds once, keep them as JSON Lines to ingest later."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from sitrep.cli.app import app, err, fail
from sitrep.ingest.article import DEFAULT_MAX_CHARS, MAX_CHARS_LIMIT, ArticleInput
from sitrep.ingest.readers import ReaderOptions, ReadFailure, read_sources


@app.command()
def fetch(
    urls: list[str] = typer.Argument(..., help="Page or feed URLs (http/https), or OPML files listing feeds."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for articles.jsonl and failures.jsonl (appended to)."),
    pages: bool = typer.Option(False, "--fetch-pages", help="Also fetch each feed item's page for its full text."),
    timeout: float = typer.Option(20.0, help="Seconds for each whole download (connecting, headers and body)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch from loopback, private and link-local addresses (refused by default)."),
    max_bytes: int = typer.Option(20_000_000, help="Refuse responses larger than this."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, min=1, max=MAX_CHARS_LIMIT, help="Refuse articles longer than this (at most 1,000,000, the longest text spaCy parses)."),
) -> None:
    """Fetch pages and feeds into OUT/articles.jsonl, ready for `sitrep extract --jsonl`."""
    if out.exists() and not out.is_dir():
        fail(f"{out} is a file; give a folder for --out (it is created when missing).")
    out.mkdir(parents=True, exist_ok=True)
    try:
        options = ReaderOptions(fetch=True, fetch_pages=pages, timeout=timeout, max_bytes=max_bytes, max_chars=max_chars,
                                allow_private=allow_private)
    except ValueError as exc:
        fail(str(exc))
    read = failed = 0
    # Appending lets a daily fetch grow one file; ingesting it again is harmless (articles
    # are identified by URL).
    with (out / "articles.jsonl").open("a", encoding="utf-8") as articles, \
            (out / "failures.jsonl").open("a", encoding="utf-8") as failures:
        for item in read_sources(urls, options):
            if isinstance(item, ReadFailure):
                failed += 1
                failures.write(json.dumps({"origin": item.origin, "kind": item.kind, "reason": item.reason}) + "\n")
                err.print(f"[yellow]not read:[/] {item.reason}")
            else:
                read += 1
                articles.write(json.dumps(_record(item), ensure_ascii=False) + "\n")
    err.print(f"{read} article(s) added to {out / 'articles.jsonl'}"
              + (f"; {failed} failure(s) in {out / 'failures.jsonl'}" if failed else ""))
    if read == 0 and failed:
        raise typer.Exit(1)


def _record(article: ArticleInput) -> dict:
    """The JSON Lines batch form (`sitrep extract --jsonl`, the JSON Lines reader), plus origin."""
    return {
        "id": article.id, "text": article.text, "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source, "url": article.url, "origin": article.origin,
    }
