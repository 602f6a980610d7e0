"""`sitrep serve`: the HTTP API (FastAPI) and the web UI over a store.

`create_app(Settings(db=...))` builds the application; `sitrep.cli.serve` runs it with uvicorn.
"""

from sitrep.api.app import create_app
from sitrep.api.settings import Settings

__all__ = ["Settings", "create_app"]
