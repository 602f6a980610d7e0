"""The JSON Schema of `sitrep.document/1`, generated from the document model.

    python -m sitrep.schema > docs/schema/document.schema.json

A test fails when the committed schema differs from the model, so the two cannot drift.
"""

from __future__ import annotations

import json
from functools import lru_cache

from sitrep.model import SCHEMA_ID, Document


@lru_cache(maxsize=1)
def document_schema() -> dict:
    schema = Document.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://sitrep.invalid/schema/{SCHEMA_ID}"
    schema["title"] = SCHEMA_ID
    return schema


def validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(document_schema())


if __name__ == "__main__":
    print(json.dumps(document_schema(), indent=2))
