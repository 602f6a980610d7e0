"""Migration 0002: a store made at 0001 gains the browsing indexes when it is opened, and the
queries the server runs use them."""

from alembic import command
from sqlalchemy import create_engine, inspect, select, text

from sitrep.store.engine import alembic_config, open_store
from sitrep.store.queries import EventQuery
from sitrep.store.tables import EventRow


def test_an_old_store_gains_the_browse_indexes(tmp_path):
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert "ix_events_country_type_date" not in {i["name"] for i in inspect(engine).get_indexes("events")}
    engine.dispose()
    upgraded = open_store(db)
    names = {i["name"] for i in inspect(upgraded).get_indexes("events")}
    assert {"ix_events_country_type_date", "ix_events_status_date_type"} <= names


def test_a_filtered_page_and_the_timeline_read_the_indexes(tmp_path):
    engine = open_store(tmp_path / "s.db")
    page = EventQuery(country="SYR", type="Battles").apply(select(EventRow.id)).order_by(
        EventRow.event_date.desc(), EventRow.id.desc()).limit(100)
    timeline = EventQuery().apply(select(EventRow.event_date, EventRow.event_type, EventRow.plover_type)).where(
        EventRow.event_date.is_not(None)).group_by(EventRow.event_date, EventRow.event_type, EventRow.plover_type)
    with engine.connect() as conn:
        def plan(stmt):
            sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
            return " ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))

        assert "ix_events_country_type_date" in plan(page)
        assert "COVERING INDEX ix_events_status_date_type" in plan(timeline)
