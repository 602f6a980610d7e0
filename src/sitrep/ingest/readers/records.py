"""A record (a CSV row, a JSON Lines object) to an article, through the column mapping."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sitrep.ingest.article import ArticleInput, InputError, make_article, parse_published
from sitrep.ingest.readers.base import FIELDS, ReaderOptions


def parse_columns(specs: Iterable[str]) -> dict[str, str]:
    """`["text=article_content", "published=date"]` (command-line form) to a column mapping."""
    columns: dict[str, str] = {}
    for spec in specs:
        name, sep, column = spec.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not name or not column:
            raise ValueError(f"write a column mapping as FIELD=COLUMN, e.g. text=article_content; got {spec!r}.")
        if name not in FIELDS:
            raise ValueError(f"{name!r} is not a field sitrep reads; the fields are {', '.join(FIELDS)}.")
        columns[name] = column
    return columns


def record_article(record: Mapping[str, Any], origin: str, options: ReaderOptions) -> ArticleInput:
    """Raise InputError, naming the missing column or the bad value, when the record cannot be read."""
    text_key = options.column("text")
    text = record.get(text_key)
    if text is None:
        keys = ", ".join(sorted(str(k) for k in record if k is not None)) or "none"
        raise InputError(
            f"{origin} has no {text_key!r} field (it has: {keys}). Say which one holds the "
            "article text with --column text=NAME."
        )
    if not isinstance(text, str):
        raise InputError(f"{origin}: the {text_key!r} field must be a string, got {type(text).__name__}.")
    values = {name: _value(record.get(options.column(name))) for name in FIELDS if name != "text"}
    return make_article(
        text,
        id=values["id"],
        title=values["title"],
        published=_date(values["published"], origin, options.date_format),
        source=values["source"],
        url=values["url"],
        language=values["language"] or "en",
        max_chars=options.max_chars,
        origin=origin,
        refuse_other_languages=True,
    )


def _value(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def _date(raw: str | None, origin: str, fmt: str | None) -> date | None:
    if raw is None:
        return None
    if fmt:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            raise InputError(
                f"{origin}: the date {raw!r} does not match the date format {fmt!r}. "
                "Fix the row, or give the format the column uses with --date-format."
            ) from None
    try:
        return parse_published(raw)
    except InputError as exc:
        hint = " Or give the column's format with --date-format, e.g. %m/%d/%y." if "cannot read" in str(exc) else ""
        raise InputError(f"{origin}: {exc}{hint}") from None
