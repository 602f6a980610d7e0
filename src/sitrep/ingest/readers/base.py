"""What every reader shares: the options, the failure record, and the guard that turns one
bad item into a `ReadFailure` instead of an exception that would end the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Union

from sitrep.ingest.article import DEFAULT_MAX_CHARS, MAX_CHARS_LIMIT, ArticleInput, InputError
from sitrep.ingest.fetch import USER_AGENT

# The fields an input record can fill; `ReaderOptions.columns` maps them to column names.
FIELDS = ("id", "text", "title", "published", "source", "url", "language")

@dataclass(frozen=True)
class ReadFailure:
    """An input sitrep could not turn into an article. `reason` says what went wrong and what
    to do about it; `origin` is a path, `path:line`, `path#item-N` or a URL."""

    origin: str
    reason: str
    # "unreadable" for input that is broken; "skipped" for input sitrep does not read at all
    # (unknown file types, links to folders), so a report can tell the two apart.
    kind: str = "unreadable"


ReadItem = Union[ArticleInput, ReadFailure]


@dataclass(frozen=True)
class ReaderOptions:
    """How `read_sources` reads. The defaults read local files only and never touch the network."""

    # sitrep field -> column (CSV/TSV) or key (JSON Lines) that holds it, e.g.
    # {"text": "article_content", "published": "date"}. Unmapped fields use their own name.
    columns: Mapping[str, str] = field(default_factory=dict)
    # strptime format of the published column in CSV/JSON Lines, e.g. "%m/%d/%y"; default ISO dates.
    date_format: str | None = None
    # CSV field separator; default "," for .csv and a tab for .tsv/.tab.
    delimiter: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    # The most bytes read from one whole file (HTML, feed, OPML) or one HTTP response.
    # CSV and JSON Lines are streamed and limited per article by max_chars instead.
    max_bytes: int = 20_000_000
    # Fetching is opt-in: without it URLs and OPML feed lists become failures that say so.
    fetch: bool = False
    # Also fetch each feed item's page for its full text (otherwise the feed's summary is used).
    fetch_pages: bool = False
    # Seconds for a whole request: connecting, headers and body.
    timeout: float = 20.0
    # Fetch from loopback, private and link-local addresses too. Off, so that a feed item's
    # link or a redirect cannot point sitrep at the user's own network or a cloud metadata service.
    allow_private: bool = False
    user_agent: str = USER_AGENT
    # The publication date of articles that carry none of their own (plain-text files, rows
    # with an empty date); their relative dates ("on Sunday") resolve against it.
    published: date | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.columns) - set(FIELDS))
        if unknown:
            raise ValueError(
                f"cannot map column(s) to {', '.join(unknown)}: the fields are {', '.join(FIELDS)}."
            )
        if self.fetch_pages and not self.fetch:
            raise ValueError("fetching feed items' pages needs fetching enabled: pass --fetch as well.")
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise ValueError(f"the CSV delimiter must be one character, got {self.delimiter!r}.")
        for name in ("max_chars", "max_bytes", "timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}.")
        if self.max_chars > MAX_CHARS_LIMIT:
            raise ValueError(
                f"max_chars is at most {MAX_CHARS_LIMIT:,} (the longest text spaCy parses), got "
                f"{self.max_chars:,}; split longer articles."
            )

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def guarded(origin: str, produce: Callable[[], Iterator[ReadItem]]) -> Iterator[ReadItem]:
    """Run a reader, turning an error raised before or between items into a failure record
    for `origin` (the items already yielded stay yielded). Any exception counts, not only
    `InputError`: a reader tripping over input nobody foresaw (a parser's RecursionError, a
    codec's UnicodeError) must cost that input, never the rest of the batch."""
    try:
        yield from produce()
    except InputError as exc:
        yield ReadFailure(origin, str(exc))
    except Exception as exc:  # noqa: BLE001 - see above
        yield ReadFailure(origin, unexpected(origin, exc))


def unexpected(origin: str, exc: BaseException) -> str:
    """The failure reason for an error no reader anticipated."""
    if isinstance(exc, RecursionError):
        return f"{origin} is nested too deeply to read (more levels of brackets or tags than any article has)."
    if isinstance(exc, MemoryError):
        return f"{origin} is too large to read in the memory available; split it."
    return (f"{origin} could not be read ({type(exc).__name__}: {exc}). "
            "If the input looks right, please report it with the file.")


def read_item(where: str, produce: Callable[[], ReadItem | None]) -> ReadItem | None:
    """One line, row or item: any error in it becomes a failure for `where` alone."""
    try:
        return produce()
    except InputError as exc:
        return ReadFailure(where, str(exc))
    except Exception as exc:  # noqa: BLE001 - one item must never end the batch
        return ReadFailure(where, unexpected(where, exc))


def read_whole(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes, refused before reading when it is larger than `limit`, so that a stray
    disk image cannot fill memory."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            f"{path} is {size:,} bytes, more than the {limit:,} sitrep reads from one {what}. "
            "Split it, or raise the limit with --max-bytes (or --max-chars for text)."
        )
    return path.read_bytes()


def refuse_binary(sample: bytes, origin: str) -> None:
    """Raise for an empty or binary file, judged from its first bytes (streamed formats)."""
    if not sample.strip():
        raise InputError(f"{origin} is empty: there is nothing to read.")
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{origin} looks like a binary file (it contains NUL bytes), not text. "
            "Check that it is the file you meant; sitrep reads UTF-8 text, HTML, feeds, JSON Lines and CSV."
        )
