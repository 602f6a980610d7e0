"""End to end on the report that started sitrep (`examples/`, a copy of `../shared/seed/`): the
reading a careful analyst takes from it, as described in the seed's README."""

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "iraqi-fighters-enter-syria.txt"


@pytest.fixture(scope="module")
def seed(extractor, schema_validator):
    from sitrep.ingest.article import read_article_file

    doc = extractor.extract_article(read_article_file(EXAMPLE, published="2024-12-02"))
    errors = list(schema_validator.iter_errors(doc.to_dict()))
    assert not errors, errors[:3]
    return doc


def _current(doc, sub_event_type):
    return [e for e in doc.events if e.status == "current" and e.sub_event_type == sub_event_type]


def _quoted(doc, span):
    return doc.article.text[span.start : span.end]


def test_headline_and_identity(seed):
    assert seed.article.title == "Hundreds of Iraqi fighters enter Syria to aid Assad regime"
    assert seed.article.id.startswith("sha256:")
    assert seed.article.published == "2024-12-02"


def test_troop_movement_of_badr_and_nujaba_per_iraqi_security_sources(seed):
    (move,) = [e for e in seed.events if e.status == "current" and {e.actor1, *e.assoc_actor_1} >= {"kb:badr-organization", "kb:harakat-hezbollah-al-nujaba"}]
    assert move.event_type == "Strategic developments"
    assert move.plover.type == "MOBILIZE"
    assert move.size.value == 300 and move.size.qualifier == "at_least"
    assert move.location.name == "Iraq-Syria border" and move.location.geo_precision == 3
    # "late Sunday", reported on Monday 2 December 2024.
    assert move.date.start == "2024-12-01"
    assert move.attribution.kind == "anonymous_official"
    assert "Iraqi security forces" in move.attribution.text
    assert move.attribution.via == "Reuters"
    assert move.certainty == "reported"
    # The headline, the lead and the later paragraphs tell one movement: linked, not repeated.
    assert len(move.mentions) >= 2


def test_air_strikes_on_the_northwest_with_the_camp_attack_linked(seed):
    (strikes,) = _current(seed, "Air/drone strike")
    assert strikes.actor1 == "kb:military-forces-of-syria-2000-2024"
    assert "kb:military-forces-of-russia" in strikes.assoc_actor_1
    assert strikes.location.name == "Northwest Syria" and strikes.location.geo_precision == 3
    # "an attack on a displacement camp that killed seven" is one of these strikes.
    assert strikes.fatalities == 7
    assert strikes.civilian_targeting
    assert strikes.attribution.kind == "witness"
    assert any("camp" in _quoted(seed, m) or "attack" in _quoted(seed, m) for m in strikes.mentions)


def test_rebel_capture_of_aleppo(seed):
    (capture,) = _current(seed, "Non-state actor overtakes territory")
    assert capture.actor1 == "kb:rebels-syria"
    assert capture.location.name == "Aleppo" and capture.location.geo_precision == 1


def test_history_is_background_not_news(seed):
    background = [e for e in seed.events if e.status == "background"]
    assert background, "government recapture of Aleppo (2012-2016) is history told as context"
    assert all(e.date.start < "2024" for e in background)
    assert not any(e.sub_event_type == "Government regains territory" for e in seed.events if e.status == "current")


def test_dismissal_of_a_russian_general_per_bloggers(seed):
    (dismissal,) = [e for e in seed.events if e.actor1 == "kb:government-of-russia" and e.event_type == "Strategic developments"]
    assert dismissal.attribution.kind == "social_media"
    assert dismissal.certainty in ("unconfirmed", "reported")


def test_metonymy_names_governments_not_places(seed):
    ids = {e.id for e in seed.entities}
    assert {"kb:government-of-iran", "kb:government-of-russia", "kb:government-of-syria-2000-2024"} <= ids
    # They are listed among the toponyms, but never as where something is.
    located = {m.text for p in seed.places for m in p.mentions if m.role == "location"}
    assert not located & {"Tehran", "Moscow", "Kremlin", "Damascus"}
    metonyms = {m.text for p in seed.places for m in p.mentions if m.role == "metonym"}
    assert metonyms & {"Tehran", "Moscow", "Damascus"}


def test_who_backs_whom(seed):
    rel = {(r.subject, r.predicate, r.object): r.status for r in seed.relations}
    assert rel.get(("kb:government-of-iran", "backs", "kb:militants-iraq")) == "current"
    assert rel.get(("kb:government-of-turkey", "backs", "kb:rebels-syria")) == "current"
    assert rel.get(("kb:government-of-russia", "backs", "kb:government-of-syria-2000-2024")) == "current"
    assert rel.get(("kb:hayat-tahrir-al-sham", "formerly_affiliated_with", "kb:al-qaeda")) == "historical"


def test_statements_by_named_officials(seed):
    by_speaker = {}
    for s in seed.statements:
        by_speaker.setdefault(s.speaker, []).append(s)
    araghchi = by_speaker["kb:abbas-araghchi"]
    assert any(s.direct_quote for s in araghchi)
    assert araghchi[0].title == "Iranian Foreign Minister"
    assert "kb:dmitry-peskov" in by_speaker


def test_every_value_points_at_its_text(seed):
    text = seed.article.text
    for e in seed.events:
        assert e.evidence
        for span in e.evidence:
            assert 0 <= span.start < span.end <= len(text)
    for ent in seed.entities:
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text
