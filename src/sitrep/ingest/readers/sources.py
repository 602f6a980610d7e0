"""`read_sources`: paths, folders, URLs and standard input to articles and failure records,
in a deterministic order, never stopping on one bad item."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

from sitrep.ingest.readers.base import ReaderOptions, ReadFailure, ReadItem, guarded, read_whole
from sitrep.ingest.readers.content import content_items, url_items
from sitrep.ingest.readers.jsonl import jsonl_items
from sitrep.ingest.readers.sniff import FEED, HTML, OPML, TEXT, XML, sniff
from sitrep.ingest.readers.table import table_items

JSONL, CSV, TSV = "jsonl", "csv", "tsv"

EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".rss": FEED, ".atom": FEED, ".xml": XML,
    ".opml": OPML,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".csv": CSV, ".tsv": TSV, ".tab": TSV,
}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
STDIN = "-"


def read_sources(
    sources: Iterable[str | os.PathLike[str]], options: ReaderOptions | None = None
) -> Iterator[ReadItem]:
    """Every article in `sources` (files, folders read recursively, `http(s)://` URLs when
    `options.fetch`, `-` for standard input), each an `ArticleInput` with `origin` set, and
    a `ReadFailure` for everything that could not be read or is not read, in input order."""
    options = options or ReaderOptions()
    for item in _all_items(sources, options):
        if options.published is not None and not isinstance(item, ReadFailure) and item.published is None:
            item.published = options.published
            item.notes.append(f"no publication date in the source; {options.published.isoformat()} given by the user")
        yield item


def _all_items(sources: Iterable[str | os.PathLike[str]], options: ReaderOptions) -> Iterator[ReadItem]:
    for source in sources:
        name = os.fspath(source)
        if name == STDIN:
            yield from guarded("standard input", lambda: _stdin_items(options))
        elif _SCHEME.match(name):
            yield from guarded(name, lambda name=name: url_items(name, options))
        else:
            yield from _path_items(Path(name), options)


def _path_items(path: Path, options: ReaderOptions) -> Iterator[ReadItem]:
    if path.is_dir():
        yield from _folder_items(path, options)
    elif path.exists():
        yield from file_items(path, options)
    else:
        yield ReadFailure(str(path), f"{path} does not exist. Check the path (or quote a URL with its http:// prefix).")


def file_items(path: Path, options: ReaderOptions) -> Iterator[ReadItem]:
    """One file, by its extension (and, for whole documents, its content)."""
    origin = str(path)
    kind = EXTENSIONS.get(path.suffix.lower())
    if (special := _not_regular(path)) is not None:
        # Reading a FIFO blocks until someone writes to it, and a device such as /dev/zero
        # never ends: whatever its name, only a regular file is opened.
        yield ReadFailure(origin, special, "skipped")
    elif kind is None:
        known = " ".join(sorted(EXTENSIONS))
        yield ReadFailure(
            origin,
            f"skipped {origin}: sitrep does not read {path.suffix or 'extension-less'} files. "
            f"If it is an article, feed or batch, give it one of these extensions: {known}.",
            "skipped",
        )
    elif kind in (JSONL, CSV, TSV):
        yield from guarded(origin, lambda: _stream_items(path, kind, options))
    else:
        yield from guarded(
            origin, lambda: content_items(read_whole(path, options.max_bytes, "file"), origin, options, kind)
        )


LABELS = {TEXT: "plain text", HTML: "an HTML page", FEED: "an RSS/Atom feed", OPML: "an OPML feed list",
          XML: "XML", JSONL: "JSON Lines", CSV: "a CSV table", TSV: "a TSV table"}


def input_kind(path: Path) -> str:
    """What `read_sources` would read `path` as: by extension, and for whole documents by
    their first bytes (a `.txt` saved from a browser is HTML). Files of unknown extensions
    count as text here; `sitrep extract` reads them, `read_sources` skips them."""
    kind = EXTENSIONS.get(path.suffix.lower(), TEXT)
    if kind in (JSONL, CSV, TSV) or _not_regular(path) is not None:
        return kind
    with path.open("rb") as f:
        actual = sniff(f.read(4096))
    if actual in (HTML, FEED, OPML):
        return actual
    return TEXT if kind == HTML else kind


def count_items(sources: Iterable[str | os.PathLike[str]], options: ReaderOptions | None = None) -> int | None:
    """About how many items `read_sources` will yield (articles and failures), for a progress
    bar's total: a JSON Lines line, a CSV row, a feed item, any other file one. None when a
    source cannot be counted ahead (a URL, standard input). Reads the files once more, quickly:
    it does not parse the articles, only counts them."""
    options = options or ReaderOptions()
    total = 0
    for source in sources:
        name = os.fspath(source)
        if name == STDIN or _SCHEME.match(name):
            return None
        path = Path(name)
        files = (p for p in sorted(path.rglob("*")) if not any(part.startswith(".") for part in p.relative_to(path).parts)) \
            if path.is_dir() else [path]
        for f in files:
            if f.is_dir():
                continue
            total += _count_file(f, options)
    return total


def _count_file(path: Path, options: ReaderOptions) -> int:
    kind = EXTENSIONS.get(path.suffix.lower())
    if _not_regular(path) is not None or kind not in (JSONL, CSV, TSV, FEED, XML):
        return 1
    try:
        with path.open("rb") as f:
            if kind == JSONL:
                return sum(1 for line in f if line.strip())
            if kind in (FEED, XML):
                head = f.read(options.max_bytes)
                return max(1, head.count(b"<item") + head.count(b"<entry"))
            # A CSV record ends on the line that closes its quotes (the csv module is not used:
            # its field limit is process-wide, and the reader relies on it being set).
            records = quotes = 0
            blank = True
            for line in f:
                quotes += line.count(b'"')
                blank = blank and not line.strip()
                if quotes % 2 == 0:
                    records += not blank
                    quotes, blank = 0, True
            return max(0, records - 1)  # the header
    except OSError:
        return 1


def _not_regular(path: Path) -> str | None:
    """Why `path` is not read, when it is not a regular file (after following links)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        link = f" (a link to {os.readlink(path)})" if path.is_symlink() else ""
        return f"skipped {path}{link}: cannot be opened ({exc.strerror})."
    if stat.S_ISREG(mode):
        return None
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    link = f", through the link {path} -> {os.readlink(path)}," if path.is_symlink() else ""
    return f"skipped {path}: it is {what}{link} and not a file sitrep reads; give the file itself."


def _stream_items(path: Path, kind: str, options: ReaderOptions) -> Iterator[ReadItem]:
    with path.open("rb") as stream:
        if kind == JSONL:
            yield from jsonl_items(stream, str(path), options)
        else:
            yield from table_items(stream, str(path), options, "," if kind == CSV else "\t")


def _folder_items(folder: Path, options: ReaderOptions) -> Iterator[ReadItem]:
    if not (yield from _walk(folder, options)):
        yield ReadFailure(str(folder), f"{folder} has no files to read (hidden files are skipped).", "skipped")


def _walk(folder: Path, options: ReaderOptions) -> Generator[ReadItem, None, bool]:
    """Files below `folder` by name, depth first, without hidden files and folders (`.git`,
    `.DS_Store`, editor swap files). Returns whether it found any file."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadFailure(str(folder), f"cannot list the folder {folder} ({exc.strerror}).")
        return True
    found = False
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            found = (yield from _walk(path, options)) or found
        elif entry.is_dir():
            # Links to folders can loop back up the tree; a user who wants them names them.
            found = True
            yield ReadFailure(
                str(path), f"skipped {path}: a link to a folder is not followed; give the folder itself.", "skipped"
            )
        else:
            found = True
            yield from file_items(path, options)
    return found


def _stdin_items(options: ReaderOptions) -> Iterator[ReadItem]:
    """JSON Lines when the input starts with `{`, otherwise one plain-text article."""
    stream = sys.stdin.buffer
    if stream.peek(1)[:4096].lstrip()[:1] == b"{":
        yield from jsonl_items(stream, "standard input", options)
    else:
        data = stream.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            yield ReadFailure("standard input", f"standard input is more than {options.max_bytes:,} bytes; split it.")
            return
        yield from content_items(data, "standard input", options, TEXT)
