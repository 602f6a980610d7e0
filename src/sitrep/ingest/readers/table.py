"""CSV and TSV with a header row; `ReaderOptions.columns` says which column holds what."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator

from sitrep.ingest.article import InputError
from sitrep.ingest.readers.base import FIELDS, ReaderOptions, ReadFailure, ReadItem, read_item, refuse_binary
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
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=options.delimiter or delimiter)
    try:
        header = next(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{origin}: cannot read the header row ({exc}).") from None
    _check_header(header, origin, options)
    line = lines.n + 1
    while True:
        lines.start_record()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if _FIELD_LIMIT in str(exc) and lines.skip_to_record_end():
                # One oversized field (an article far beyond --max-chars): that row fails
                # alone, and reading goes on at the row after it.
                where = f"{origin}:{line}"
                yield ReadFailure(
                    where, f"{where} has a field longer than {csv.field_size_limit():,} characters, far more "
                    f"than one article (the limit is {options.max_chars:,}); the row was skipped. Split "
                    "it, or raise the limit with --max-chars.",
                )
                line = lines.n + 1
                continue
            yield _stopped(origin, line, exc)
            return
        except UnicodeDecodeError as exc:
            yield _stopped(origin, line, exc)
            return
        where = f"{origin}:{line}"
        line = lines.n + 1
        if not any(cell.strip() for cell in row):
            continue
        if bad := _undecodable(row):
            yield ReadFailure(
                where, f"{where} is not UTF-8 text (byte 0x{bad:02x}). Convert the file, e.g. "
                "`iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`.",
            )
            continue
        yield read_item(where, lambda: record_article(dict(zip(header, row)), where, options))


_FIELD_LIMIT = "field larger than field limit"


class _Lines:
    """The file's lines for the csv reader, counted, with the quote parity of the record being
    read. When the reader gives up on an oversized field it has consumed the record only up to
    the line it was on; the parity says whether that line closed the record's quoted field, or
    how many more lines belong to it, so reading can go on at the next row instead of in the
    middle of the long field. (Quotes count only where CSV makes them special, at the start of
    a field; a stray quote inside an unquoted field would mislead the count, which is why this
    is used only to recover from a row that has failed anyway.)"""

    def __init__(self, text: io.TextIOBase):
        self._text = text
        self.n = 0
        self._quotes = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._text.readline()
        if not line:
            raise StopIteration
        self.n += 1
        self._quotes += line.count('"')
        return line

    def start_record(self) -> None:
        self._quotes = 0

    def skip_to_record_end(self) -> bool:
        """Consume the lines still inside the failed record; False when the file ends first
        (the quote was never closed: the rest of the file really is one field)."""
        while self._quotes % 2:
            try:
                next(self)
            except StopIteration:
                return False
        return True


def _stopped(origin: str, line: int, exc: Exception) -> ReadFailure:
    # The reader's position inside a broken quoted field is unknowable: stop here, saying
    # so, rather than guess where the next row starts.
    return ReadFailure(
        f"{origin}:{line}",
        f"{origin}: cannot read on from line {line} ({_describe(exc)}); the rows from there "
        "on were not read. An unclosed quote makes the rest of a file one huge field: fix "
        "the quoting (or convert the file to UTF-8), and read it again.",
    )


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
