"""Open a store: a file path or a SQLAlchemy URL -> an engine with the schema up to date."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DB = "sitrep.db"


class StoreError(Exception):
    """The store cannot be opened or used; the message says what to do."""


def database_url(db: str | Path) -> str:
    """'conflict.db' or 'postgresql+psycopg://…' -> a SQLAlchemy URL."""
    text = str(db)
    if "://" in text:
        try:
            make_url(text)
        except ArgumentError as exc:
            raise StoreError(f"cannot read the database URL {text!r}: {exc}") from None
        return text
    path = Path(text).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give a database file such as {path / DEFAULT_DB}.")
    if not path.parent.exists():
        raise StoreError(f"the folder {path.parent} does not exist; create it or choose another --db.")
    return f"sqlite:///{path.resolve()}"


def display_name(db: str | Path) -> str:
    """The store as it may be printed: a URL's password hidden."""
    text = str(db)
    if "://" not in text:
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers (sitrep events, a SQLite browser) do not block the ingest, and a commit
    # per article stays cheap; NORMAL sync is still durable across a killed process.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "sitrep.store:migrations")
    return cfg


def upgrade(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(db: str | Path = DEFAULT_DB, *, migrate: bool = True, must_exist: bool = False) -> Engine:
    url = database_url(db)
    if must_exist and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise StoreError(f"there is no store at {db}; create one with `sitrep ingest SOURCES --db {db}`.")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine


def open_store(db: str | Path = DEFAULT_DB, *, must_exist: bool = False) -> Engine:
    """The engine of an up-to-date store with its reference data; StoreError for the user."""
    from sqlalchemy.exc import NoSuchModuleError, OperationalError, SQLAlchemyError

    from sitrep.store.reference import ensure_countries

    try:
        engine = open_engine(db, must_exist=must_exist)
        ensure_countries(engine)
    except StoreError:
        raise
    except (ModuleNotFoundError, NoSuchModuleError) as exc:
        raise StoreError(
            f"cannot open {display_name(db)}: the URL names a database driver that is not installed "
            f"({exc}). Check the URL, or install the driver, e.g. `pip install 'psycopg[binary]'` "
            "for postgresql+psycopg:// URLs."
        ) from None
    except OperationalError as exc:
        raise StoreError(f"cannot open the store {display_name(db)}: {exc.orig}. Check the path or URL and its permissions.") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot use the store {display_name(db)}: {exc}") from None
    return engine
