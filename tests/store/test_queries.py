from datetime import date

import pytest
from sqlalchemy.orm import Session

from corpus_helpers import corpus_db  # noqa: F401  (fixture)
from sitrep.store.engine import StoreError, open_store
from sitrep.store.queries import EventFilters, events


def _places(db, **filters):
    with Session(open_store(db)) as s:
        return sorted({e.location for e in events(s, EventFilters.parse(**filters))})


def test_filters_narrow_by_country_date_type_and_actor(corpus_db):
    assert _places(corpus_db, country="Iraq") == ["Baghdad"]
    assert _places(corpus_db, country="SYR", type="Air/drone strike") >= ["Ariha", "Saraqib"]
    assert "Baghdad" not in _places(corpus_db, type="Explosions/Remote violence")
    assert _places(corpus_db, until="2024-11-25") == ["North Israel", "South Lebanon"]
    assert "North Israel" not in _places(corpus_db, since="2024-11-25")
    assert _places(corpus_db, actor="kb:hezbollah") == ["North Israel"]
    assert _places(corpus_db, actor="hezbollah") == ["North Israel"]


def test_bad_filter_values_say_what_to_write():
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        EventFilters.parse(since="25/11/2024")
    with pytest.raises(StoreError, match="unknown country"):
        EventFilters.parse(country="Narnia")
    with pytest.raises(StoreError, match="ACLED event type"):
        EventFilters.parse(type="Bombing")
    f = EventFilters.parse(country="sy", since="2024-11-25", type="air/drone strike")
    assert (f.country, f.since, f.type) == ("SYR", date(2024, 11, 25), "Air/drone strike")
