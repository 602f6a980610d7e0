"""What the whole article is about, geographically: the country it mostly speaks of.

Generic agents ("regime forces", "residents") and bare directions ("the northwest") need a
country; a reader takes it from the article as a whole. Counting is done on names alone (country
names, capitals, demonyms, known places), before any extractor runs, so that the actor and place
extractors can both use it without depending on each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span

from sitrep.knowledge import Knowledge
from sitrep.knowledge.lexicon_schemas import PlacesLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.knowledge.names import name_key
from sitrep.nlp.docinfo import entities


@dataclass
class ArticleContext:
    published: date | None
    focus_country: str | None
    country_counts: Counter = field(default_factory=Counter)
    reason: str = ""
    headline_end: int = 0  # characters of the text that are the headline
    # The country each sentence names most (sentence index -> ISO3).
    sentence_countries: dict[int, str] = field(default_factory=dict)


def country_of_name(text: str, knowledge: Knowledge) -> str | None:
    """A country for a country name, a capital or a demonym; None otherwise."""
    c = knowledge.countries.by_name(text)
    if c is not None:
        return c.iso3
    c = knowledge.countries.by_demonym(text)
    if c is not None:
        return c.iso3
    return capital_country(text, knowledge)


def capital_country(text: str, knowledge: Knowledge) -> str | None:
    table = _capitals(knowledge)
    return table.get(name_key(text))


_CAPITALS: dict[int, dict[str, str]] = {}


def _capitals(knowledge: Knowledge) -> dict[str, str]:
    table = _CAPITALS.get(id(knowledge.countries))
    if table is None:
        table = {}
        for c in knowledge.countries:
            if c.capital:
                table.setdefault(name_key(c.capital), c.iso3)
        _CAPITALS[id(knowledge.countries)] = table
    return table


def _whole_name(ent: Span) -> str:
    """"Numan" in "Maarat al-Numan": the NER often keeps only the part after the article."""
    doc = ent.doc
    start = ent.start
    if start >= 3 and doc[start - 1].text in ("-", "–") and doc[start - 2].lower_ in lexicon(SharedWords).article_particles:
        start -= 2
        while start > ent.sent.start + 1 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and ent.start - start < 5:
            start -= 1
    return doc[start : ent.end].text


@lru_cache(maxsize=1)
def _designation_words() -> frozenset[str]:
    return lexicon(PlacesLexicon).designation_words


def build_context(
    doc: Doc, knowledge: Knowledge, published: date | None, headline_end: int = 0
) -> ArticleContext:
    counts: Counter = Counter()
    per_sentence: dict[int, Counter] = {}
    sent_of = {}
    for si, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            sent_of[t] = si
    # "Islamic State (banned in Russia)": a jurisdiction in wire boilerplate says nothing of
    # where the story is.
    designations = _designation_words()
    ents = [e for e in entities(doc) if e.label_ in ("GPE", "LOC", "NORP", "FAC")
            and not (e.start >= 2 and doc[e.start - 1].lower_ == "in" and doc[e.start - 2].lower_ in designations)]
    # Countries named outright ("Syria", "Syrian") decide first; a town name shared across
    # countries ("Zahra", "Tokhar") is then read in one of them, not the other way round.
    named = {c for c in (country_of_name(e.text, knowledge) for e in ents) if c}
    for ent in ents:
        iso3 = country_of_name(ent.text, knowledge)
        if iso3 is None and ent.label_ == "GPE" and len(ent) == 1 and ent.text.endswith("s"):
            # A possessive whose apostrophe was lost in the text ("Syrias Deir Ezzor").
            c = knowledge.countries.by_name(ent.text[:-1])
            iso3 = c.iso3 if c is not None else None
        weight = 1.0
        if iso3 is None and ent.label_ in ("GPE", "LOC"):
            # Only the place's own spellings: a transliteration look-alike abroad ("Tokhar" for
            # Afghanistan's Takhar) is no evidence of a country.
            hits = [h for h, exact in knowledge.gazetteer.lookup_matches(_whole_name(ent)) if h.country and exact]
            in_named = [h for h in hits if h.country in named]
            # Otherwise the conflict theatres sitrep covers first, unless the article names
            # countries and none of the hits is in them: then the town says nothing sure.
            focus_hits = [h for h in hits if h.country in knowledge.focus_countries]
            # A big city is known on its own ("Turkish-backed factions fought near Aleppo").
            big = [h for h in hits if h.feature in ("city", "admin1") and h.population >= 100_000]
            hit = (in_named or (focus_hits if not named else big) or (hits if not named else []) or [None])[0]
            if hit is not None:
                iso3 = hit.country
                weight = 1.5  # a town names its country more surely than a passing mention
        if iso3 is None:
            continue
        # The headline and lead say what the story is about.
        if ent.start_char < max(headline_end, 1) + 400:
            weight *= 1.5
        counts[iso3] += weight
        # A sentence's own country is where things happen in it ("in Idlib", "into Syria"), not
        # the nationality of those who act in it ("Iranian-allied groups").
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if ent.label_ in ("GPE", "LOC", "FAC") and prev in lexicon(PlacesLexicon).focus_prepositions:
            si = sent_of.get(ent.start, 0)
            per_sentence.setdefault(si, Counter())[iso3] += 1
    if counts:
        focus, _ = counts.most_common(1)[0]
        reason = f"most referenced country ({', '.join(f'{k} {v:g}' for k, v in counts.most_common(3))})"
    else:
        focus, reason = None, "no country named in the article"
    return ArticleContext(
        published=published,
        focus_country=focus,
        country_counts=counts,
        reason=reason,
        headline_end=headline_end,
        sentence_countries={si: c.most_common(1)[0][0] for si, c in per_sentence.items()},
    )
