"""sitrep: sourced conflict-event data from news reports.

    import sitrep
    doc = sitrep.extract(text, published=date(2024, 12, 2))
"""

# The stage package `sitrep.extract` is imported first so that the function below, not the
# package, is what `sitrep.extract` names (`from sitrep.extract.actors import ...` still works).
import sitrep.extract as _extract_stage  # noqa: F401

__version__ = "0.1.0"


def extract(text, **kwargs):
    """Extract one article: `sitrep.extract(text, published=date(2024, 12, 2))` -> Document.

    Keyword arguments: published, title, id, source, url. See `sitrep.document.Extractor` for
    batches and custom actor files."""
    from sitrep.document import extract as _extract

    return _extract(text, **kwargs)
