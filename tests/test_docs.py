"""docs/document.md describes every field of the committed JSON Schema, and the committed
schema is the one the model generates."""

import json
import re
from pathlib import Path

from sitrep.schema import document_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "docs" / "schema" / "document.schema.json"
DOC_FILE = REPO / "docs" / "document.md"


def _field_names(node, out: set[str]) -> set[str]:
    """Every property name anywhere in the schema: top level, $defs, nested objects, items."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            out.update(props)
        for value in node.values():
            _field_names(value, out)
    elif isinstance(node, list):
        for value in node:
            _field_names(value, out)
    return out


def test_committed_schema_is_the_models():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == document_schema(), "docs/schema is stale: run `make schema`"


def test_every_schema_field_is_documented():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    fields = _field_names(schema, set())
    assert {"schema", "geo_precision", "fatalities_range", "direct_quote", "low"} <= fields  # the walk reaches $defs
    documented = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", DOC_FILE.read_text(encoding="utf-8")))
    missing = sorted(fields - documented)
    assert not missing, f"docs/document.md does not mention these schema fields as `field`: {missing}"


def test_the_example_excerpt_is_a_valid_document():
    from sitrep.schema import validator

    blocks = re.findall(r"```json\n(.*?)```", DOC_FILE.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/document.md has no ```json example"
    example = json.loads(blocks[0])
    errors = [e.message for e in validator().iter_errors(example)]
    assert not errors, errors


def test_readme_links_to_the_document_page():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/document.md)" in readme
    assert DOC_FILE.is_file()


def test_the_readme_python_example_runs(extractor, capsys):
    """The README's Python example, run as written (with the session's extractor)."""
    import sitrep.document

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"In Python:\n\n```python\n(.*?)```", readme, re.S).group(1)
    sitrep.document._DEFAULT = extractor
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("Air/drone strike Military Forces of Syria")  # the name, not the kb: id
    docs = list(extractor.pipe(["Rebels seized the town of Saraqib on Monday.", "Gunmen killed two men in Homs."]))
    assert len(docs) == 2 and docs[0].article.text.startswith("Rebels")


def test_every_test_docs_reliability_names_exists():
    """docs/reliability.md points each guarantee at tests; a renamed or deleted test breaks this."""
    doc = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    current, named = None, 0
    for m in re.finditer(r"`([a-z_/]+\.py)(?:::([a-z_]+))?`|`::([a-z_]+)`", doc):
        if m.group(1):
            current = REPO / "tests" / m.group(1)
            assert current.is_file(), m.group(1)
        name = m.group(2) or m.group(3)
        if name:
            named += 1
            assert f"def {name}(" in current.read_text(encoding="utf-8"), f"{current.name}::{name}"
    assert named >= 20
