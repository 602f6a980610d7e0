"""CSV and TSV with a header row; `ReaderOptions.columns` says which column holds what."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator

from sitrep.ingest.article import InputError
from sitrep.ingest.readers.base import FIELDS, ReaderOptions, ReadFailure, ReadItem, refuse_binary
from sitrep.ingest.readers.records import record_article

_ESCAPED = re.compile("[\udc80-\udcff]")


def table_items(
    stream: io.BufferedReader, origin: str, options: ReaderOptions, delimiter: str
) -> Iterator[ReadItem]:
    """Raises InputError for an empty or binary file, or a header without the mapped columns;
    each bad row after that is a ReadFailure for `origin:line` (the row's first line)."""
    head = stream.peek(8192)[:8192]
    refuse_binary(head, origin)
    # Spreadsheets save "Unicode text" as UTF-16; everything else should be UTF-8.
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    # surrogateescape carries a stray non-UTF-8 byte through to its row, which then fails
    # alone, instead of stopping the file at the chunk the decoder happened to be reading.
    text = io.TextIOWrapper(
        stream, encoding="utf-16" if utf16 else "utf-8-sig",
        errors="strict" if utf16 else "surrogateescape", newline="",
    )
    _allow_long_fields(options)
    reader = csv.reader(text, delimiter=options.delimiter or delimiter)
    try:
        header = next(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{origin}: cannot read the header row ({exc}).") from None
    _check_header(header, origin, options)
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as exc:
            # The reader's position inside a broken quoted field is unknowable: stop here,
            # saying so, rather than guess where the next row starts.
            yield ReadFailure(
                f"{origin}:{line}",
                f"{origin}: cannot read on from line {line} ({_describe(exc)}); the rows from there "
                "on were not read. An unclosed quote makes the rest of a file one huge field: fix "
                "the quoting (or convert the file to UTF-8), and read it again.",
            )
            return
        where = f"{origin}:{line}"
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if bad := _undecodable(row):
            yield ReadFailure(
                where, f"{where} is not UTF-8 text (byte 0x{bad:02x}). Convert the file, e.g. "
                "`iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`.",
            )
            continue
        try:
            yield record_article(dict(zip(header, row)), where, options)
        except InputError as exc:
            yield ReadFailure(where, str(exc))


def _undecodable(row: list[str]) -> int | None:
    """The first byte surrogateescape stood in for, if any."""
    for cell in row:
        if m := _ESCAPED.search(cell):
            return ord(m.group()) - 0xDC00
    return None


def _check_header(header: list[str], origin: str, options: ReaderOptions) -> None:
    missing = [
        f"{options.column(name)!r} (for {name})"
        for name in FIELDS
        if (name == "text" or name in options.columns) and options.column(name) not in header
    ]
    if missing:
        raise InputError(
            f"{origin} has no column {', '.join(missing)}; its columns are: {', '.join(header)}. "
            "Map the fields to columns with --column, e.g. --column text=article_content."
        )


def _allow_long_fields(options: ReaderOptions) -> None:
    # csv refuses fields over 128 KiB by default; an article may be longer. Up to four times
    # max_chars a row fails on its own (make_article); beyond that the quoting is broken. The
    # limit is process-wide, so it is set for every file: a file's result must not depend on
    # what was read before it.
    csv.field_size_limit(min(sys.maxsize, 4 * options.max_chars + 65536))


def _describe(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"it is not {exc.encoding} text"
    return str(exc)
