from datetime import date

import pytest
from sqlalchemy.orm import Session

from corpus_helpers import corpus_store, make_store, postgres, store_db  # noqa: F401  (fixtures)
from sitrep.store.engine import StoreError, open_store
from sitrep.store.queries import EventFilters, events


def _places(db, **filters):
    with Session(open_store(db)) as s:
        return sorted({e.location for e in events(s, EventFilters.parse(**filters))})


def test_filters_narrow_by_country_date_type_and_actor(corpus_store):
    assert _places(corpus_store, country="Iraq") == ["Baghdad"]
    assert _places(corpus_store, country="SYR", type="Air/drone strike") >= ["Ariha", "Saraqib"]
    assert "Baghdad" not in _places(corpus_store, type="Explosions/Remote violence")
    assert _places(corpus_store, until="2024-11-25") == ["North Israel", "South Lebanon"]
    assert "North Israel" not in _places(corpus_store, since="2024-11-25")
    assert _places(corpus_store, actor="kb:hezbollah") == ["North Israel"]
    assert _places(corpus_store, actor="hezbollah") == ["North Israel"]


def test_bad_filter_values_say_what_to_write():
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        EventFilters.parse(since="25/11/2024")
    with pytest.raises(StoreError, match="unknown country"):
        EventFilters.parse(country="Narnia")
    with pytest.raises(StoreError, match="ACLED event type"):
        EventFilters.parse(type="Bombing")
    f = EventFilters.parse(country="sy", since="2024-11-25", type="air/drone strike")
    assert (f.country, f.since, f.type) == ("SYR", date(2024, 11, 25), "Air/drone strike")


def test_like_wildcards_in_an_actor_filter_are_literal(corpus_store):
    assert _places(corpus_store, actor="%") == []
    assert _places(corpus_store, actor="_") == []
    assert _places(corpus_store, actor="h_zbollah") == []
    assert _places(corpus_store, actor="kb:%") == []


def test_an_exact_name_picks_its_actor_among_longer_names(store_db):
    from sitrep.store.queries import resolve_actor
    from sitrep.store.tables import EntityRow

    engine = open_store(store_db)
    with Session(engine) as s, s.begin():
        for i, name in enumerate(["Islamic State", "Islamic State (Sinai)", "Islamic State - West Africa"]):
            s.add(EntityRow(id=f"kb:is{i}", name=name, kind="armed_group", generic=False, n_articles=3 - i))
    with Session(engine) as s:
        assert resolve_actor(s, "islamic state").id == "kb:is0"
        assert resolve_actor(s, "Sinai").id == "kb:is1"
        with pytest.raises(StoreError, match="matches several actors"):
            resolve_actor(s, "Islamic")
        with pytest.raises(StoreError, match="no actor '%'"):
            resolve_actor(s, "%")
