"""Alembic environment: run by `sitrep.store.engine.upgrade` on the open connection, or by the
`alembic` command with `-x url=sqlite:///sitrep.db` when writing a new migration."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sitrep.store.tables import Base

config = context.config


def _run(connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (which lack ALTER COLUMN).
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the database with -x url=sqlite:///path/to/sitrep.db")
    with create_engine(url).connect() as conn:
        _run(conn)
