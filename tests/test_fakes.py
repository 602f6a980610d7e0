"""End to end on real FA-KES articles (`../shared/data/fakes-dev`): what a careful reader codes
from each report — the main event's type, governorate, toll and perpetrator. The reading is
ours, from the article text (FA-KES's own labels are checked by `sitrep eval`, not here)."""

import csv
import datetime

import pytest

# unit_id: (sub-event type, admin1, fatalities, actor1) as read from the article.
READINGS = {
    # "A car bomb killed at least 34 people on Friday in a government-controlled village in
    # the central Syrian province of Hama ... blamed on rebels"
    "1923848296": ("Remote explosive/landmine/IED", "Hama", 34, "kb:rebels-syria"),
    # "Syrian government air strikes and artillery fire killed at least 16 civilians on
    # Wednesday in rebel-held neighbourhoods in the east of Aleppo city"
    "1923848163": ("Air/drone strike", "Aleppo", 16, "kb:military-forces-of-syria-2000-2024"),
    # "Turkish warplanes killed nine fighters of the Islamic State group ... in northwestern
    # Aleppo province"
    "1923848182": ("Air/drone strike", "Aleppo", 9, "kb:military-forces-of-turkey"),
    # "One civilian was killed while 16 others were injured in terrorist rocket attacks on many
    # neighborhoods in Aleppo city"
    "1926478976": ("Shelling/artillery/missile attack", "Aleppo", 1, None),
    # "20 civilians were killed ... due to a car bomb attack carried out by Isis ... in the
    # northern countryside of Deir Ezzor province"
    "1962495736": ("Remote explosive/landmine/IED", "Deir-ez-Zor", 20, "kb:islamic-state"),
}


@pytest.fixture(scope="module")
def articles(shared_data):
    path = shared_data / "fakes-dev" / "fakes-dev.csv"
    with path.open(encoding="utf-8") as f:
        return {row["unit_id"]: row for row in csv.DictReader(f) if row["unit_id"] in READINGS}


def _published(value: str) -> datetime.date:
    month, day, year = value.split("/")
    return datetime.date(2000 + int(year), int(month), int(day))


@pytest.mark.parametrize("unit_id", sorted(READINGS))
def test_main_event_as_a_careful_reader_codes_it(extractor, schema_validator, articles, unit_id):
    from sitrep.ingest.article import make_article

    row = articles[unit_id]
    doc = extractor.extract_article(
        make_article(row["article_content"], title=row["article_title"], published=_published(row["date"]))
    )
    assert not list(schema_validator.iter_errors(doc.to_dict()))
    current = [e for e in doc.events if e.status == "current" and e.event_type]
    main = max(current, key=lambda e: e.fatalities or 0)
    sub_event_type, admin1, fatalities, actor1 = READINGS[unit_id]
    assert main.sub_event_type == sub_event_type
    assert main.location.admin1 == admin1
    assert main.fatalities == fatalities
    if actor1 is not None:
        assert main.actor1 == actor1
