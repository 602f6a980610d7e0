"""sitrep: sourced conflict-event data from news reports."""

__version__ = "0.1.0"


def extract(text, **kwargs):
    """`sitrep.extract(text, published=date(2024, 12, 2))` -> Document. See sitrep.document."""
    from sitrep.document import extract as _extract

    return _extract(text, **kwargs)
