"""What every reader shares: the options, the failure record, and the guard that turns one
bad item into a `ReadFailure` instead of an exception that would end the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Union

from sitrep.ingest.article import DEFAULT_MAX_CHARS, ArticleInput, InputError
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
    # Seconds to connect, and for a whole download.
    timeout: float = 20.0
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

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def guarded(origin: str, produce: Callable[[], Iterator[ReadItem]]) -> Iterator[ReadItem]:
    """Run a reader, turning an `InputError` raised before or between items into a failure
    record for `origin` (the items already yielded stay yielded)."""
    try:
        yield from produce()
    except InputError as exc:
        yield ReadFailure(origin, str(exc))


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
