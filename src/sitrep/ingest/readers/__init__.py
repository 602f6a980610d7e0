"""Readers: files, folders, feeds and (when asked) URLs to `ArticleInput`s.

    from sitrep.ingest.readers import read_sources, ReadFailure, ReaderOptions
    for item in read_sources(["reports/", "news.jsonl"], options=ReaderOptions()):
        if isinstance(item, ReadFailure):
            ...  # item.origin, item.reason
        else:
            ...  # an ArticleInput, item.origin set

One module a format; `sources` picks the reader by extension and content. See docs/ingest.md.
"""

from sitrep.ingest.readers.base import FIELDS, ReaderOptions, ReadFailure, ReadItem
from sitrep.ingest.readers.records import parse_columns
from sitrep.ingest.readers.sources import EXTENSIONS, read_sources

__all__ = ["EXTENSIONS", "FIELDS", "ReadFailure", "ReadItem", "ReaderOptions", "parse_columns", "read_sources"]
