"""Counted quantities: every number in a document that counts people or things, with the noun
it counts.

Fatality counts, crowd sizes and troop numbers all start here. Each quantity carries ACLED's
conservative single figure (`value`, the floor the words guarantee: "at least 300" -> 300,
"between 10 and 15" -> 10, "dozens" -> 12), its bounds, how it was qualified, and the token of
the counted noun, which is the anchor the event extractors use to find the verb it belongs to.

Numbers that are not counts are left out: years, dates, clock times, ages, durations ("two
days": a span of time is not a number of things that happened), distances, money, percentages,
ordinals, and labels ("Resolution 2254", "Route 4"). The word tables live in
`knowledge/data/lexicons/quantities.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from number_parser import parse_number as _np_parse_number

from sitrep.knowledge.lexicon_schemas import QuantitiesLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.model import SizeQualifier
from sitrep.nlp.docinfo import doc_text
from sitrep.nlp.phrases import doc_forms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token



@dataclass(frozen=True)
class Quantity:
    value: int | None  # the conservative single figure (ACLED): the floor the words guarantee
    low: int | None  # lower bound when known
    high: int | None  # upper bound when known
    qualifier: SizeQualifier  # "exact" | "at_least" | "at_most" | "about" | "vague"
    text: str  # == doc.text[span[0]:span[1]]
    span: tuple[int, int]  # the whole phrase: qualifiers + number + counted noun
    number_span: tuple[int, int]  # just the number words ("300", "seven", "hundreds")
    unit: str | None  # lemma of the counted noun ("fighter", "person"); None if no noun
    unit_token: int | None  # doc index of the counted noun
    number_token: int  # doc index of the (last) number token
    is_ordinal: bool = False  # never set: ordinals are not emitted
    subset_of: int | None = None  # index (in the returned list) of the count this is part of


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Lex:
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # longest phrase first
    postposed: tuple[tuple[tuple[str, ...], str], ...]
    range_connectors: frozenset[str]
    range_openers: frozenset[str]
    change_openers: frozenset[str]
    vague: tuple[tuple[tuple[str, ...], int], ...]  # longest phrase first
    vague_need_noun: frozenset[tuple[str, ...]]
    fixed: tuple[tuple[tuple[str, ...], int], ...]
    magnitudes: dict[str, int]
    plural_magnitudes: dict[str, int]
    person_nouns: frozenset[str]
    nominal_adjectives: frozenset[str]
    not_counted: dict[str, str]  # lemma -> kind (duration, measure, money, rate)
    time_words: frozenset[str]
    currency_marks: frozenset[str]
    age_words: frozenset[str]
    label_words: frozenset[str]
    subset_markers: tuple[tuple[str, ...], ...]
    containing_markers: tuple[tuple[str, ...], ...]
    months: frozenset[str]
    phrase_breakers: frozenset[str]
    vague_blockers: frozenset[str]
    collective_nouns: frozenset[str]


def _phrases(values: Iterable[str]) -> list[tuple[str, ...]]:
    return [tuple(v.lower().split()) for v in values]


def _by_length(pairs: list[tuple[tuple[str, ...], Any]]) -> tuple:
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = lexicon(QuantitiesLexicon)
    qualifiers = [(p, q) for q, words in data.qualifiers.items() for p in _phrases(words)]
    postposed = [(p, q) for q, words in data.postposed_qualifiers.items() for p in _phrases(words)]
    not_counted = {w.lower(): kind for kind, words in data.not_counted.items() for w in words}
    return _Lex(
        qualifiers=_by_length(qualifiers),
        postposed=_by_length(postposed),
        range_connectors=frozenset(data.range_connectors),
        range_openers=data.range_openers,
        change_openers=data.change_openers,
        vague=_by_length([(tuple(k.lower().split()), v) for k, v in data.vague.items()]),
        vague_need_noun=frozenset(_phrases(data.vague_need_noun)),
        fixed=_by_length([(tuple(k.lower().split()), v) for k, v in data.fixed_phrases.items()]),
        magnitudes=dict(data.magnitudes),
        plural_magnitudes=dict(data.plural_magnitudes),
        person_nouns=data.person_nouns,
        nominal_adjectives=data.nominal_adjectives,
        not_counted=not_counted,
        time_words=data.time_words,
        currency_marks=data.currency_marks,
        age_words=data.age_words,
        label_words=data.label_words,
        subset_markers=tuple(_phrases(data.subset_markers)),
        containing_markers=tuple(_phrases(data.containing_markers)),
        months=data.months,
        phrase_breakers=data.phrase_breakers,
        vague_blockers=data.vague_blockers,
        collective_nouns=data.collective_nouns,
    )


# --------------------------------------------------------------------------- parse_number

# A leading zero ("09-07-2016", "05 Apr") marks a date or a code: nobody writes a count so.
_INT = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+$|^[1-9]\d*$|^0$")
_DECIMAL = re.compile(r"^(?:[1-9]\d*|0)\.\d+$")
_DATE_TOKEN = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")  # "23.10.2017", "28-04-2016"
_RANGE_TOKEN = re.compile(r"^([1-9][\d,]*)[-–—]([1-9][\d,]*)$")  # "10–15" is one token


def parse_number(text: str) -> int | None:
    """A whole number from digits or English number words; None when it is not one.

    "seven" -> 7, "twenty-five" -> 25, "1,200" -> 1200, "2.5 million" -> 2500000,
    "a dozen" -> 12. Vague plurals ("dozens") are not numbers here: see `extract_quantities`.
    """
    return _parse_number(" ".join(text.lower().split()))


@lru_cache(maxsize=8192)
def _parse_number(text: str) -> int | None:
    if not text:
        return None
    if _INT.match(text):
        return int(text.replace(",", ""))
    words = text.split()
    mags = _lex().magnitudes
    if words[-1] in mags and len(words) > 1:
        return _scaled(" ".join(words[:-1]), mags[words[-1]])
    if words[-1] in mags:
        return mags[words[-1]]
    if not all(w.replace("-", "").isalpha() or w == "and" for w in words):
        return None
    value = _np_parse_number(text)  # number-parser knows word numbers, not digits with commas
    return value if isinstance(value, int) else None


def _scaled(head: str, magnitude: int) -> int | None:
    """`head` times a magnitude word: "2.5" million, "two" dozen, "a" hundred."""
    if head in lexicon(SharedWords).indefinite_articles or head == "one":
        return magnitude
    mags = _lex().magnitudes
    if any(mags.get(w, 0) >= magnitude for w in head.split()):
        return None  # "two million three million" is a list, not one number
    if _DECIMAL.match(head):
        value = float(head) * magnitude
        return int(value) if value == int(value) else None
    number = _parse_number(head)
    if number is not None:
        return number * magnitude
    # "one hundred and twenty thousand": number-parser reads the whole phrase.
    whole = _np_parse_number(f"{head} {_magnitude_word(magnitude)}")
    return whole if isinstance(whole, int) else None


def _magnitude_word(magnitude: int) -> str:
    return next(w for w, v in _lex().magnitudes.items() if v == magnitude)


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class _Figure:
    """The number words of one quantity, before qualifiers and nouns are attached."""

    start: int  # token indices, end exclusive
    end: int
    value: int
    high: int | None = None  # set for ranges
    vague: bool = False
    need_noun: bool = False
    fixed: bool = False  # "half a dozen": a figure said as an estimate


def _lower(doc: Doc, i: int) -> str:
    return doc_forms(doc)[i][0] if 0 <= i < len(doc) else ""


def _match_at(doc: Doc, i: int, phrase: tuple[str, ...]) -> bool:
    if i < 0 or i + len(phrase) > len(doc):
        return False
    forms = doc_forms(doc)
    return all(forms[i + k][0] == w for k, w in enumerate(phrase))


def _atom(tok: Token) -> str | None:
    """What kind of number word a token is: "digit", "word", "mag" or "range"; None if none."""
    text = tok.lower_
    if _INT.match(text) or _DECIMAL.match(text):
        return "digit"
    if text in _lex().magnitudes:
        return "mag"
    if _RANGE_TOKEN.match(text):
        return "range"
    # Ordinals ("third") are like_num in spaCy but number-parser does not read them.
    if tok.is_alpha and tok.like_num and _parse_number(text) is not None:
        return "word"
    return None


def _read_figure(doc: Doc, i: int) -> _Figure | None:
    """The longest figure starting at token i."""
    return _read_fixed(doc, i) or _read_vague(doc, i) or _read_article_magnitude(doc, i) or (
        _read_numeric(doc, i)
    )


@lru_cache(maxsize=1)
def _by_first_word() -> tuple[dict[str, list], dict[str, list]]:
    """The fixed and vague phrases indexed by their first word (longest first within each):
    every token is tried as the start of a figure, so scanning all phrases each time is the
    extractor's hottest loop."""
    out: tuple[dict[str, list], dict[str, list]] = ({}, {})
    for table, phrases in zip(out, (_lex().fixed, _lex().vague)):
        for phrase, value in phrases:
            table.setdefault(phrase[0], []).append((phrase, value))
    return out


def _read_fixed(doc: Doc, i: int) -> _Figure | None:
    for phrase, value in _by_first_word()[0].get(_lower(doc, i), ()):
        if _match_at(doc, i, phrase):
            end = i + len(phrase) - (1 if phrase[-1] == "of" else 0)
            return _Figure(i, end, value, fixed=True)
    return None


def _read_vague(doc: Doc, i: int) -> _Figure | None:
    lex = _lex()
    for phrase, value in _by_first_word()[1].get(_lower(doc, i), ()):
        if not _match_at(doc, i, phrase):
            continue
        end = i + len(phrase)
        if phrase[-1] == "of":
            # "a number of": the "of" belongs to the counted noun's phrase.
            return _Figure(i, end - 1, value, vague=True, need_noun=phrase in lex.vague_need_noun)
        # "several hundred", "a few dozen", "many hundreds": a vague multiplier of a magnitude.
        scale = lex.magnitudes.get(_lower(doc, end)) or lex.plural_magnitudes.get(_lower(doc, end))
        if scale:
            return _Figure(i, end + 1, value * scale, vague=True)
        # "tens of thousands", "hundreds of thousands".
        if len(phrase) == 1 and _lower(doc, end) == "of" and _lower(doc, end + 1) in (
            lex.plural_magnitudes
        ):
            multiplier = lex.plural_magnitudes[_lower(doc, end + 1)]
            return _Figure(i, end + 2, value * multiplier, vague=True)
        return _Figure(i, end, value, vague=True, need_noun=phrase in lex.vague_need_noun)
    return None


def _read_article_magnitude(doc: Doc, i: int) -> _Figure | None:
    """ "a dozen", "a hundred", "a thousand"."""
    if _lower(doc, i) in lexicon(SharedWords).indefinite_articles and _lower(doc, i + 1) in _lex().magnitudes:
        return _Figure(i, i + 2, _lex().magnitudes[_lower(doc, i + 1)])
    return None


def _read_numeric(doc: Doc, i: int) -> _Figure | None:
    kind = _atom(doc[i]) if i < len(doc) else None
    if kind is None or kind == "mag":
        return None  # a bare "million" is the tail of a number already read, or no count
    if kind == "range":
        m = _RANGE_TOKEN.match(doc[i].lower_)
        low, high = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
        return _Figure(i, i + 1, low, high=high) if low < high else None
    end = _run_end(doc, i, kind)
    # Shrink until the words make one number ("one two" is two numbers, not twelve).
    while end > i:
        value = _parse_number(" ".join(doc[i:end].text.lower().split()))
        if value is not None:
            return _Figure(i, end, value)
        end -= 1
    return None


def _run_end(doc: Doc, i: int, first: str) -> int:
    """End of a run of number tokens: digits take only magnitudes after them ("2.5 million");
    words take words, magnitudes, hyphens and "and" ("one hundred and twenty")."""
    end = i + 1
    prev = first
    seen: set[str] = set()
    while end < len(doc):
        kind = _atom(doc[end])
        if kind == "mag":
            if doc[end].lower_ in seen:
                # "two million three million": a list; the first number ends before "three".
                return end - 1 if prev == "word" else end
            seen.add(doc[end].lower_)
            end, prev = end + 1, "mag"
            continue
        if prev == "digit":
            break
        if kind == "word":
            end, prev = end + 1, "word"
            continue
        glue = doc[end].lower_
        after = _atom(doc[end + 1]) if end + 1 < len(doc) else None
        if after == "word" and (glue == "-" and prev == "word" or glue == "and" and prev == "mag"):
            end += 2
            prev = "word"
            continue
        break
    return end


def _read_range(doc: Doc, fig: _Figure) -> _Figure:
    """Join "10 to 15", "10 - 15", "two or three", "between 10 and 15" into one figure."""
    lex = _lex()
    if fig.vague or fig.high is not None:
        return fig
    connector = _lower(doc, fig.end)
    opener = _lower(doc, fig.start - 1)
    between = connector == "and" and opener in lex.range_openers
    if not (connector in lex.range_connectors or between) or opener in lex.change_openers:
        return fig
    if _qualifier_after(doc, fig.end)[0] is not None:
        return fig  # "20 or more" is a postposed qualifier
    second = _read_numeric(doc, fig.end + 1) if fig.end + 1 < len(doc) else None
    if second is None or second.high is not None or second.value <= fig.value:
        return fig
    return _Figure(fig.start, second.end, fig.value, high=second.value)


# --------------------------------------------------------------------------- qualifiers


@lru_cache(maxsize=1)
def _qualifiers_by_edge() -> tuple[dict[str, list], dict[str, list]]:
    """Qualifiers by their last word and postposed ones by their first (longest first, as
    listed): only the phrases that can end before, or start after, a figure are tried."""
    before: dict[str, list] = {}
    after: dict[str, list] = {}
    for phrase, qualifier in _lex().qualifiers:
        before.setdefault(phrase[-1], []).append((phrase, qualifier))
    for phrase, qualifier in _lex().postposed:
        after.setdefault(phrase[0], []).append((phrase, qualifier))
    return before, after


def _qualifier_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """The qualifier phrase ending just before `start`, and where it starts."""
    for phrase, qualifier in _qualifiers_by_edge()[0].get(_lower(doc, start - 1), ()):
        first = start - len(phrase)
        if _match_at(doc, first, phrase):
            return qualifier, first
    return None, start


def _qualifier_after(doc: Doc, end: int) -> tuple[str | None, int]:
    """A postposed qualifier ("20 or more", "300-plus") and where it ends."""
    skip = 1 if _lower(doc, end) == "-" and _lower(doc, end + 1) == "plus" else 0
    for phrase, qualifier in _qualifiers_by_edge()[1].get(_lower(doc, end + skip), ()):
        if _match_at(doc, end + skip, phrase):
            return qualifier, end + skip + len(phrase)
    return None, end


def _bounds(fig: _Figure, qualifier: str | None) -> tuple[SizeQualifier, int | None, int | None]:
    """Qualifier, low and high for a figure; the value is always the figure's floor."""
    if fig.vague:
        return "vague", fig.value, None
    if fig.high is not None:
        # A range says the count is at least its low end (ACLED's conservative figure).
        return "at_least", fig.value, fig.high
    if qualifier == "at_least":
        return "at_least", fig.value, None
    if qualifier == "at_most":
        return "at_most", None, fig.value
    if qualifier == "about" or fig.fixed:
        return "about", None, None
    return "exact", fig.value, fig.value


# --------------------------------------------------------------------------- the counted noun

_NOUNS = ("NOUN", "PROPN")
_PHRASE_HEAD_WINDOW = 8  # a counted noun further than this from its number is a parse error


def _phrase_head(tok: Token) -> Token:
    """ "300 Hezbollah fighters": a number may hang on a compound; the noun is its head."""
    while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in _NOUNS:
        if tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN":
            break  # "four children Al Jazeera reported": a name does not head a common noun
        tok = tok.head
    return tok


def _of_object(doc: Doc, of_i: int) -> Token | None:
    """The object of "of" after a number ("hundreds of Iraqi fighters", "300 of the fighters")."""
    of_tok = doc[of_i]
    for child in of_tok.children:
        if child.dep_ == "pobj":
            return child if child.pos_ in _NOUNS + ("PRON",) else None
    for tok in doc[of_i + 1 : of_i + _PHRASE_HEAD_WINDOW]:
        if tok.pos_ in _NOUNS + ("PRON",):
            return _phrase_head(tok)
        if tok.pos_ not in ("DET", "ADJ", "ADV", "PUNCT", "NUM", "VERB"):
            break
    return None


def _counted_noun(doc: Doc, fig: _Figure, after: int) -> Token | None:
    """The noun a figure counts, or None ("killed seven", "a death toll of 70")."""
    if _lower(doc, after) == "of":
        obj = _of_object(doc, after)
        return None if obj is None or obj.pos_ == "PRON" else _phrase_head(obj)
    nominal = _nominal_adjective(doc, after)
    if nominal is not None:
        return nominal
    for tok in doc[fig.start : fig.end]:
        head = tok.head
        if head.i >= after and head.pos_ in _NOUNS and head.i - after < _PHRASE_HEAD_WINDOW:
            if tok.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det", "advmod"):
                noun = _phrase_head(head)
                if not _broken(doc, after, noun.i):
                    return noun
                break
    return _noun_after(doc, after)


def _broken(doc: Doc, start: int, end: int) -> bool:
    """A time word between number and noun means the parse joined two phrases ("the toll
    reached 330 overnight, civil defence sources told"); so does punctuation, except hyphens,
    quotes and a closed bracket ("31 Islamic State (IS) militants")."""
    breakers = _lex().phrase_breakers
    inside = doc[start:end]
    if sum(t.text == "(" for t in inside) != sum(t.text == ")" for t in inside):
        return True
    return any(
        t.lower_ in breakers
        or (t.is_punct and t.text not in ("-", "(", ")", '"', "'", "“", "”"))
        or _atom(t) in ("digit", "word")  # "one tank two mortar vehicles": a list
        for t in inside
    )


def _nominal_adjective(doc: Doc, i: int) -> Token | None:
    """ "the seven dead": an adjective standing for the people it describes."""
    if i >= len(doc) or doc[i].lower_ not in _lex().nominal_adjectives:
        return None
    following = doc[i + 1] if i + 1 < len(doc) else None
    if following is not None and following.pos_ in _NOUNS:
        return None  # "seven dead civilians": the noun is the count
    return doc[i]


def _noun_after(doc: Doc, i: int) -> Token | None:
    """When the parse hangs the number elsewhere, a noun phrase right after it still counts
    ("killing 12 Syrian soldiers" with 12 mis-attached): adjectives and names, then nouns."""
    last = None
    for tok in doc[i : i + 5]:
        if tok.lower_ in _lex().phrase_breakers:
            break
        if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.tag_ == "NNPS"):
            last = tok
            continue
        if last is not None or tok.pos_ not in ("ADJ", "PROPN") and tok.tag_ != "HYPH":
            break
    return last


def _coordinated_plural(doc: Doc, noun: Token) -> Token | None:
    """ "70 Syrian regime and rebel fighters": the parse hung the number on the first of two
    coordinated modifiers; the plural noun that ends the phrase is what is counted."""
    for tok in doc[noun.i + 1 : noun.i + 5]:
        if tok.tag_ in ("NNS", "NNPS"):
            return tok
        if tok.pos_ not in ("CCONJ", "ADJ", "NOUN", "PROPN") and tok.tag_ != "HYPH":
            return None
    return None


def _agrees(noun: Token, fig: _Figure) -> bool:
    """A count above one needs a plural noun: "19 Monitor", "61 a war monitor", "48 Related
    Syrian Army" are headline and page furniture the parser glued to a number."""
    if fig.value <= 1 or noun.tag_ not in ("NN", "NNP"):
        return True
    lex = _lex()
    word = noun.lower_
    return (
        word in lex.nominal_adjectives
        or word in lex.collective_nouns
        or word in lex.person_nouns  # "4 civilian": a typo, still a count of people
        or word.endswith("men")  # "servicemen" mis-tagged singular
    )


def _unit_lemma(tok: Token) -> str:
    if tok.lower_ in _lex().nominal_adjectives:
        return tok.lower_  # "12 injured": the participle's lemma ("injure") is no noun
    lemma = tok.lemma_.lower()
    if lemma in ("people", "persons"):
        return "person"
    if tok.pos_ == "PROPN" and tok.tag_ == "NNPS" and lemma.endswith("s"):
        return lemma[:-1]  # "Syrians" -> "syrian"
    return lemma


# --------------------------------------------------------------------------- not a count


def _why_not_a_count(
    doc: Doc, fig: _Figure, after: int, unit: Token | None, qualified: bool
) -> str | None:
    """Why the figure is not a count of people or things, or None when it is one."""
    lex = _lex()
    before = _lower(doc, fig.start - 1)
    nxt = _lower(doc, after)
    # Money and percentages are told by their marks, not by NER, which tags counts like "more
    # than 10 million displaced" as MONEY.
    if before in lex.currency_marks or (fig.start > 0 and doc[fig.start - 1].tag_ == "$"):
        return "money"
    if nxt in lex.time_words or nxt.startswith(("utc", "gmt")):
        return "clock time"  # "10 am", "1849 UTC+3"
    if nxt in ("%", "percent") or (nxt == "per" and _lower(doc, after + 1) == "cent"):
        return "percentage"
    if before in lex.age_words or (before == "of" and _lower(doc, fig.start - 2) in lex.age_words):
        return "age"  # "aged 21", "under the age of eight"
    if _is_date(doc, fig, after):
        return "date"
    if _glued(doc, fig.start, after):
        return "part of a code or date"  # "01-11-2014", "218-11", "09.04.2017"
    glued = not doc[after - 1].whitespace_
    if nxt == "-" and glued and _lower(doc, after + 1) not in ("plus", "strong"):
        return "compound modifier"  # "21-year-old", "three-day truce", "10-km"
    if nxt in (":", "/"):
        return "time or ratio"
    if after < len(doc) and _DATE_TOKEN.match(doc[after].text):
        return "time stamp"  # "(updated 2340 23.10.2017)"
    if unit is None and _is_list_number(doc, fig, after):
        return "list numbering"
    if _is_label(doc, fig, before, qualified, unit):
        return "label"
    if unit is not None and _unit_lemma(unit) in lex.not_counted:
        return lex.not_counted[_unit_lemma(unit)]
    if unit is None and nxt in lex.not_counted and not fig.vague:
        return lex.not_counted[nxt]  # "5 km" when the parse does not attach km
    if _is_year(doc, fig, unit, qualified):
        return "year"
    if fig.value == 1 and doc[fig.start].lower_ == "one" and (unit is None or nxt == "of"):
        return "pronoun one"  # "no one", "the one who"; "one of the fighters" picks one out
    if fig.need_noun and unit is None:
        return "vague word without a noun"
    if fig.vague and before in lex.vague_blockers:
        return "not a vague count"  # "the hundreds", "their scores", "so many"
    return None


def _is_date(doc: Doc, fig: _Figure, after: int) -> bool:
    if fig.vague:
        return False
    months = _lex().months

    def month(i: int) -> bool:
        # "may" the modal is lowercase; the month is capitalised.
        return 0 <= i < len(doc) and doc[i].lower_ in months and (
            doc[i].lower_ != "may" or doc[i].text == "May"
        )

    return month(fig.start - 1) or month(after) or (
        _lower(doc, after) == "of" and month(after + 1)
    )


def _is_list_number(doc: Doc, fig: _Figure, after: int) -> bool:
    """ "7. Discrepancies: ...", or a number standing alone as a sentence (page furniture)."""
    if not doc[fig.start].is_sent_start:
        return False
    return after >= len(doc) or doc[after].text in (".", ")") or doc[after].is_sent_start


def _glued(doc: Doc, start: int, end: int) -> bool:
    """Digits written flush against digits and separators belong to a date or a code."""
    if start > 0:
        left = doc[start - 1]
        if not left.whitespace_ and (left.text[-1].isdigit() or left.text[-1] in "-/.:"):
            return True
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[0] in "/.:":
        return end + 1 < len(doc) and doc[end + 1].text[0].isdigit()
    return False


def _is_label(
    doc: Doc, fig: _Figure, before: str, qualified: bool, unit: Token | None
) -> bool:
    """ "Resolution 2254", "Route 4", "Brigade 93": a number naming the noun before it."""
    if qualified or fig.vague or fig.start == 0:
        return False
    labels = _lex().label_words
    k = fig.start - 1
    while _lower(doc, k) in (",", "and", "or", "&") and k > 0 and _atom(doc[k - 1]) == "digit":
        k -= 2  # "resolutions 2118 and 2235": the label is before the first number
    if k >= 0 and (doc[k].lower_ in labels or doc[k].lemma_.lower() in labels):
        return True
    if unit is not None:
        return False  # "on Wednesday 22 Daesh fighters were killed": a count after all
    # A name labelled by a number is singular ("Brigade 93"); "Monitors: 15 killed" is not.
    last = doc[fig.end - 1]
    head = last.head
    return last.dep_ in ("nummod", "appos", "npadvmod") and head.i == fig.start - 1 and (
        head.tag_ in ("NN", "NNP")
    )


def _is_year(doc: Doc, fig: _Figure, unit: Token | None, qualified: bool) -> bool:
    """ "in 2011", "2012-2016", "01-2016": the figure, or a range's high end, is a year."""
    last = re.split(r"[-–—]", doc[fig.end - 1].text)[-1]
    if not (len(last) == 4 and last.isdigit() and 1900 <= int(last) <= 2100):
        return False
    # "more than 2000 people", "between 1500 and 2000 people" (news copy often drops the
    # comma) are counts; "the 2011 protests" is a year.
    counted = unit is not None and unit.tag_ in ("NNS", "NNPS")
    return not (counted and (qualified or fig.high is not None))


# --------------------------------------------------------------------------- assembly


def _span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _build(doc: Doc, fig: _Figure) -> tuple[Quantity, int] | None:
    """A quantity from a figure, and the first token after its phrase; None if not a count."""
    fig = _read_range(doc, fig)
    pre_qualifier, phrase_start = _qualifier_before(doc, fig.start)
    if fig.high is not None and _lower(doc, fig.start - 1) in _lex().range_openers:
        phrase_start = fig.start - 1  # "between 10 and 15 people"
    post_qualifier, after = _qualifier_after(doc, fig.end)
    qualifier = post_qualifier or pre_qualifier
    unit = _counted_noun(doc, fig, after)
    # "a 500-strong force" sizes one group; otherwise a count above one needs a plural noun.
    sized = _lower(doc, after) == "-" and _lower(doc, after + 1) == "strong"
    if unit is not None and unit.i < fig.start:
        unit = None
    if unit is not None and not (sized or _agrees(unit, fig)):
        unit = _coordinated_plural(doc, unit)
    if _why_not_a_count(doc, fig, after, unit, qualifier is not None):
        return None
    kind, low, high = _bounds(fig, qualifier)
    phrase_end = max(after, unit.i + 1) if unit is not None else after
    span = _span(doc, phrase_start, phrase_end)
    quantity = Quantity(
        value=fig.value,
        low=low,
        high=high,
        qualifier=kind,
        text=doc_text(doc)[span[0] : span[1]],
        span=span,
        number_span=_span(doc, fig.start, fig.end),
        unit=_unit_lemma(unit) if unit is not None else None,
        unit_token=unit.i if unit is not None else None,
        number_token=fig.end - 1,
    )
    return quantity, max(fig.end, after)


def _indefinite_person(doc: Doc, tok: Token) -> Quantity | None:
    """ "killed a child", "a man was shot dead": the article counts one person."""
    if tok.lower_ not in lexicon(SharedWords).indefinite_articles or tok.dep_ != "det":
        return None
    noun = tok.head
    if noun.i <= tok.i or noun.tag_ != "NN" or noun.dep_ in ("attr", "appos"):
        return None  # "he was a soldier", "Manal, a teacher,": a description, not a count
    names = {noun.lemma_.lower(), noun.lower_}
    left = doc[noun.i - 1] if noun.i > 0 else None
    if left is not None and left.dep_ == "compound":
        names.add(f"{left.lower_} {noun.lower_}")
    if not names & _lex().person_nouns:
        return None
    span = _span(doc, tok.i, noun.i + 1)
    return Quantity(
        value=1,
        low=1,
        high=1,
        qualifier="exact",
        text=doc_text(doc)[span[0] : span[1]],
        span=span,
        number_span=_span(doc, tok.i, tok.i + 1),
        unit=_unit_lemma(noun),
        unit_token=noun.i,
        number_token=tok.i,
    )


def extract_quantities(doc: Doc) -> list[Quantity]:
    """Every counted quantity in a parsed document, in text order."""
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        fig = _read_figure(doc, i)
        if fig is None:
            single = _indefinite_person(doc, doc[i])
            if single is not None:
                found.append(single)
            i += 1
            continue
        built = _build(doc, fig)
        if built is None:
            i = fig.end
            continue
        quantity, i = built
        found.append(quantity)
    return _mark_subsets(doc, found)


# --------------------------------------------------------------------------- subsets


def _sentence_ids(doc: Doc) -> list[int]:
    ids = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for k in range(sent.start, sent.end):
            ids[k] = n
    return ids


def _first_token(doc: Doc, q: Quantity) -> int:
    return doc.char_span(q.span[0], q.span[1], alignment_mode="expand").start


def _marker_before(doc: Doc, q: Quantity, markers: tuple[tuple[str, ...], ...]) -> bool:
    """ "including two children", "among them three women" (punctuation may sit between)."""
    k = _first_token(doc, q) - 1
    while k >= 0 and doc[k].text in (",", "-", "–", "—", "(", "the"):
        k -= 1
    return any(_match_at(doc, k - len(p) + 1, p) for p in markers)


def _marker_after(doc: Doc, q: Quantity) -> bool:
    """ "34 killed, 6 of them women", "13 of whom were women"."""
    i = q.number_token + 1
    return _lower(doc, i) == "of" and _lower(doc, i + 1) in ("them", "whom", "which", "those")


def _mark_subsets(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """Mark counts that are part of another count in the same sentence: "six people,
    including two children" (the later is part of the earlier), "four children were among the
    28 dead" (the earlier is part of the later). A subset's value never exceeds its whole's."""
    if len(found) < 2:
        return found
    sent = _sentence_ids(doc)
    lex = _lex()
    marked = list(found)
    for n, q in enumerate(marked):
        same = [k for k in range(n) if sent[found[k].number_token] == sent[q.number_token]]
        if not same:
            continue
        parent = _parent_of(doc, marked, n, same)
        if parent is not None:
            marked[n] = replace(q, subset_of=parent)
        elif _marker_before(doc, q, lex.containing_markers):
            _mark_parts(doc, marked, same, n)
    return marked


def _mark_parts(doc: Doc, marked: list[Quantity], same: list[int], whole: int) -> None:
    """ "Four children and two women were among the 28 dead": the counts just before the
    marker, joined by "and", are parts of the whole after it."""
    for k in reversed(same):
        part = marked[k]
        if part.subset_of is not None or not _fits(part, marked[whole]):
            return
        marked[k] = replace(part, subset_of=whole)
        if k - 1 not in same or not _joined(doc, marked[k - 1], part):
            return


def _fits(part: Quantity, whole: Quantity) -> bool:
    return part.value is None or whole.value is None or part.value <= whole.value


def _parent_of(doc: Doc, found: list[Quantity], n: int, same: list[int]) -> int | None:
    """The earlier count in the sentence that `found[n]` is part of, or None."""
    q = found[n]
    prev = found[same[-1]]
    # "including 12 women and 6 children": a count joined to a subset shares its whole.
    if prev.subset_of is not None and _joined(doc, prev, q):
        return prev.subset_of
    if not (_marker_before(doc, q, _lex().subset_markers) or _marker_after(doc, q)):
        return None
    for k in reversed(same):
        if found[k].subset_of is None and _fits(q, found[k]):
            return k
    return None


def _joined(doc: Doc, left: Quantity, right: Quantity) -> bool:
    """Only "and", "or" or commas lie between two quantity phrases."""
    between = doc.char_span(left.span[1], right.span[0], alignment_mode="expand")
    if between is None:
        return False
    return all(t.lower_ in ("and", "or", ",", "&") for t in between)
