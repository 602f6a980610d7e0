"""Turn what a user hands over (bytes, a file, a JSON record) into a clean `ArticleInput`.

Everything downstream indexes `ArticleInput.text` by character offset, so normalisation
happens once, here, and the normalised text is what the document carries.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sitrep.ingest.language import not_english

# A long feature runs to 50,000 characters; spaCy's time and memory grow with length (a
# 1,000,000-character text takes over a minute and 1.6 GB), so the default stops well short.
DEFAULT_MAX_CHARS = 200_000
# spaCy refuses longer texts (its `max_length`, error E088): --max-chars cannot go beyond it.
MAX_CHARS_LIMIT = 1_000_000


class InputError(ValueError):
    """Input sitrep cannot read. The message says what is wrong and what to do."""


@dataclass
class ArticleInput:
    text: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    # Characters of `text` that are the headline (0..headline_end); 0 when there is none.
    headline_end: int = 0
    notes: list[str] = field(default_factory=list)
    # Where the article was read from (a path, `path:line`, or a URL), for failure reports and
    # provenance; None when the caller did not say.
    origin: str | None = None

    @property
    def article_id(self) -> str:
        return self.id or text_id(self.text)


def text_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Lone UTF-16 surrogates (JSON's "\udfff") are not characters: they cannot be encoded as UTF-8,
# so they would fail the article's identity hash and the store. Each becomes U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Publication dates outside these years are typing errors, not news reports, and date
# arithmetic near year 1 or 9999 overflows ("three days before" 0001-01-01).
MIN_YEAR, MAX_YEAR = 1800, 2200

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no BOM, no control characters, no trailing spaces on lines."""
    text = text.lstrip("\ufeff")
    text = replace_surrogates(text)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return text.strip()


def replace_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def clean_field(value: str | None) -> str | None:
    """A short field (title, id, source, URL) safe to hash and store."""
    return replace_surrogates(value) if isinstance(value, str) else value


def decode_bytes(data: bytes, origin: str = "input") -> str:
    """Decode UTF-8 text, refusing binary data with a message a user can act on."""
    if not data.strip():
        raise InputError(f"{origin} is empty: there is no text to read.")
    sample = data[:8192]
    if b"\x00" in sample and not _looks_utf16(sample):
        raise InputError(
            f"{origin} looks like a binary file (it contains NUL bytes), not text. "
            "Give sitrep the article as plain UTF-8 text, HTML or JSON Lines."
        )
    if _looks_utf16(sample):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}). "
            "Convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 file.txt > file.utf8.txt`."
        ) from None


def _looks_utf16(sample: bytes) -> bool:
    return sample.startswith((b"\xff\xfe", b"\xfe\xff"))


def parse_published(value: str | date | datetime | None) -> date | None:
    """A publication date from a date, datetime or ISO string; InputError when it cannot be
    read or lies outside the years MIN_YEAR..MAX_YEAR."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return check_published(value.date())
    if isinstance(value, date):
        return check_published(value)
    text = str(value).strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        try:
            day = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            raise InputError(
                f"cannot read the publication date {value!r}: write it as YYYY-MM-DD, e.g. 2024-12-02."
            ) from None
    return check_published(day)


def check_published(day: date) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InputError(
            f"the publication date {day.isoformat()} is not a plausible date for a news report "
            f"(sitrep reads years {MIN_YEAR} to {MAX_YEAR}); check the date."
        )
    return day


_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d]\s*$")


def split_headline(text: str) -> tuple[str | None, int]:
    """The first line is a headline when it is short, has no sentence-ending punctuation
    and more text follows. Returns (headline, characters it covers)."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip():
        return None, 0
    line = first.strip()
    words = line.split()
    if not line or len(words) > 25 or len(line) > 200 or _SENTENCE_END.search(line):
        return None, 0
    return line, len(first)


def make_article(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | date | datetime | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str = "en",
    max_chars: int = DEFAULT_MAX_CHARS,
    origin: str | None = None,
    refuse_other_languages: bool = False,
) -> ArticleInput:
    """Validate and normalise one article. When no title is given, a headline-like first
    line becomes the title (it stays in the text, so offsets still index the whole report).
    `origin` names the input in error messages and is kept on the article. A text that reads
    confidently as another language than English is refused with `refuse_other_languages`
    (the readers and the CLI), else noted in the article's notes."""
    where = origin or "input"
    if not isinstance(text, str):
        raise InputError(f"{where}: the article text must be a string, got {type(text).__name__}.")
    clean = normalise_text(text)
    if not clean:
        raise InputError(f"{where} is empty: there is no text to read.")
    if len(clean) > max_chars:
        raise InputError(
            f"{where} has {len(clean):,} characters, more than the limit of {max_chars:,}. "
            "A news report is rarely that long: split it into articles, or raise the limit "
            "with --max-chars."
        )
    if language and not language.lower().startswith("en"):
        raise InputError(
            f"{where} is marked as language {language!r}; sitrep reads English reports only."
        )
    headline, headline_end = split_headline(clean)
    notes = []
    if (other := not_english(clean)) is not None:
        if refuse_other_languages:
            raise InputError(
                f"{where} reads as {other}, not English; sitrep reads English reports only, and "
                "would make junk actors and events of it. Translate it first."
            )
        notes.append(f"the text reads as {other}, not English: sitrep's results on it are unreliable")
    if title is None and headline is not None:
        title = headline
        notes.append("title taken from the first line, which reads as a headline")
    elif title is not None and headline is not None and headline.strip() != title.strip():
        headline_end = 0
    title = clean_field(title)
    return ArticleInput(
        text=clean,
        id=clean_field(id),
        title=title.strip() if title else None,
        published=parse_published(published),
        source=clean_field(source),
        url=clean_field(url),
        language="en",
        headline_end=headline_end,
        notes=notes,
        origin=origin,
    )


def read_article_file(path: str | Path, **kwargs) -> ArticleInput:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p} does not exist.")
    if p.is_dir():
        raise InputError(f"{p} is a folder; `sitrep extract` reads one article file (or - for stdin).")
    if not p.is_file():
        # A FIFO would block the read until someone writes to it; /dev/zero never ends.
        raise InputError(f"{p} is not a regular file (a pipe or a device?); give an article file, or - for standard input.")
    limit = kwargs.get("max_chars", DEFAULT_MAX_CHARS)
    # Four bytes per character is UTF-8's worst case: anything larger cannot fit the limit,
    # and refusing before reading keeps a stray disk image from filling memory.
    if p.stat().st_size > 4 * limit:
        raise InputError(
            f"{p} is {p.stat().st_size:,} bytes, too large for one article (limit {limit:,} "
            "characters). Split it into articles, or raise the limit with --max-chars."
        )
    data = p.read_bytes()
    kwargs.setdefault("origin", str(p))
    return make_article(decode_bytes(data, str(p)), **kwargs)
