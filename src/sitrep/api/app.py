"""The application factory: the store opened once, the routers, the UI's files, the guards."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from sitrep import __version__
from sitrep.api.settings import ServerState, Settings
from sitrep.store.engine import database_url


def create_app(settings: Settings | None = None) -> FastAPI:
    """StoreError when the store cannot be opened (a read-only server needs an existing one)."""
    from sitrep.api import actors, articles, events, meta, write
    from sitrep.api.security import BodyLimit, SecurityHeaders
    from sitrep.store.engine import open_engine, open_store
    from sitrep.web import STATIC

    settings = settings or Settings()
    if settings.read_only:
        # Nothing may be written: no migration and no reference data; the store must exist.
        engine = open_engine(settings.db, migrate=False, must_exist=True)
        _refuse_writes(engine)
    else:
        engine = open_store(settings.db)
    state = ServerState(settings=settings, engine=engine, url=database_url(settings.db))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if settings.preload:
            from fastapi.concurrency import run_in_threadpool

            await run_in_threadpool(state.extractor)
        yield
        state.cache.version.close()
        engine.dispose()

    app = FastAPI(title="sitrep", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Sourced conflict-event data from news reports: the store of `sitrep ingest`, read "
                              "and written over HTTP. Writes need `Authorization: Bearer <SITREP_TOKEN>`.")
    app.state.sitrep = state
    for module in (events, articles, actors, meta, write):
        app.include_router(module.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the package's own copy, so the page works offline.
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sitrep API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    return app


def _refuse_writes(engine) -> None:
    """Every connection of a read-only server refuses writes in the database itself, below
    the API's own refusal."""
    from sqlalchemy import event

    def read_only(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        if engine.dialect.name == "sqlite":
            cur.execute("PRAGMA query_only = ON")
        elif engine.dialect.name == "postgresql":
            cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.commit()  # a SET in a transaction that is rolled back would be undone
        cur.close()

    event.listen(engine, "connect", read_only)
    engine.dispose()  # connections opened while checking the store were made without it
