"""Open a store: a file path or a SQLAlchemy URL -> an engine with the schema up to date."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

# SQLAlchemy is imported where it is used: every command imports this module (for DEFAULT_DB,
# StoreError), and `sitrep extract` never opens a store.
DEFAULT_DB = "sitrep.db"


class StoreError(Exception):
    """The store cannot be opened or used; the message says what to do."""


def database_url(db: str | Path) -> str:
    """'conflict.db' or 'postgresql+psycopg://…' -> a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

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


def write_error(exc: Exception, engine: Engine) -> StoreError:
    """A StoreError for a database error that no article can cause (a read-only file, a full
    disk, a lock held too long): the run cannot go on, and the message says what to fix."""
    url = engine.url
    name = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)
    detail = str(getattr(exc, "orig", None) or exc)
    low = detail.lower()
    if "readonly" in low or "read-only" in low or "permission" in low:
        advice = ("the store is read-only: check the permissions of the file and of its folder "
                  "(SQLite writes -wal and -shm files next to it), or choose another --db.")
    elif "full" in low or "no space" in low:
        advice = "the disk holding the store is full: free some space and run the command again."
    elif "locked" in low or "busy" in low:
        advice = "another program kept the store locked for too long: close it (a SQLite browser?) and run again."
    else:
        advice = "check the disk and the file, and run the command again."
    return StoreError(f"cannot write to the store {name} ({detail}); {advice}")


def display_name(db: str | Path) -> str:
    """The store as it may be printed: a URL's password hidden."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

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


def check_sqlite(engine: Engine, db: str | Path) -> None:
    """Refuse a SQLite file that is damaged, or that is some other program's database, before
    anything reads or writes it (a damaged page would otherwise surface as a wrong count or a
    crash halfway through a run, and migrating would add sitrep's tables to a stranger's file).
    `PRAGMA quick_check` reads every page once: a second or so per gigabyte."""
    from sqlalchemy.exc import DatabaseError

    name = display_name(db)
    try:
        with engine.connect() as c:
            problems = [row[0] for row in c.exec_driver_sql("PRAGMA quick_check(5)")]
            tables = {row[0] for row in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except DatabaseError as exc:
        if "locked" in str(exc.orig) or "readonly" in str(exc.orig):
            return  # not damage: opening goes on and says what is wrong where it matters
        raise StoreError(
            f"{name} is not a sitrep store, or is damaged beyond reading ({exc.orig}). Check the "
            "path; if it is your store, restore it from a backup or ingest again into a new --db."
        ) from None
    if problems != ["ok"]:
        lines = [line.strip() for p in problems for line in p.splitlines() if line.strip() and "***" not in line]
        raise StoreError(
            f"the store {name} is damaged ({'; '.join(lines[:3])}). Restore it from a backup, "
            f"or salvage it with `sqlite3 {name} .recover | sqlite3 recovered.db`, or ingest again "
            "into a new --db."
        )
    if tables and "alembic_version" not in tables:
        raise StoreError(
            f"{name} is a SQLite database, but not a sitrep store (it has the tables "
            f"{', '.join(sorted(tables)[:5])}); sitrep leaves it alone. Choose another --db."
        )


def alembic_config():
    # Imported here: alembic takes a second to import, and most commands never migrate.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "sitrep.store:migrations")
    return cfg


# Any fixed number: the key of the PostgreSQL advisory lock one sitrep writer holds at a time.
_WRITER_LOCK_KEY = 0x5172E9


def serialise(conn) -> None:
    """Wait until no other sitrep writer is inside a write transaction on this database; held
    until this transaction ends. A no-op on SQLite, which allows one writer at a time anyway.
    (Two processes creating one PostgreSQL store's tables, or its reference rows, at the same
    time would otherwise both try, and one would fail.)"""
    if conn.dialect.name == "postgresql":
        from sqlalchemy import text

        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITER_LOCK_KEY})


def upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        serialise(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(db: str | Path = DEFAULT_DB, *, migrate: bool = True, must_exist: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    url = database_url(db)
    if must_exist and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise StoreError(f"there is no store at {db}; create one with `sitrep ingest SOURCES --db {db}`.")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        check_sqlite(engine, db)
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
