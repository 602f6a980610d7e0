"""JSON Lines: one `{"id", "text", "title", "published", "source", "url"}` object per line,
streamed, so a file of any size is read a line at a time."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from sitrep.ingest.article import InputError
from sitrep.ingest.readers.base import ReaderOptions, ReadFailure, ReadItem, read_item, refuse_binary
from sitrep.ingest.readers.records import record_article


_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def jsonl_items(stream: io.BufferedReader, origin: str, options: ReaderOptions) -> Iterator[ReadItem]:
    """Raises InputError (before any item) for an empty or binary file; every bad line after
    that is a ReadFailure for `origin:line`, and the lines after it are still read."""
    head = stream.peek(8192)[:8192]
    refuse_binary(head, origin)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{origin} is UTF-16; JSON Lines must be UTF-8. Convert it: "
            "`iconv -f UTF-16 -t UTF-8 in.jsonl > out.jsonl`."
        )
    # A line can hold one article of max_chars characters (up to 4 bytes each, more when
    # escaped); far beyond that it is not one article, and parsing it would only fill memory.
    limit = 8 * options.max_chars + 65536
    n = 0
    while line := stream.readline(limit + 1):
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            where = f"{origin}:{n}"
            yield ReadFailure(where, f"{where} is more than {limit:,} bytes, too long for one article; split it.")
            continue
        item = read_item(f"{origin}:{n}", lambda: _line(line, n, origin, options))
        if item is not None:
            yield item


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def _line(raw: bytes, n: int, origin: str, options: ReaderOptions) -> ReadItem | None:
    where = f"{origin}:{n}"
    try:
        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return ReadFailure(
            where,
            f"{where} is not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}). "
            "Convert the file to UTF-8, e.g. with iconv.",
        )
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(
            where,
            f"{where} is not valid JSON (column {exc.colno}: {exc.msg.removesuffix(' at')}); "
            "each line must be one JSON object.",
        )
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), type(record).__name__)
        return ReadFailure(where, f"{where} is a JSON {kind}, not an object with a \"text\" field.")
    try:
        return record_article(record, where, options)
    except InputError as exc:
        return ReadFailure(where, str(exc))
