"""Temporal expressions: every date, period, duration and recurrence in a document, resolved
against the publication date.

Each expression is found by a small grammar over the document text (weekday and month names,
numbers, and the modifier words and relative phrases of `knowledge/data/lexicons/time.yaml`),
then resolved to a first and last day with a precision (ACLED's day / week / month, plus year)
and a `reason` a user can read. spaCy's parse is used only to disambiguate ("May" the month or
the modal verb, "2000" a year or a count) and to see whether a clause is about the future.
dateparser is a last resort for date entities the grammar does not cover.

Choices (the lexicon documents the offsets):
- A weekday is the most recent such day on or before publication; the publication weekday is
  the publication day itself unless it says "last". A future clause ("will meet on Monday")
  looks forwards instead.
- A year-less date ("on March 4") is the most recent one not later than publication plus
  `future_grace_days` (a few days, for previews); a future clause looks forwards.
- "overnight" / "last night" cover the night: start = published - 1, end = published, "day".
- Phrases that refer back to another date ("the previous day", "that year", "at dawn") are
  resolved against publication, the only anchor available here, and flagged `anaphoric`: the
  event extractor may re-anchor them. Offsets in hours ("hours after") give no date.
- `precision` says how finely the dates are known: a point's uncertainty ("last week" ->
  "week"), or a period's endpoints ("from 2012 to 2016" -> "year"). Vague phrases ("a few days
  ago") are one unit coarser than their words.
- Relation words belong to the text of the expression ("since 2020", "from 2012 to 2016",
  "for years"); plain prepositions ("on", "in", "at") do not.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from sitrep.nlp.docinfo import doc_text, entities
from sitrep.knowledge.lexicon_schemas import SharedWords, TimeLexicon
from sitrep.knowledge.lexicons import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class TimeExpression:
    start: date | None  # first day covered
    end: date | None  # last day covered (inclusive); == start for a single day
    precision: str  # "day" | "week" | "month" | "year" | "unknown"
    text: str  # == doc.text[span[0]:span[1]]
    span: tuple[int, int]  # character offsets into doc.text
    reason: str  # how it was resolved, in words a user can read
    relation: str  # "point" | "range" | "since" | "until" | "duration" | "recurring"
    relative: bool  # resolved against the publication date (True) or absolute in the text
    anaphoric: bool = False  # refers back to another date in the text; resolved against publication
    # for anaphoric expressions: (signed count, unit) from the date they refer back to, so an
    # event extractor can re-anchor them: "the previous day" -> (-1, "day"), "dawn" -> (0, "day")
    anchor_offset: tuple[int, str] | None = None


# --------------------------------------------------------------------------- calendar words

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                 "fri": 4, "sat": 5, "sun": 6}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_COARSER = {"hour": "day", "minute": "day", "day": "week", "week": "month", "month": "year",
            "year": "year", "decade": "year"}
_UNIT_PRECISION = {"hour": "day", "minute": "day", "second": "day", "day": "day",
                   "fortnight": "week", "week": "week", "month": "month", "year": "year",
                   "decade": "year"}
_SMALL_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
                  "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def _number_words() -> dict[str, int]:
    words = {w: i + 1 for i, w in enumerate(_SMALL_NUMBERS)}
    words.update({"a": 1, "an": 1, "a single": 1, "half a": 0, "a hundred": 100,
                  "one hundred": 100})
    for tens, value in list(_TENS.items()) + [("twenty", 20)]:
        words[tens] = value
        for i, unit in enumerate(_SMALL_NUMBERS[:9]):
            words[f"{tens}-{unit}"] = value + i + 1
            words[f"{tens} {unit}"] = value + i + 1
    return words


_NUMBER_WORDS = _number_words()


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return _MONTHS.index(w) + 1 if w in _MONTHS else _MONTH_ABBR[w]


def _weekday_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return _WEEKDAYS.index(w) if w in _WEEKDAYS else _WEEKDAY_ABBR[w]


def _number(text: str) -> int | None:
    t = " ".join(text.lower().split())
    if t.isdigit():
        return int(t)
    return _NUMBER_WORDS.get(t)


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


# --------------------------------------------------------------------------- date arithmetic


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _shift(d: date, unit: str, n: int) -> date:
    if unit in _UNIT_DAYS:
        return d + timedelta(days=_UNIT_DAYS[unit] * n)
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    y, m = _add_months(d.year, d.month, months)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _unit_bounds(d: date, unit: str) -> tuple[date, date]:
    """The calendar unit (ISO week, month, year) that holds `d`."""
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if unit == "decade":
        y0 = d.year - d.year % 10
        return date(y0, 1, 1), date(y0 + 9, 12, 31)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _narrow(start: date, end: date, part: tuple[float, float] | None) -> tuple[date, date]:
    """The part of a period that "early" / "mid" / "late" pick: whole days of a month or week,
    whole months of a year, whole years of a decade."""
    if not part:
        return start, end
    days = (end - start).days + 1
    if days <= 31:
        a = start + timedelta(days=int(days * part[0]))
        b = start + timedelta(days=max(int(days * part[1]) - 1, 0))
        return a, max(a, b)
    if days <= 366:
        a_m, b_m = int(12 * part[0]), max(int(12 * part[1]) - 1, 0)
        return date(start.year, a_m + 1, 1), _month_end(start.year, b_m + 1)
    years = end.year - start.year + 1
    a_y, b_y = int(years * part[0]), max(int(years * part[1]) - 1, 0)
    return date(start.year + a_y, 1, 1), date(start.year + max(a_y, b_y), 12, 31)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _fmt(d: date) -> str:
    return d.isoformat()


def _pub(p: date) -> str:
    return f"publication ({p.strftime('%a')} {p.isoformat()})"


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Lex:
    day_words: dict[str, tuple[int, int]]
    anaphoric: dict[str, tuple[str, int]]
    weekday_selectors: dict[str, str]
    unit_selectors: dict[str, int]
    unit_cuts: dict[str, str]
    part_modifiers: dict[str, tuple[float, float]]
    seasons: dict[str, tuple[int, int]]
    vague_counts: dict[str, tuple[int, int]]
    offset_words: dict[str, int]
    period_ahead: frozenset[str]
    anchor_prepositions: frozenset[str]
    recent_periods: dict[str, tuple[str, int]]
    since: tuple[str, ...]
    until: tuple[str, ...]
    before_after: dict[str, int]
    range_openers: tuple[str, ...]
    range_joiners: tuple[str, ...]
    recurring_words: frozenset[str]
    year_cues: frozenset[str]
    not_year_after: frozenset[str]
    future_grace: int
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    numeric_order: dict[str, str]
    dateline_introducers: tuple[str, ...]
    dateline_max_offset: int
    not_dateline_after: frozenset[str]
    date_name_heads: frozenset[str]
    plural_weekday_openers: frozenset[str]
    day_of_month_cues: frozenset[str]
    locative_prepositions: frozenset[str]
    patterns: dict[str, re.Pattern]


def _alt(phrases: Any) -> str:
    """A regex alternation of lexicon phrases, longest first, spaces matching any whitespace."""
    ps = sorted({str(p).lower() for p in phrases}, key=len, reverse=True)
    alts = [r"\s+".join(re.escape(w) for w in p.split()) for p in ps]
    # a word-initial phrase starts at a word boundary: "early" is not the end of "nearly"
    return "(?:" + "|".join((r"\b" + a) if p[:1].isalnum() else a for p, a in zip(ps, alts)) + ")"


def _pairs(table: dict[str, tuple]) -> dict[str, tuple]:
    return {k.lower(): tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = lexicon(TimeLexicon)
    lex = _Lex(
        day_words=_pairs(raw.day_words),
        anaphoric=_pairs(raw.anaphoric),
        weekday_selectors=dict(raw.weekday_selectors),
        unit_selectors=dict(raw.unit_selectors),
        unit_cuts=dict(raw.unit_cuts),
        part_modifiers=_pairs(raw.part_modifiers),
        seasons=_pairs(raw.seasons),
        vague_counts=_pairs(raw.vague_counts),
        offset_words=dict(raw.offset_words),
        period_ahead=frozenset(raw.period_openers["ahead"]),
        anchor_prepositions=raw.anchor_prepositions,
        recent_periods=_pairs(raw.recent_periods),
        since=raw.since,
        until=raw.until,
        before_after=dict(raw.before_after),
        range_openers=raw.range_openers,
        range_joiners=raw.range_joiners,
        recurring_words=frozenset(raw.recurring_words),
        year_cues=raw.year_cues,
        not_year_after=raw.not_year_after,
        future_grace=raw.future_grace_days,
        future_aux=raw.future_auxiliaries,
        future_governors=raw.future_governors,
        numeric_order=dict(raw.numeric_order),
        dateline_introducers=raw.dateline_introducers,
        dateline_max_offset=raw.dateline_max_offset,
        not_dateline_after=raw.not_dateline_after,
        date_name_heads=raw.date_name_heads,
        plural_weekday_openers=raw.plural_weekday_openers,
        day_of_month_cues=raw.day_of_month_cues,
        locative_prepositions=raw.locative_prepositions,
        patterns={},
    )
    lex.patterns.update(_compile(raw))
    return lex


# --------------------------------------------------------------------------- the grammar

_WD = "(?:" + "|".join(_WEEKDAYS) + ")"
_WD_ANY = (r"\b(?:" + "|".join(_WEEKDAYS)
           + r"\b|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?)")
_MON_FULL = r"\b(?:" + "|".join(_MONTHS) + r")\b"
_MON_ANY = (r"\b(?:" + "|".join(_MONTHS)
            + r"\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)")
# an abbreviated month stands alone only with its dot ("Aug."): "mar" and "jan" are words too
_MON_ALONE = _MON_FULL + r"|\b(?:jan|feb|aug|sept?|oct|nov|dec)\."
_DAY = r"(?<![\d.:/])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?<![\d.,:/£$€])(?:1[89]\d\d|20\d\d)(?![\d,]\d)(?!\d)"
_UNIT = r"(?P<u>hour|minute|day|week|fortnight|month|year|decade)"
_NUM = "(?:\\d{1,3}|" + "|".join(
    sorted((re.escape(w).replace("\\ ", r"\s+") for w in _NUMBER_WORDS), key=len, reverse=True)
) + ")"
_ORDINALS = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"


def _compile(raw: TimeLexicon) -> dict[str, re.Pattern]:
    """The expression grammar: calendar words in code, modifier words from the lexicon."""
    w = {key: _alt(getattr(raw, key)) for key in (
        "part_modifiers", "day_modifiers", "parts_of_day", "weekday_selectors", "unit_selectors",
        "unit_cuts", "seasons", "day_words", "anaphoric", "offset_words", "recent_periods",
        "vague_durations", "count_qualifiers", "recurring_words", "recurring_openers",
        "run_words", "run_tails", "range_joiners", "duration_openers", "vague_duration_openers")}
    openers = _alt([*raw.period_openers["back"], *raw.period_openers["ahead"]])
    vague = _alt(k for k in raw.vague_counts if k)
    part = rf"(?:(?P<part>{w['part_modifiers']})(?:\s+|-))?"
    sel = rf"(?:(?P<sel>{w['weekday_selectors']})\s+)?"
    qual = rf"(?:(?P<q>{w['count_qualifiers']})\s+)?"
    count = rf"(?:(?P<v>{vague})\s+|(?P<n>\b{_NUM})[\s-]+)"
    tod_after = rf"(?:,?\s+(?:at\s+|in\s+the\s+)?(?P<tod>{w['parts_of_day']})\b)?"
    wd_before = rf"(?:(?P<wd>{_WD_ANY}),?\s+)?"
    year_after = rf"(?:,?\s+(?P<y>{_YEAR}))?"
    yrel = r"(?:(?:\s+of)?\s+(?P<yrel>last|this|next)\s+year)"
    join = rf"\s*{w['range_joiners']}\s*"
    standalone = "|".join(
        rf"(?P<pre_{i}>{_alt([prep])})\s+(?P<tod_{i}>{_alt(words)})\b"
        for i, (prep, words) in enumerate(raw.standalone_parts_of_day.items())
    )
    specs = {
        "full_dmy": rf"{wd_before}(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MON_ANY}),?\s+(?P<y>{_YEAR})",
        "full_mdy": rf"{wd_before}(?P<m>{_MON_ANY})\s*(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})",
        # scraped pages that drop the comma: "Aug 012016"
        "glued": rf"(?P<m>{_MON_ANY})\s+(?P<d>0[1-9]|[12]\d|3[01])(?P<y>(?:19|20)\d\d)(?!\d)",
        "numeric": r"(?<![\d/.-])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)"
                   r"(?P<y>(?:19|20)\d\d)(?!\d)",
        "iso": r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])",
        "dayrange_dm": rf"(?P<d1>{_DAY}){join}(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m>{_MON_ANY})"
                       rf"{year_after}",
        "dayrange_md": rf"(?P<m>{_MON_ANY})\s+(?P<d1>{_DAY}){join}(?P<d2>{_DAY}){year_after}",
        "dm": rf"{wd_before}(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MON_ANY})",
        "md": rf"{wd_before}(?P<m>{_MON_ANY})\s+(?:the\s+)?(?P<d>{_DAY})",
        "month": rf"{part}{sel}(?P<m>{_MON_ALONE})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR})|{yrel})?",
        "season": rf"{part}{sel}(?:the\s+)?(?P<s>{w['seasons']})\b"
                  rf"(?:(?:\s+of)?,?\s+(?P<y>{_YEAR})|{yrel})?",
        "year": rf"{part}(?P<y>{_YEAR})",
        "yearrange": rf"(?P<y1>{_YEAR})\s*(?:-|–|—|/)\s*(?P<y2>{_YEAR}|\d\d(?!\d))",
        "decade": rf"{part}(?:the\s+)?(?P<y>(?:1[89]|20)\d0)'?s\b",
        "weekday": rf"(?:(?P<mod>{w['day_modifiers']})\s+)?{sel}(?P<wd>\b{_WD})(?P<pl>s)?\b"
                   rf"{tod_after}",
        "dayword": rf"(?:(?P<mod>{w['day_modifiers']})\s+)?(?P<w>{w['day_words']})\b{tod_after}",
        "anaphor": rf"(?P<w>{w['anaphoric']})\b",
        "unit": rf"{part}(?:(?P<cut>{w['unit_cuts']})\s+)?(?P<sel>{w['unit_selectors']})\s+"
                r"(?P<u>week|weekend|month|year|fortnight|decade)\b",
        "the_unit": rf"(?:(?P<part>{w['part_modifiers']})|(?P<cut>{w['unit_cuts']}))\s+the\s+"
                    r"(?P<u>week|month|year|weekend)\b",
        "weekend": r"\bthe\s+(?P<u>weekend)\b",
        "ago": rf"{qual}{count}?\b{_UNIT}s?\s+ago\b",
        "offset": rf"{qual}{count}?\b{_UNIT}s?\s+(?P<dir>{w['offset_words']})\b",
        "period": rf"(?P<o>{openers})\s+(?:(?P<v>{vague})\s+|(?P<n>{_NUM})\s+)?{_UNIT}s?\b",
        "recent": rf"(?P<w>{w['recent_periods']})\b",
        "duration": rf"(?:(?P<o>{w['duration_openers']})\s+)?{qual}{count}\b{_UNIT}s?(?:-long)?\b",
        "ordinal_duration": rf"\b(?:for\s+)?(?:a|the)\s+{_ORDINALS}\s+(?:{w['run_words']}\s+)?"
                            rf"(?:day|week|month|year)\b(?:\s+{w['run_tails']})?",
        "vague_duration": rf"(?P<o>{w['vague_duration_openers']})\s+{qual}"
                          rf"(?P<w>{w['vague_durations']})\b",
        "recurring": rf"{w['recurring_words']}\b"
                     rf"|{w['recurring_openers']}\s+(?:other\s+|single\s+)?"
                     rf"(?:day|week|month|year|night|morning|evening|weekend|{_WD})\b"
                     r"|\b(?:once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+"
                     r"(?:day|week|month|year)\b",
        "tod": standalone,
        "clock": r"(?<![\d.:,])(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d)|(?P<mi2>[0-5]\d))?\s*"
                 r"(?P<ap>[ap])(?:\.m\.|m\b)"
                 r"|\b(?:at|around|about)\s+(?P<h24>[012]?\d):(?P<mi24>[0-5]\d)\b",
        "dom": r"\bthe\s+(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))\b"
               r"(?:\s+of\s+(?:the|this)\s+month)?",
        # The words a pattern cannot match without, where they are not its trigger word: a
        # window around a unit word ("three days") that holds no "ago" or offset word
        # ("later", "after") is not searched for those patterns (_find_atoms).
        "_needs_ago": r"\s+ago\b",
        "_needs_offset": rf"\s+(?:{w['offset_words']})\b",
        # the words before or between expressions that make periods of them (see _compose)
        "_joiner": join,
        "_opener": rf"{_alt(raw.range_openers)}\s+$",
        "_since": rf"{_alt(raw.since)}\s+$",
        "_until": rf"{_alt(raw.until)}\s+$",
        "_before_after": rf"{_alt(raw.before_after)}\s+$",
        "_introducer": rf"{_alt(raw.dateline_introducers)}[:\s]+$",
    }
    return {name: re.compile(rx, re.IGNORECASE) for name, rx in specs.items()}


# --------------------------------------------------------------------------- atoms


@dataclass
class _Atom:
    start: int
    end: int
    kind: str  # names a resolver in _RESOLVERS
    args: dict[str, Any] = field(default_factory=dict)
    relation: str = "point"


@dataclass
class _Res:
    start: date | None
    end: date | None
    precision: str
    how: str
    relative: bool
    anaphoric: bool = False
    year: int | None = None  # the year a range's year-less first half can borrow
    offset: tuple[int, str] | None = None  # anaphoric: (signed count, unit) from the anchor


class _Ctx:
    """One document: its text, tokens and publication date, with cheap lookups."""

    def __init__(self, doc: "Doc | None", text: str, published: date | None):
        self.doc = doc
        self.text = text
        self.published = published
        self.lex = _lex()
        self._token_starts: list[int] | None = None
        self._date_ents: list[tuple[int, int]] | None = None

    @property
    def _starts(self) -> list[int]:
        if self._token_starts is None:
            self._token_starts = [t.idx for t in self.doc] if self.doc is not None else []
        return self._token_starts

    def token_at(self, char: int) -> "Token | None":
        if self.doc is None or not self._starts:
            return None
        i = bisect_right(self._starts, char) - 1
        return self.doc[i] if i >= 0 else None

    def token_after(self, char: int) -> "Token | None":
        if self.doc is None:
            return None
        i = bisect_right(self._starts, char - 1)
        return self.doc[i] if i < len(self.doc) else None

    def words_before(self, char: int, n: int = 3) -> list[str]:
        return re.findall(r"[\w.'()#,–-]+", self.text[max(0, char - 40):char].lower())[-n:]

    def in_date_entity(self, start: int, end: int) -> bool:
        if self.doc is None:
            return False
        if self._date_ents is None:
            self._date_ents = [(e.start_char, e.end_char) for e in entities(self.doc)
                               if e.label_ in ("DATE", "TIME")]
        return any(a <= start and end <= b for a, b in self._date_ents)

    def future(self, start: int, end: int) -> bool:
        """Whether the clause the expression sits in speaks of the future ("will meet on ...")."""
        tok = first = self.token_at(start)
        if tok is None:
            return False
        hops = 0
        while hops < 6:
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.lex.future_aux
                   for c in tok.children):
                return True
            if tok.i != first.i and (tok.lemma_.lower() in self.lex.future_governors
                                     or tok.lower_ in self.lex.future_governors):
                return True
            if tok.head.i == tok.i:
                break
            tok, hops = tok.head, hops + 1
        return False


def _g(m: re.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _trimmed(m: re.Match) -> tuple[int, int]:
    s, e = m.span()
    text = m.string
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    while s < e and text[s] in " \t\n,":
        s += 1
    return s, e


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


# -- parsers: one per pattern, each returns an atom or None when the match is not a time


def _p_full(m: re.Match, ctx: _Ctx) -> _Atom | None:
    y, mo, d = int(m["y"]), _month_number(m["m"]), _day_number(m["d"])
    if not _valid(y, mo, d):
        return None
    wd = _weekday_number(m["wd"]) if _g(m, "wd") else None
    return _Atom(*_trimmed(m), "date", {"y": y, "m": mo, "d": d, "wd": wd})


def _p_numeric(m: re.Match, ctx: _Ctx) -> _Atom | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    order = ctx.lex.numeric_order.get(m["s"], "dmy")
    if a > 12 and b <= 12:
        order = "dmy"
    elif b > 12 and a <= 12:
        order = "mdy"
    mo, d = (a, b) if order == "mdy" else (b, a)
    if not _valid(y, mo, d):
        return None
    return _Atom(*_trimmed(m), "date", {"y": y, "m": mo, "d": d, "numeric": order})


def _p_iso(m: re.Match, ctx: _Ctx) -> _Atom | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    return _Atom(*_trimmed(m), "date", {"y": y, "m": mo, "d": d})


def _month_word_ok(word: str, m: re.Match, ctx: _Ctx, has_number: bool) -> bool:
    """"May" the month and not the verb; "March" not the noun; abbreviations only with a number."""
    w = word.lower().rstrip(".")
    if not has_number and w not in _MONTHS and not word.endswith("."):
        return False
    if w in ("may", "march") or not has_number:
        if not _capitalised(word):
            return False
        tok = ctx.token_at(m.start("m"))
        # mid-sentence a capital is enough; the tagger decides only where every word has one
        sentence_initial = tok is None or tok.is_sent_start or tok.i == 0 or \
            not tok.doc[tok.i - 1].is_alpha or tok.doc[tok.i - 1].text[:1].isupper()
        verb = tok is not None and tok.tag_ in ("MD", "VB", "VBP", "VBZ", "VBD")
        if sentence_initial and not has_number and verb:
            return False
    return True


def _p_yearless(m: re.Match, ctx: _Ctx) -> _Atom | None:
    if not _month_word_ok(m["m"], m, ctx, has_number=True):
        return None
    mo, d = _month_number(m["m"]), _day_number(m["d"])
    if not _valid(2000, mo, d):  # 2000 is a leap year: 29 February is a date
        return None
    if _counted_after(m.end(), ctx) and not re.search(r"(st|nd|rd|th)$", m["d"], re.I) and not _determined(m.start(), ctx):
        return None  # "in August 20 people were killed", but "an October 6 attack"
    if _names_a_place(m.end(), ctx):
        return None  # "April 7th Street"
    wd = _weekday_number(m["wd"]) if _g(m, "wd") else None
    return _Atom(*_trimmed(m), "date", {"y": None, "m": mo, "d": d, "wd": wd})


def _names_a_place(end: int, ctx: _Ctx) -> bool:
    nxt = re.match(r"\s+([A-Z][a-z]+)", ctx.text[end:end + 20])
    return bool(nxt) and nxt.group(1).lower() in ctx.lex.date_name_heads


def _determined(start: int, ctx: _Ctx) -> bool:
    """An article or possessive before the month ("an October 6 attack", "the March 3 strike")
    makes the date a modifier of the noun after it, not a count of it."""
    before = ctx.words_before(start, 1)
    shared = lexicon(SharedWords)
    determiners = shared.articles | shared.demonstratives | shared.possessive_determiners | shared.personal_possessives
    return bool(before) and before[0] in determiners


def _counted_after(end: int, ctx: _Ctx) -> bool:
    """The number is followed by the noun it counts ("20 people"), so it is no day."""
    tok = ctx.token_after(end)
    return tok is not None and tok.pos_ == "NOUN" and tok.lower_ not in ("of",)


def _p_dayrange(m: re.Match, ctx: _Ctx) -> _Atom | None:
    if not _month_word_ok(m["m"], m, ctx, has_number=True):
        return None
    mo, d1, d2 = _month_number(m["m"]), _day_number(m["d1"]), _day_number(m["d2"])
    y = int(m["y"]) if m["y"] else None
    if d1 >= d2 or not _valid(y or 2000, mo, d2):
        return None
    a = _Atom(m.start(), m.end(), "date", {"y": y, "m": mo, "d": d1})
    b = _Atom(m.start(), m.end(), "date", {"y": y, "m": mo, "d": d2})
    return _Atom(*_trimmed(m), "range", {"a": a, "b": b}, relation="range")


def _p_month(m: re.Match, ctx: _Ctx) -> _Atom | None:
    has_context = bool(m["y"] or m["yrel"] or m["part"] or m["sel"])
    if not _month_word_ok(m["m"], m, ctx, has_number=bool(m["y"])):
        return None
    if not has_context and not _month_alone_ok(m, ctx):
        return None
    args = {"m": _month_number(m["m"]), "y": int(m["y"]) if m["y"] else None,
            "yrel": m["yrel"], "sel": _sel(m["sel"], ctx), "part": _part(m["part"], ctx)}
    return _Atom(*_trimmed(m), "month", args)


def _month_alone_ok(m: re.Match, ctx: _Ctx) -> bool:
    """A bare month name needs a preposition or date entity to be a date ("June" is a name too)."""
    before = ctx.words_before(m.start(), 1)
    if before and before[-1] in ctx.lex.year_cues:
        return True
    return ctx.in_date_entity(m.start("m"), m.end("m"))


def _sel(word: str | None, ctx: _Ctx) -> str | None:
    return ctx.lex.weekday_selectors.get(" ".join(word.lower().split())) if word else None


def _part(word: str | None, ctx: _Ctx) -> tuple[float, float] | None:
    return ctx.lex.part_modifiers.get(" ".join(word.lower().split())) if word else None


def _p_season(m: re.Match, ctx: _Ctx) -> _Atom | None:
    if not (m["y"] or m["yrel"] or m["sel"]):
        return None  # "the fall of Aleppo", "summer" alone
    args = {"s": m["s"].lower(), "y": int(m["y"]) if m["y"] else None, "yrel": m["yrel"],
            "sel": _sel(m["sel"], ctx), "part": _part(m["part"], ctx)}
    return _Atom(*_trimmed(m), "season", args)


def _p_year(m: re.Match, ctx: _Ctx) -> _Atom | None:
    if not m["part"] and not _year_ok(m, ctx):
        return None
    return _Atom(*_trimmed(m), "year", {"y": int(m["y"]), "part": _part(m["part"], ctx)})


def _year_ok(m: re.Match, ctx: _Ctx) -> bool:
    """A bare 1800-2099 number is a year after a cue word or inside a date entity; not a label
    ("Resolution 2254"), a count ("2000 people"), an age ("2000-year-old") or a clock time next to
    a dateline ("24.07.2016 (updated 2042 ...)", "1849 UTC")."""
    before = ctx.words_before(m.start(), 2)
    prev = before[-1] if before else ""
    if prev.rstrip(".") in ctx.lex.not_year_after or prev in ctx.lex.not_year_after:
        return False
    after = ctx.text[m.end():m.end() + 12]
    if re.match(r"-[a-z]|\s*(?:gmt|utc|local\s+time|hrs)\b", after, re.I):
        return False
    just_before = ctx.text[max(0, m.start() - 12):m.start()]
    if re.match(r"\s*\(?\d{1,2}[./-]\d", after) or prev == "updated" or \
            re.search(r"(?:(?:19|20)\d\d|\d[./-]\d\d)\s*$", just_before):
        return False
    tok = ctx.token_at(m.start("y"))
    # a year modifies a singular noun ("the 2011 uprising"); a count a plural one ("2000 raids")
    if tok is not None and tok.dep_ == "nummod" and tok.head.i > tok.i and \
            tok.head.tag_ in ("NNS", "NNPS") and prev not in ("the", "in", "of", "since"):
        return False
    if prev in ctx.lex.year_cues or prev.endswith(","):
        return True
    return ctx.in_date_entity(m.start("y"), m.end("y"))


def _p_yearrange(m: re.Match, ctx: _Ctx) -> _Atom | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if not y1 < y2 <= y1 + 100:
        return None
    a = _Atom(m.start("y1"), m.end("y1"), "year", {"y": y1})
    b = _Atom(m.start("y2"), m.end("y2"), "year", {"y": y2})
    return _Atom(*_trimmed(m), "range", {"a": a, "b": b}, relation="range")


def _p_decade(m: re.Match, ctx: _Ctx) -> _Atom | None:
    return _Atom(*_trimmed(m), "decade", {"y": int(m["y"]), "part": _part(m["part"], ctx)})


def _p_weekday(m: re.Match, ctx: _Ctx) -> _Atom | None:
    wd = _weekday_number(m["wd"])
    if m["pl"]:
        if _recurring_weekday(m, ctx):
            return _Atom(*_trimmed(m), "recurring", {})
        # scraped text drops apostrophes: "Tuesdays attack" is Tuesday's attack
    mods = [w for w in (m["mod"], m["tod"]) if w]
    return _Atom(*_trimmed(m), "weekday", {"wd": wd, "sel": _sel(m["sel"], ctx), "mods": mods,
                                           "possessive": bool(m["pl"])})


def _recurring_weekday(m: re.Match, ctx: _Ctx) -> bool:
    """"on Fridays" repeats; "Fridays edition" (an apostrophe lost in scraping) is one Friday."""
    before = ctx.words_before(m.start(), 1)
    if before and before[-1] in ctx.lex.plural_weekday_openers:
        after = ctx.token_after(m.end())
        return not (after is not None and after.pos_ == "NOUN")
    return False


def _p_dayword(m: re.Match, ctx: _Ctx) -> _Atom | None:
    w = " ".join(m["w"].lower().split())
    mods = [x for x in (m["mod"], m["tod"]) if x]
    return _Atom(*_trimmed(m), "dayword", {"w": w, "mods": mods})


def _p_anaphor(m: re.Match, ctx: _Ctx) -> _Atom | None:
    w = " ".join(m["w"].lower().split())
    unit, off = ctx.lex.anaphoric[w]
    if w.split()[-1] in ctx.lex.anchor_prepositions and _anchored(m.end(), ctx):
        # "a day after the ministry said": an offset from that event, not from publication
        return _Atom(*_trimmed(m), "anchored", {"n": (abs(off), abs(off)), "u": unit,
                                                "dir": 1 if off > 0 else -1, "vague": False})
    return _Atom(*_trimmed(m), "anaphor", {"w": w})


def _anchored(end: int, ctx: _Ctx) -> bool:
    """An "after"/"before" phrase followed by the event it counts from (not by punctuation)."""
    return bool(re.match(r"\s+[\"“']?[\w]", ctx.text[end:end + 4]))


def _p_unit(m: re.Match, ctx: _Ctx) -> _Atom | None:
    sel = _g(m, "sel")
    off = ctx.lex.unit_selectors[" ".join(sel.lower().split())] if sel else 0
    cut = ctx.lex.unit_cuts.get(" ".join(m["cut"].lower().split())) if m["cut"] else None
    unit = m["u"].lower()
    if unit == "fortnight":
        return None
    return _Atom(*_trimmed(m), "weekend" if unit == "weekend" else "unit",
                 {"u": unit, "off": off, "cut": cut, "part": _part(m["part"], ctx),
                  "sel": sel is not None})


def _p_weekend(m: re.Match, ctx: _Ctx) -> _Atom | None:
    return _Atom(*_trimmed(m), "weekend", {"u": "weekend", "off": 0, "sel": False})


def _count(m: re.Match, ctx: _Ctx) -> tuple[int, int] | None:
    """(low, high) count of units: "two" -> (2, 2), "a few" -> lexicon range, none -> vague
    (only with a plural: "days ago" is vague, "week before" is no count at all)."""
    if _g(m, "n"):
        n = _number(m["n"])
        return (n, n) if n else None
    if not re.match(r"s\b", ctx.text[m.end("u"):m.end("u") + 2]):
        return None
    key = " ".join((_g(m, "v") or "").lower().split())
    return ctx.lex.vague_counts.get(key)


def _p_ago(m: re.Match, ctx: _Ctx) -> _Atom | None:
    count = _count(m, ctx)
    if count is None:
        return None
    return _Atom(*_trimmed(m), "ago", {"n": count, "u": m["u"].lower(), "q": m["q"],
                                       "vague": not _g(m, "n")})


def _p_offset(m: re.Match, ctx: _Ctx) -> _Atom | None:
    count = _count(m, ctx)
    if count is None:
        return None
    word = " ".join(m["dir"].lower().split())
    anchored = word.split()[0] in ctx.lex.anchor_prepositions and _anchored(m.end(), ctx)
    kind = "anchored" if anchored else "offset"
    return _Atom(*_trimmed(m), kind, {"n": count, "u": m["u"].lower(),
                                      "dir": ctx.lex.offset_words[word], "vague": not _g(m, "n")})


def _p_period(m: re.Match, ctx: _Ctx) -> _Atom | None:
    opener = " ".join(m["o"].lower().split())
    plural = bool(re.match(r"s\b", ctx.text[m.end("u"):m.end("u") + 2]))
    singular_ok = ("the past", "the last", "past", "the coming")
    if not (m["n"] or m["v"] or plural) and not opener.startswith(singular_ok):
        return None  # "last week" is a calendar week; "the previous week" an anaphor
    if re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None  # "the last days of September"
    count = _count(m, ctx) if (m["n"] or m["v"] or plural) else (1, 1)
    if count is None:
        return None
    return _Atom(*_trimmed(m), "period", {"n": count[1], "u": m["u"].lower(),
                                          "vague": not m["n"] and count[0] != count[1],
                                          "ahead": opener in ctx.lex.period_ahead})


def _p_recent(m: re.Match, ctx: _Ctx) -> _Atom | None:
    unit, n = ctx.lex.recent_periods[" ".join(m["w"].lower().split())]
    return _Atom(*_trimmed(m), "period", {"n": n, "u": unit, "vague": True})


def _p_duration(m: re.Match, ctx: _Ctx) -> _Atom | None:
    rest = ctx.text[m.end():m.end() + 6].lower()
    if re.match(r"(-|\s+)olds?\b", rest):
        return None  # an age: "six-year-old", "45 years old"
    if not _g(m, "n") and not _g(m, "v"):
        return None
    if _g(m, "n") and m["n"].lower() in lexicon(SharedWords).indefinite_articles and not m["o"]:
        before = ctx.words_before(m.start(), 1)
        if before and before[-1] in ("once", "twice", "times", "per"):
            return None
    return _Atom(*_trimmed(m), "duration", {})


def _p_vague_duration(m: re.Match, ctx: _Ctx) -> _Atom | None:
    if re.match(r"\s+(of|ago|later|earlier|old)\b", ctx.text[m.end():m.end() + 8], re.I):
        return None  # "in years of war", "years ago": other patterns
    return _Atom(*_trimmed(m), "duration", {})


def _p_recurring(m: re.Match, ctx: _Ctx) -> _Atom | None:
    sentence_start = ctx.text[max(0, m.start() - 2):m.start()].strip() in ("", ".", '"')
    if _capitalised(m.group(0)) and not sentence_start:
        return None  # "the Daily Star", a title
    return _Atom(*_trimmed(m), "recurring", {})


def _p_tod(m: re.Match, ctx: _Ctx) -> _Atom | None:
    for name, value in m.groupdict().items():
        if name.startswith("pre_") and value:
            i = name[4:]
            # "at dawn" -> "dawn", but "before dawn" keeps the word that moves the time
            kept = value.lower() not in ctx.lex.locative_prepositions
            s = m.start() if kept else m.start(f"tod_{i}")
            return _Atom(s, m.end(), "tod", {"tod": m[f"tod_{i}"]})
    return None


def _p_clock(m: re.Match, ctx: _Ctx) -> _Atom | None:
    s = m.start("h24") if m["h24"] else m.start()
    h = int(m["h24"] or m["h"])
    if h > 24 or (m["ap"] and h > 12):
        return None
    return _Atom(s, _trimmed(m)[1], "tod", {"tod": ctx.text[s:m.end()].strip()})


def _p_dom(m: re.Match, ctx: _Ctx) -> _Atom | None:
    before = ctx.words_before(m.start(), 1)
    if not before or before[-1] not in ctx.lex.day_of_month_cues:
        return None
    after = ctx.token_after(m.end())
    if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ") and \
            not m.group(0).endswith("month"):
        return None  # "on the 4th floor", "the 4th Division"
    return _Atom(*_trimmed(m), "dom", {"d": _day_number(m["d"])})


_PARSERS: dict[str, Callable[[re.Match, _Ctx], _Atom | None]] = {
    "full_dmy": _p_full, "full_mdy": _p_full, "glued": _p_full, "numeric": _p_numeric,
    "iso": _p_iso, "dayrange_dm": _p_dayrange, "dayrange_md": _p_dayrange, "dm": _p_yearless,
    "md": _p_yearless, "month": _p_month, "season": _p_season, "year": _p_year,
    "yearrange": _p_yearrange, "decade": _p_decade, "weekday": _p_weekday,
    "dayword": _p_dayword, "anaphor": _p_anaphor, "unit": _p_unit, "the_unit": _p_unit,
    "weekend": _p_weekend, "ago": _p_ago, "offset": _p_offset, "period": _p_period,
    "recent": _p_recent, "duration": _p_duration, "vague_duration": _p_vague_duration,
    "ordinal_duration": lambda m, ctx: _Atom(*_trimmed(m), "duration", {}),
    "recurring": _p_recurring, "tod": _p_tod, "clock": _p_clock, "dom": _p_dom,
}
# On equal spans the earlier kind wins (a more specific reading).
_ORDER = {name: i for i, name in enumerate(_PARSERS)}


# Which patterns a trigger word can start: every expression holds one of these words, so each
# pattern only runs over short windows around its triggers, not over the whole text.
_FAMILIES = {
    "month": ("full_dmy", "full_mdy", "glued", "dm", "md", "dayrange_dm", "dayrange_md", "month"),
    "weekday": ("weekday", "recurring"),
    "year": ("year", "yearrange", "decade", "season"),
    "numdate": ("numeric", "iso", "year"),
    "unit": ("ago", "offset", "period", "recent", "duration", "vague_duration",
             "ordinal_duration", "unit", "the_unit", "weekend", "anaphor", "recurring", "dayword"),
    "dayword": ("dayword", "anaphor", "weekday", "tod"),
    "tod": ("tod", "dayword", "anaphor"),
    "season": ("season",),
    "recurring": ("recurring",),
    "clock": ("clock",),
    "ordinal": ("dom", "dayrange_dm"),
}
_WINDOW = 64  # characters either side of a trigger: longer than any modifier phrase
_WORD = re.compile(r"[A-Za-z]+|\d+(?:[/.:-]\d+)*(?:st|nd|rd|th|s)?")
_YEARISH = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, tuple[str, ...]]:
    """Lowercase word -> trigger families, from the calendar words and the lexicon phrases."""
    raw = lexicon(TimeLexicon)
    words: dict[str, set[str]] = {}

    def add(word: str, family: str) -> None:
        words.setdefault(word.lower(), set()).add(family)

    for w in list(_MONTHS) + list(_MONTH_ABBR):
        add(w, "month")
    for w in _WEEKDAYS:
        add(w, "weekday")
        add(w + "s", "weekday")
    for u in ("hour", "minute", "second", "day", "week", "fortnight", "month", "year", "decade",
              "weekend"):
        add(u, "unit")
        add(u + "s", "unit")
    add("ago", "unit")
    function_words = {"the", "a", "an", "that", "same", "in", "of", "on", "at", "this", "earlier",
                      "later", "early", "late", "last", "next", "previous", "following", "before",
                      "after", "one", "to", "be"}
    for key, family in (("day_words", "dayword"), ("anaphoric", "dayword"),
                        ("parts_of_day", "tod"), ("recent_periods", "unit")):
        for phrase in getattr(raw, key):
            for w in re.findall(r"[a-z]+", str(phrase).lower()):
                if w not in function_words:
                    add(w, family)
    for words_ in raw.standalone_parts_of_day.values():
        for phrase in words_:
            for w in re.findall(r"[a-z]+", str(phrase).lower()):
                if w not in function_words:
                    add(w, "tod")
    for w in raw.seasons:
        add(w, "season")
    for w in [*raw.recurring_words, *raw.recurring_openers, "once", "twice", "times"]:
        add(w, "recurring")
    for w in ("m", "am", "pm"):
        add(w, "clock")
    return {w: tuple(sorted(f)) for w, f in words.items()}


def _families(word: str) -> tuple[str, ...]:
    found = _trigger_words().get(word.lower())
    if found:
        return found
    if not word[0].isdigit():
        return ()
    fams = []
    if _YEARISH.search(word):
        fams.append("year")
    if re.search(r"\d[/.-]\d", word):
        fams.append("numdate")
    if ":" in word:
        fams.append("clock")
    if re.search(r"\d(?:st|nd|rd|th)$", word, re.I):
        fams.append("ordinal")
    return tuple(fams)


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per pattern, the merged stretches of text around its trigger words, cut at whitespace."""
    spans: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _WORD.finditer(text):
        fams = _families(m.group(0))
        if not fams:
            continue
        s, e = _snap(text, m.start() - _WINDOW, -1), _snap(text, m.end() + _WINDOW, 1)
        for fam in fams:
            for name in _FAMILIES[fam]:
                spans.setdefault(name, []).append((s, min(e, n)))
    return {name: _merge(ws) for name, ws in spans.items()}


def _snap(text: str, i: int, step: int) -> int:
    """Move a window edge to the nearest whitespace outward, so no word is cut in two."""
    if i <= 0:
        return 0
    if i >= len(text):
        return len(text)
    while 0 < i < len(text) and not text[i].isspace():
        i += step
    return max(0, min(i, len(text)))


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(windows):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _find_atoms(ctx: _Ctx) -> list[_Atom]:
    found: dict[tuple[int, int, str], tuple[int, int, int, _Atom]] = {}
    for name, windows in _windows(ctx.text).items():
        pattern, parse = ctx.lex.patterns[name], _PARSERS[name]
        needs = ctx.lex.patterns.get("_needs_" + name)
        for ws, we in windows:
            if needs is not None and needs.search(ctx.text, ws, we) is None:
                continue  # every match holds these words: none can start in this window
            for m in pattern.finditer(ctx.text, ws, we):
                atom = parse(m, ctx)
                if atom is not None and atom.end > atom.start:
                    key = (-(atom.end - atom.start), _ORDER[name], atom.start)
                    found[(atom.start, atom.end, name)] = (*key, atom)
    return _non_overlapping(list(found.values()))


def _non_overlapping(found: list[tuple[int, int, int, _Atom]]) -> list[_Atom]:
    """Longest first; a shorter match inside or across a chosen one is dropped."""
    taken: list[_Atom] = []
    for _, _, _, atom in sorted(found, key=lambda f: f[:3]):
        if all(atom.end <= t.start or atom.start >= t.end for t in taken):
            taken.append(atom)
    return sorted(taken, key=lambda a: a.start)


# --------------------------------------------------------------------------- composition

_DAY_KINDS = ("weekday", "date", "dayword")
_CALENDAR_KINDS = ("date", "month", "year", "decade", "season")


def _compose(atoms: list[_Atom], ctx: _Ctx) -> list[_Atom]:
    atoms = _attach_times_of_day(atoms, ctx)
    atoms = _shift_named_dates(atoms, ctx)
    atoms = _join_ranges(atoms, ctx)
    return [_with_relation_word(a, ctx) for a in atoms]


def _attach_times_of_day(atoms: list[_Atom], ctx: _Ctx) -> list[_Atom]:
    """"dawn on Sunday", "Sunday at 6 p.m.", "31-08-2014 0742 PM": one expression, the day's."""
    out: list[_Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if prev is not None:
            gap = ctx.text[prev.end:atom.start].lower()
            if prev.kind == "tod" and atom.kind in _DAY_KINDS and \
                    re.fullmatch(r",?\s+(?:on|of)?\s*", gap):
                out[-1] = _merged(prev, atom, atom, prev.args["tod"])
                continue
            if prev.kind in _DAY_KINDS and atom.kind == "tod" and \
                    re.fullmatch(r",?\s+(?:at|around|in)?\s*", gap):
                out[-1] = _merged(prev, atom, prev, atom.args["tod"])
                continue
        out.append(atom)
    return out


def _shift_named_dates(atoms: list[_Atom], ctx: _Ctx) -> list[_Atom]:
    """"two days after 4 July": the offset and the date it counts from make one expression."""
    out: list[_Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "anchored" and atom.relation == "point" and \
                atom.kind in _DAY_KINDS + ("dom",) and not ctx.text[prev.end:atom.start].strip():
            end = atom.end + (2 if ctx.text[atom.end:atom.end + 2] in ("'s", "’s") else 0)
            out[-1] = _Atom(prev.start, end, "shifted", {"base": atom, "off": prev})
            continue
        out.append(atom)
    return out


def _merged(first: _Atom, last: _Atom, day: _Atom, tod: str) -> _Atom:
    args = dict(day.args)
    args["mods"] = list(args.get("mods", [])) + [tod]
    return _Atom(first.start, last.end, day.kind, args, day.relation)


def _join_ranges(atoms: list[_Atom], ctx: _Ctx) -> list[_Atom]:
    """"from 2012 to 2016", "between March and May 2016", "2012 to 2016": one range."""
    lex = ctx.lex
    joiner, opener = lex.patterns["_joiner"], lex.patterns["_opener"]
    out: list[_Atom] = []
    for atom in atoms:
        head = opener.search(ctx.text[max(0, atom.start - 12):atom.start])
        if atom.kind == "range" and head:  # "from 4 to 7 March": the pattern found the range
            atom = replace(atom, start=atom.start - len(head.group(0)))
        prev = out[-1] if out else None
        if prev is not None and prev.relation == "point" and atom.relation == "point":
            gap = ctx.text[prev.end:atom.start]
            head = opener.search(ctx.text[max(0, prev.start - 12):prev.start])
            if joiner.fullmatch(gap) and _rangeable(prev, atom, gap, head is not None):
                start = prev.start - len(head.group(0)) if head else prev.start
                out[-1] = _Atom(start, atom.end, "range", {"a": prev, "b": atom}, "range")
                continue
        out.append(atom)
    return out


def _rangeable(a: _Atom, b: _Atom, gap: str, opened: bool) -> bool:
    point_kinds = _CALENDAR_KINDS + ("weekday", "dayword", "dom", "unit")
    if a.kind not in point_kinds or b.kind not in point_kinds:
        return False
    if opened:
        return True
    # without "from"/"between", "and" lists two dates and a bare dash is too loose
    return gap.strip().lower() in ("to", "until", "till", "through", "–", "—") and \
        a.kind in _CALENDAR_KINDS and b.kind in _CALENDAR_KINDS


def _modifies_noun(atom: _Atom, ctx: _Ctx) -> bool:
    tok = ctx.token_at(atom.end - 1)
    return tok is not None and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i \
        and tok.head.pos_ == "NOUN" and atom.kind == "weekday"


def _with_relation_word(atom: _Atom, ctx: _Ctx) -> _Atom:
    """"since 2020", "until March", "before 2011": the word before makes a period of the point."""
    if atom.relation != "point" or atom.kind in ("duration", "recurring", "period", "offset",
                                                 "ago", "anchored"):
        return atom
    if ctx.text[atom.end:atom.end + 2] in ("'s", "’s") or atom.args.get("possessive") or \
            _modifies_noun(atom, ctx):
        return atom  # "after Sunday's attack", "after Friday prayers": dates the noun, no period
    before = ctx.text[max(0, atom.start - 20):atom.start]
    lex = ctx.lex
    for relation in ("since", "until"):
        m = lex.patterns["_" + relation].search(before)
        if m:
            return replace(atom, start=atom.start - len(m.group(0)), relation=relation)
    m = lex.patterns["_before_after"].search(before)
    if m and atom.kind != "tod":
        shift = lex.before_after[" ".join(m.group(0).lower().split())]
        relation = "since" if shift > 0 else "until"
        return replace(atom, start=atom.start - len(m.group(0)), relation=relation,
                       args={**atom.args, "exclusive": True})
    return atom


# --------------------------------------------------------------------------- resolution


def _missing(what: str) -> _Res:
    return _Res(None, None, "unknown", f"{what}, but the publication date is missing", True)


def _r_date(a: dict[str, Any], ctx: _Ctx) -> _Res:
    mods = _mods_note(a.get("mods"))
    if a["y"] is not None:
        d = date(a["y"], a["m"], a["d"])
        how = f"a date written in full{mods}"
        if a.get("numeric"):
            order = "month/day/year" if a["numeric"] == "mdy" else "day/month/year"
            how = f"a numeric date read {order}{mods}"
        if a.get("wd") is not None and a["wd"] != d.weekday():
            named = _WEEKDAYS[a["wd"]].title()
            how += (f" (the text names a {named}, but {d} was a {d.strftime('%A')}; "
                    "the date is kept)")
        return _Res(d, d, "day", how, False, year=d.year)
    p = ctx.published
    label = f"{calendar.month_name[a['m']]} {a['d']}"
    if p is None:
        return _missing(f"no year given for {label}")
    d, how = _pick_yearless(p, a["m"], a["d"], a.get("wd"), a.get("future", False),
                            ctx.lex.future_grace)
    return _Res(d, d, "day", f"no year given: {how}{mods}", True, year=d.year)


def _pick_yearless(p: date, m: int, d: int, wd: int | None, future: bool,
                   grace: int) -> tuple[date, str]:
    label = f"{calendar.month_name[m]} {d}"
    # four years back so that 29 February always has a candidate
    candidates = [c for c in (_valid(y, m, d) for y in range(p.year - 4, p.year + 2)) if c]
    if wd is not None:
        matching = [c for c in candidates if c.weekday() == wd]
        if matching:
            best = min(matching, key=lambda c: abs((c - p).days))
            return best, f"the {label} that fell on a {_WEEKDAYS[wd].title()}, nearest {_pub(p)}"
    if future:
        best = min(c for c in candidates if c >= p - timedelta(days=grace))
        return best, f"the clause speaks of the future: the first {label} on or after {_pub(p)}"
    best = max(c for c in candidates if c <= p + timedelta(days=grace))
    return best, f"the most recent {label} not after {_pub(p)} (allowing {grace} days ahead)"


def _mods_note(mods: list[str] | None) -> str:
    if not mods:
        return ""
    return " (" + ", ".join(" ".join(m.lower().split()) for m in mods) + " does not change the day)"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _r_dom(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    if p is None:
        return _missing(f"only the day of the month ({a['d']}) is given")
    months = [_add_months(p.year, p.month, k) for k in (-2, -1, 0, 1, 2)]
    candidates = [c for c in (_valid(y, m, a["d"]) for y, m in months) if c]
    grace = ctx.lex.future_grace
    if a.get("future"):
        d = min(c for c in candidates if c >= p - timedelta(days=grace))
        how = f"only the day of the month: the first {_ordinal(a['d'])} on or after {_pub(p)}"
    else:
        d = max(c for c in candidates if c <= p + timedelta(days=grace))
        how = f"only the day of the month: the most recent {_ordinal(a['d'])} not after {_pub(p)}"
    return _Res(d, d, "day", how, True)


def _r_month(a: dict[str, Any], ctx: _Ctx) -> _Res:
    m = a["m"]
    name = calendar.month_name[m]
    if a["y"] is not None:
        y, how, relative = a["y"], f"{name} {a['y']}", False
    else:
        p = ctx.published
        if p is None:
            return _missing(f"no year given for {name}")
        y, how = _pick_month_year(p, m, a, ctx.lex.future_grace)
        relative = True
    start, end = _narrow(date(y, m, 1), _month_end(y, m), a.get("part"))
    if a.get("part"):
        how += f", the {_part_name(a['part'])} of the month"
    return _Res(start, end, "month", how, relative, year=y)


def _pick_month_year(p: date, m: int, a: dict[str, Any], grace: int) -> tuple[int, str]:
    name = calendar.month_name[m]
    if a.get("yrel"):
        y = p.year + {"last": -1, "this": 0, "next": 1}[a["yrel"].lower()]
        return y, f"{name} of the year {a['yrel'].lower()} relative to {_pub(p)}"
    sel = a.get("sel")
    if sel == "last":
        y = p.year if m < p.month else p.year - 1
        return y, f"'last {name}': the most recent {name} before the month of {_pub(p)}"
    if sel == "next" or (sel is None and a.get("future")):
        y = p.year if m >= p.month else p.year + 1
        return y, f"the first {name} from the month of {_pub(p)} on (future)"
    if sel == "this":
        return p.year, f"{name} of the year of {_pub(p)}"
    y = p.year if date(p.year, m, 1) <= p + timedelta(days=grace) else p.year - 1
    return y, f"no year given: the most recent {name} begun by {_pub(p)}"


def _part_name(part: tuple[float, float]) -> str:
    if part[0] == 0.0:
        return "first half" if part[1] == 0.5 else "early part"
    if part[1] == 1.0:
        return "second half" if part[0] == 0.5 else "late part"
    return "middle"


def _r_season(a: dict[str, Any], ctx: _Ctx) -> _Res:
    first, last = ctx.lex.seasons[a["s"]]
    p = ctx.published
    if a["y"] is not None:
        y, relative, how = a["y"], False, f"{a['s']} {a['y']}"
    elif p is None:
        return _missing(f"no year given for the {a['s']}")
    else:
        relative = True
        if a.get("yrel"):
            y = p.year + {"last": -1, "this": 0, "next": 1}[a["yrel"].lower()]
        elif a.get("sel") == "last":
            y = p.year if date(p.year, last, 1) < p and last >= first else p.year - 1
        elif a.get("sel") == "next":
            y = p.year if date(p.year, first, 1) > p else p.year + 1
        else:
            y = p.year
        how = f"the {a['s']} of {y}, relative to {_pub(p)}"
    end_y = y + 1 if last < first else y
    start, end = _narrow(date(y, first, 1), _month_end(end_y, last), a.get("part"))
    return _Res(start, end, "month", how + " (northern-hemisphere season)", relative, year=y)


def _r_year(a: dict[str, Any], ctx: _Ctx) -> _Res:
    y = a["y"]
    start, end = _narrow(date(y, 1, 1), date(y, 12, 31), a.get("part"))
    how = f"the year {y}" + (f", its {_part_name(a['part'])}" if a.get("part") else "")
    return _Res(start, end, "year", how, False, year=y)


def _r_decade(a: dict[str, Any], ctx: _Ctx) -> _Res:
    y = a["y"]
    start, end = _narrow(date(y, 1, 1), date(y + 9, 12, 31), a.get("part"))
    how = f"the decade {y}-{y + 9}" + (f", its {_part_name(a['part'])}" if a.get("part") else "")
    return _Res(start, end, "year", how, False)


def _r_weekday(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    name = _WEEKDAYS[a["wd"]].title()
    if p is None:
        return _missing(f"{name} is counted from publication")
    back = (p.weekday() - a["wd"]) % 7
    ahead = (a["wd"] - p.weekday()) % 7
    sel = a.get("sel")
    if sel == "last":
        d, how = p - timedelta(days=back or 7), f"'last {name}': the {name} before {_pub(p)}"
    elif sel == "next":
        d, how = p + timedelta(days=ahead or 7), f"the {name} after {_pub(p)}"
    elif sel == "this":
        d = p - timedelta(days=p.weekday()) + timedelta(days=a["wd"])
        how = f"'this {name}': the {name} of the Monday-Sunday week of {_pub(p)}"
    elif a.get("future"):
        d = p + timedelta(days=ahead)
        how = f"the clause speaks of the future: the first {name} on or after {_pub(p)}"
    elif back == 0:
        d, how = p, f"{name} is the day of {_pub(p)}"
    else:
        d, how = p - timedelta(days=back), f"the most recent {name} before {_pub(p)}"
    return _Res(d, d, "day", how + _mods_note(a.get("mods")), True)


def _r_dayword(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    w = a["w"]
    if p is None:
        return _missing(f"'{w}' is counted from publication")
    lo, hi = ctx.lex.day_words[w]
    start, end = p + timedelta(days=lo), p + timedelta(days=hi)
    if lo != hi:
        how = f"the night from {_fmt(start)} to {_fmt(end)}, before {_pub(p)}"
    elif lo == 0:
        how = f"the day of {_pub(p)}"
    else:
        days = f"{abs(lo)} day{'s' if abs(lo) > 1 else ''}"
        how = f"{days} {'before' if lo < 0 else 'after'} {_pub(p)}"
    return _Res(start, end, "day", how + _mods_note(a.get("mods")), True)


def _r_anaphor(a: dict[str, Any], ctx: _Ctx) -> _Res:
    unit, off = ctx.lex.anaphoric[a["w"]]
    p = ctx.published
    note = "; it refers back to another date in the text, which an event extractor may use instead"
    if p is None:
        res = _missing(f"'{a['w']}' is resolved against publication{note}")
        return replace(res, anaphoric=True, offset=(off, unit))
    if unit == "day":
        d = p + timedelta(days=off)
        how = f"taken relative to {_pub(p)}{note}"
        return _Res(d, d, "day", how, True, True, offset=(off, unit))
    start, end = _unit_bounds(_shift(p, unit, off), unit)
    which = "before" if off < 0 else "after" if off > 0 else "of"
    how = f"the {unit} {which} {_pub(p)}{note}"
    return _Res(start, end, _UNIT_PRECISION[unit], how, True, True, offset=(off, unit))


def _r_tod(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    note = (f"a time of day ({a['tod']}) with no day: taken as the day of publication; the day of "
            "the event it describes may differ")
    if p is None:
        return replace(_missing(note), anaphoric=True, offset=(0, "day"))
    return _Res(p, p, "day", note + f" ({_fmt(p)})", True, True, offset=(0, "day"))


def _r_unit(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    unit = a["u"]
    if p is None:
        return _missing(f"a {unit} counted from publication")
    start, end = _unit_bounds(_shift(p, unit, a["off"]), unit)
    which = {-1: "the previous", 0: "the current", 1: "the next"}.get(a["off"], f"{a['off']:+d}")
    how = f"{which} {'Monday-Sunday week' if unit == 'week' else 'calendar ' + unit} of {_pub(p)}"
    if a.get("cut") == "before":
        end = max(start, min(end, p - timedelta(days=1)))
        how += ", up to the day before publication"
    elif a.get("cut") == "after":
        start = min(end, max(start, p + timedelta(days=1)))
        how += ", after publication"
    if a.get("part"):
        start, end = _narrow(start, end, a["part"])
        how += f", its {_part_name(a['part'])}"
    return _Res(start, end, _UNIT_PRECISION[unit], how, True)


def _r_weekend(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    if p is None:
        return _missing("a weekend counted from publication")
    off = a.get("off", 0)
    if off < 0:
        sunday = p - timedelta(days=(p.weekday() - 6) % 7 or 7)
        how = f"the last Saturday-Sunday weekend before {_pub(p)}"
    elif off > 0 or a.get("future"):
        if p.weekday() == 6:
            saturday = p - timedelta(days=1)
        else:
            saturday = p + timedelta(days=(5 - p.weekday()) % 7)
        if off > 0 and p.weekday() >= 5:
            saturday += timedelta(days=7)
        sunday = saturday + timedelta(days=1)
        how = f"the coming Saturday-Sunday weekend after {_pub(p)}"
    else:
        if p.weekday() == 5:
            sunday = p + timedelta(days=1)
        else:
            sunday = p - timedelta(days=(p.weekday() + 1) % 7)
        how = f"the weekend of, or last before, {_pub(p)}"
    return _Res(sunday - timedelta(days=1), sunday, "week", how, True)


def _r_ago(a: dict[str, Any], ctx: _Ctx) -> _Res:
    p = ctx.published
    unit, (lo, hi) = a["u"], a["n"]
    if p is None:
        return _missing(f"a time counted back from publication")
    qual = f" ('{' '.join(a['q'].lower().split())}' noted, not applied)" if a.get("q") else ""
    if unit in ("hour", "minute"):
        back = (hi * (1 if unit == "hour" else 0)) // 24
        start, end = p - timedelta(days=max(back, 1) if a["vague"] else back), p
        precision = "day"
    elif a["vague"] or lo != hi:
        start, end = _back(p, unit, hi)[0], _back(p, unit, lo)[1]
        precision = _COARSER[unit]
    else:
        start, end = _back(p, unit, lo)
        precision = _UNIT_PRECISION[unit]
    count = f"{lo}" if lo == hi else f"{lo}-{hi}"
    how = f"{count} {unit}(s) before {_pub(p)}{qual}"
    return _Res(start, end, precision, how, True)


def _back(p: date, unit: str, n: int) -> tuple[date, date]:
    """What "<n> <unit> ago" covers: the day, a week around the day, the month, the year."""
    if unit == "day":
        d = p - timedelta(days=n)
        return d, d
    if unit in ("week", "fortnight"):
        c = p - timedelta(days=_UNIT_DAYS[unit] * n)
        return c - timedelta(days=3), c + timedelta(days=3)
    d = _shift(p, unit, -n)
    return _unit_bounds(d, "year" if unit == "decade" else unit)


def _r_offset(a: dict[str, Any], ctx: _Ctx) -> _Res:
    """"three weeks later": counted from an earlier time in the text, which is not known here,
    so from publication, flagged. Hours and minutes say only "the same day as that time"."""
    unit, (lo, hi), sign = a["u"], a["n"], a["dir"]
    p = ctx.published
    offset = (sign * hi, unit)
    note = "an offset from another moment in the text"
    if unit in ("hour", "minute"):
        how = f"{note}, in {unit}s: no date of its own"
        return _Res(None, None, "unknown", how, True, True, offset=offset)
    if p is None:
        return replace(_missing(note), anaphoric=True, offset=offset)
    first, last = (lo, hi) if sign > 0 else (-hi, -lo)
    start, end = _shift(p, unit, first), _shift(p, unit, last)
    precision = _COARSER[unit] if a["vague"] or lo != hi else _UNIT_PRECISION[unit]
    if precision in ("month", "year") and unit != "day":
        grain = "year" if precision == "year" else "month"
        start, end = _unit_bounds(start, grain)[0], _unit_bounds(end, grain)[1]
    how = f"{note}; taken relative to {_pub(p)}, which an event extractor may replace"
    return _Res(start, end, precision, how, True, True, offset=offset)


def _r_anchored(a: dict[str, Any], ctx: _Ctx) -> _Res:
    """"two days after the siege began": dated by that event, which the text names."""
    unit, (lo, hi), sign = a["u"], a["n"], a["dir"]
    count = f"{lo}" if lo == hi else f"{lo}-{hi}"
    how = (f"{count} {unit}(s) {'after' if sign > 0 else 'before'} an event the text names next: "
           "no date of its own; an event extractor can count from that event's date")
    return _Res(None, None, "unknown", how, True, True, offset=(sign * hi, unit))


def _r_shifted(a: dict[str, Any], ctx: _Ctx) -> _Res:
    """"two days after 4 July", "a day before Sunday's vote": the named date, shifted."""
    base = _resolve(a["base"], ctx)
    off = a["off"]
    unit, (lo, hi), sign = off.args["u"], off.args["n"], off.args["dir"]
    if base.start is None or unit in ("hour", "minute"):
        return replace(base, how=f"{base.how}, shifted by {sign * hi} {unit}(s)")
    first, last = (lo, hi) if sign > 0 else (-hi, -lo)
    start, end = _shift(base.start, unit, first), _shift(base.end, unit, last)
    precision = max(base.precision, _COARSER[unit] if lo != hi else _UNIT_PRECISION[unit],
                    key=_PRECISION_RANK.__getitem__)
    count = f"{lo}" if lo == hi else f"{lo}-{hi}"
    how = f"{base.how}, then {count} {unit}(s) {'after' if sign > 0 else 'before'}"
    return _Res(start, end, precision, how, base.relative)


def _r_period(a: dict[str, Any], ctx: _Ctx) -> _Res:
    """"the past three days" ends at publication; "the coming weeks" starts there."""
    p = ctx.published
    unit, n = a["u"], a["n"]
    if p is None:
        return _missing("a period counted from publication")
    sign = 1 if a.get("ahead") else -1
    if unit in ("hour", "minute"):
        other = p + timedelta(days=sign * (max(1, -(-n // 24)) if unit == "hour" else 1))
    elif unit in _UNIT_DAYS:
        other = p + timedelta(days=sign * _UNIT_DAYS[unit] * n)
    else:
        other = _shift(p, unit, sign * n)
    precision = _COARSER[unit] if a.get("vague") else _UNIT_PRECISION[unit]
    start, end = (p, other) if sign > 0 else (other, p)
    how = f"the {n} {unit}(s) {'after' if sign > 0 else 'up to'} {_pub(p)}"
    return _Res(start, end, precision, how, True)


def _r_duration(a: dict[str, Any], ctx: _Ctx) -> _Res:
    return _Res(None, None, "unknown", "a length of time with no anchor", False)


def _r_recurring(a: dict[str, Any], ctx: _Ctx) -> _Res:
    return _Res(None, None, "unknown", "a repeated time, not one date", False)


def _r_range(a: dict[str, Any], ctx: _Ctx) -> _Res:
    first, last = a["a"], a["b"]
    rb = _resolve(last, ctx)
    if first.kind in ("date", "month") and first.args.get("y") is None and rb.year is not None:
        first = replace(first, args={**first.args, "y": rb.year})
        ra = _resolve(first, ctx)
        if ra.start and rb.end and ra.start > rb.end:
            ra = _resolve(replace(first, args={**first.args, "y": rb.year - 1}), ctx)
    else:
        ra = _resolve(first, ctx)
    if ra.start is None and rb.end is None:
        return _Res(None, None, "unknown", f"from {ra.how} to {rb.how}", ra.relative or rb.relative)
    precision = max(ra.precision, rb.precision, key=_PRECISION_RANK.__getitem__)
    how = f"from {ra.how} to {rb.how}"
    return _Res(ra.start, rb.end, precision, how, ra.relative or rb.relative)


_RESOLVERS: dict[str, Callable[[dict[str, Any], _Ctx], _Res]] = {
    "date": _r_date, "dom": _r_dom, "month": _r_month, "season": _r_season, "year": _r_year,
    "decade": _r_decade, "weekday": _r_weekday, "dayword": _r_dayword, "anaphor": _r_anaphor,
    "tod": _r_tod, "unit": _r_unit, "weekend": _r_weekend, "ago": _r_ago, "offset": _r_offset,
    "anchored": _r_anchored, "shifted": _r_shifted,
    "period": _r_period, "duration": _r_duration, "recurring": _r_recurring, "range": _r_range,
}
# kinds whose direction (past or future) a future-tense clause can flip
_DIRECTIONAL = ("date", "dom", "month", "weekday", "weekend")


def _resolve(atom: _Atom, ctx: _Ctx) -> _Res:
    args = atom.args
    if atom.kind in _DIRECTIONAL and ctx.published is not None and "future" not in args:
        args = {**args, "future": ctx.future(atom.start, atom.end)}
    return _RESOLVERS[atom.kind](args, ctx)


def _with_relation(res: _Res, atom: _Atom, ctx: _Ctx) -> _Res:
    """Turn a point into the period its relation word opens ("since 2020": to publication)."""
    if atom.relation == "since":
        start = res.start
        if atom.args.get("exclusive") and res.end is not None:
            start = res.end + timedelta(days=1)
        p = ctx.published
        end = p if p is not None and start is not None and p >= start else None
        how = f"from {res.how}" + (f" to {_pub(p)}" if end else ", open-ended")
        return replace(res, start=start, end=end, how=how)
    if atom.relation == "until":
        end = res.end
        if atom.args.get("exclusive") and res.start is not None:
            end = res.start - timedelta(days=1)
        return replace(res, start=None, end=end, how=f"up to {res.how}")
    return res


_KIND_RELATION = {"duration": "duration", "recurring": "recurring", "period": "range"}


def _expression(atom: _Atom, ctx: _Ctx) -> TimeExpression:
    res = _with_relation(_resolve(atom, ctx), atom, ctx)
    relation = _KIND_RELATION.get(atom.kind, atom.relation)
    text = ctx.text[atom.start:atom.end]
    return TimeExpression(
        start=res.start, end=res.end, precision=res.precision, text=text,
        span=(atom.start, atom.end), reason=f"'{text}': {res.how}", relation=relation,
        relative=res.relative, anaphoric=res.anaphoric, anchor_offset=res.offset,
    )


# --------------------------------------------------------------------------- fallback


@lru_cache(maxsize=4096)
def _dateparser_full_date(text: str) -> date | None:
    """A full date (day, month and year) in a format the grammar does not know."""
    import dateparser  # slow to import; most documents never get here

    parsed = dateparser.parse(text, languages=["en"],
                              settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def _fallback_atoms(ctx: _Ctx, taken: list[_Atom]) -> list[_Atom]:
    """spaCy DATE entities the grammar left alone that still read as a full date."""
    if ctx.doc is None:
        return []
    out = []
    for ent in entities(ctx.doc):
        if ent.label_ != "DATE" or not re.search(r"\d", ent.text) or len(ent.text) > 40:
            continue
        if any(not (ent.end_char <= a.start or ent.start_char >= a.end) for a in taken):
            continue
        d = _dateparser_full_date(ent.text)
        if d is not None:
            args = {"y": d.year, "m": d.month, "d": d.day}
            out.append(_Atom(ent.start_char, ent.end_char, "date", args))
    return out


# --------------------------------------------------------------------------- API


def extract_times(doc: "Doc", published: date | None) -> list[TimeExpression]:
    """Every temporal expression in `doc`, sorted by position, spans not overlapping."""
    ctx = _Ctx(doc, doc_text(doc), published)
    atoms = _find_atoms(ctx)
    atoms = sorted(atoms + _fallback_atoms(ctx, atoms), key=lambda a: a.start)
    return [_expression(a, ctx) for a in _compose(atoms, ctx)]


def dateline(doc_or_text: "Doc | str", reference: date | None = None) -> TimeExpression | None:
    """The date written as a dateline at the top of an article ("Wed 05 Apr 2017 ...",
    "BEIRUT, Dec 2 (Reuters) -", "Published July 20 2015"), if any.

    A year-less wire dateline takes its year from `reference` (a date known to be on or just
    after publication, such as the day the article was fetched); without one its dates are None.
    """
    text = doc_or_text if isinstance(doc_or_text, str) else doc_or_text.text
    lex = _lex()
    head = text[: lex.dateline_max_offset + 80]
    ctx = _Ctx(None, head, reference)
    candidates = _dateline_candidates(ctx)
    for atom in candidates:
        if atom.start > lex.dateline_max_offset or not _dateline_position_ok(atom, ctx):
            continue
        res = _resolve(atom, ctx)
        text_ = head[atom.start:atom.end]
        how = f"dateline at the top of the article: {res.how}"
        return TimeExpression(res.start, res.end, res.precision, text_, (atom.start, atom.end),
                              f"'{text_}': {how}", "point", res.relative)
    return None


# "BEIRUT, Dec 2 (Reuters) -": month, day, the agency in brackets, a dash
_WIRE = re.compile(
    rf"(?P<m>{_MON_ANY})\s+(?P<d>{_DAY})\s*\((?:[A-Z][\w.&' -]{{1,30}})\)\s*[-–—]", re.I)


def _dateline_candidates(ctx: _Ctx) -> list[_Atom]:
    found: list[tuple[int, int, int, _Atom]] = []
    for name in ("full_dmy", "full_mdy", "glued", "numeric", "iso"):
        for m in ctx.lex.patterns[name].finditer(ctx.text):
            atom = _PARSERS[name](m, ctx)
            if atom is not None:
                found.append((-(atom.end - atom.start), _ORDER[name], atom.start, atom))
    for m in _WIRE.finditer(ctx.text):
        mo, d = _month_number(m["m"]), _day_number(m["d"])
        if _valid(2000, mo, d):
            args = {"y": None, "m": mo, "d": d, "future": False}
            atom = _Atom(m.start("m"), m.end("d"), "date", args)
            found.append((-(atom.end - atom.start), -1, atom.start, atom))
    return _non_overlapping(found)


def _dateline_position_ok(atom: _Atom, ctx: _Ctx) -> bool:
    """A dateline opens the article, or follows a headline and an outlet name: no sentence
    ends before it, and it is not the object of a preposition ("On August 21 2013 ...")."""
    prefix = ctx.text[:atom.start]
    if re.search(r"(?:[a-z]{2}|\d)[.!?][\"”']?\s+[A-Z]", prefix):
        return False
    intro = ctx.lex.patterns["_introducer"].search(prefix)
    if intro:
        return True
    words = re.findall(r"[\w']+", prefix.lower())
    return not words or words[-1] not in ctx.lex.not_dateline_after
