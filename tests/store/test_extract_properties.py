"""Property-based: `extract` over generated reports (hypothesis) never raises, always gives a
document that validates against the JSON Schema, and every offset quotes its own text.

Generated: sentences built from conflict-report parts with random numbers (up to 10**30),
places, weekdays and dates (any year the readers accept), plus arbitrary Unicode noise, and a
publication date anywhere in 1800..2200. Derandomised, so a run is repeatable.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest.article import MAX_YEAR, MIN_YEAR

ACTORS = ["Gunmen", "Syrian government warplanes", "Hezbollah", "Rebels", "Israeli forces", "Protesters", "The army"]
VERBS = ["killed", "wounded", "attacked", "shelled", "bombed", "clashed with", "abducted", "rallied against"]
PLACES = ["Idlib", "Aleppo", "Homs", "Saraqeb", "Baghdad", "Nabatieh", "Deir ez-Zor", "Springfield"]
WHEN = st.one_of(
    st.sampled_from(["on Monday", "yesterday", "last week", "on Sunday night", ""]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(lambda d: f"on {d.day} {d:%B} {d.year}"),
)
NUMBER = st.one_of(st.integers(0, 10**30).map(str), st.integers(0, 10**6).map(lambda n: f"{n:,}"),
                   st.sampled_from(["dozens of", "at least 12", "three", "hundreds of", "1e23", "-5"]))


@st.composite
def sentence(draw) -> str:
    return (f"{draw(st.sampled_from(ACTORS))} {draw(st.sampled_from(VERBS))} {draw(NUMBER)} people in "
            f"{draw(st.sampled_from(PLACES))} {draw(WHEN)}, {draw(st.sampled_from(['officials', 'a monitor', 'AFP']))} said.")


TEXT = st.lists(st.one_of(sentence(), sentence(), st.text(min_size=1, max_size=80)), min_size=1, max_size=6).map(
    lambda parts: " ".join(parts)).filter(lambda t: t.strip())
PUBLISHED = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


def _spans(doc):
    """(where, span, quoted text or None) for every offset in the document."""
    for ent in doc.entities:
        for m in ent.mentions:
            yield f"entity {ent.id}", m, m.text
            if m.phrase:
                yield f"entity {ent.id} phrase", m.phrase, None
    for place in doc.places:
        for m in place.mentions:
            yield f"place {place.id}", m, m.text
    for ev in doc.events:
        for sp in ev.evidence + ev.mentions:
            yield f"event {ev.id}", sp, None
        if ev.trigger:
            yield f"event {ev.id} trigger", ev.trigger, ev.trigger.text
    for rel in doc.relations:
        for sp in rel.evidence:
            yield "relation", sp, None
    for stmt in doc.statements:
        for sp in stmt.evidence:
            yield "statement", sp, None


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=TEXT, published=PUBLISHED)
def test_extract_never_fails_and_its_offsets_quote_the_text(extractor, schema_validator, text, published):
    from sitrep.ingest.article import InputError, make_article

    try:
        article = make_article(text, published=published)
    except InputError:
        return  # refused input (empty after normalising, not English) is a message, not a document
    doc = extractor.extract_article(article)
    assert not list(schema_validator.iter_errors(doc.to_dict()))
    body = doc.article.text
    for where, span, quoted in _spans(doc):
        assert 0 <= span.start <= span.end <= len(body), (where, span)
        if quoted is not None:
            assert body[span.start:span.end] == quoted, (where, span, quoted)
    for ev in doc.events:
        assert ev.fatalities is None or 0 <= ev.fatalities <= 1_000_000
