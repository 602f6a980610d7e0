"""`sitrep serve`: the HTTP API and the web UI over a store (see docs/api.md)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from sitrep.cli.app import app, err, fail
from sitrep.store.engine import DEFAULT_DB, StoreError, display_name


@app.command()
def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store: a SQLite file (created when missing) or a SQLAlchemy URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on; 127.0.0.1 keeps the server to this machine."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="The port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Open the store read-only: extract and ingest are refused."),
    max_body: int = typer.Option(10_000_000, "--max-body", min=1024, help="The largest request body taken, in bytes."),
    cors: list[str] = typer.Option([], "--cors-origin", help="Let pages from this origin call the API (repeatable); off by default."),
    actors: list[Path] = typer.Option([], "--actors", help="An extra actor file or folder (YAML) for extraction; repeatable."),
    preload: bool = typer.Option(False, "--preload", help="Load the extractor at start-up instead of on the first extract or ingest request."),
) -> None:
    """Serve the store over HTTP: the JSON API at /api, its documentation at /docs, the web UI at /.

    Writes (POST /api/extract, POST /api/articles) need the token in the SITREP_TOKEN
    environment variable, sent as `Authorization: Bearer <token>`; without it writes are off."""
    import uvicorn

    from sitrep.api import Settings, create_app

    token = os.environ.get("SITREP_TOKEN") or None
    settings = Settings(db=db, token=token, read_only=read_only, max_body=max_body, cors_origins=tuple(cors),
                        actor_paths=tuple(actors), preload=preload)
    try:
        application = create_app(settings)
    except StoreError as exc:
        fail(str(exc))
        return
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]note:[/] listening on {host}: other machines can reach this server"
                  + ("" if token else " (read only: writes are off without SITREP_TOKEN)") + ".")
    writes = "off (--read-only)" if read_only else ("on (bearer token)" if token else "off (set SITREP_TOKEN to enable)")
    err.print(f"sitrep serve: {display_name(db)} at http://{host}:{port}/ (API docs: /docs); writes {writes}. Ctrl-C stops.")
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)
