"""The metadata sidecar (schema v1): what was found in a document and what was changed."""

from __future__ import annotations

import json
from itertools import groupby
from operator import attrgetter, methodcaller
from typing import Any

from . import __version__
from .document import Document
from .jsontext import dumps_indented
from .pipeline import Pipeline

STAGE = attrgetter("stage")
TO_DICT = methodcaller("to_dict")
SCHEMA_VERSION = 1
RESERVED = {"schema_version", "tool", "config_hash", "source", "input", "output", "stages",
            "changes", "warnings"}


def sha256(data: bytes) -> str:
    import hashlib  # here, not at the top: a plain run writes no sidecar

    return hashlib.sha256(data).hexdigest()


def build_sidecar(doc: Document, pipeline: Pipeline, output: bytes | None) -> dict[str, Any]:
    """The sidecar of a finished document; ``output`` is None when the document failed.

    Deterministic by construction: no timestamps, no absolute paths (``source`` is the name the
    document was given), and ``dump_sidecar`` sorts keys.
    """
    raw = doc.input_bytes
    input_hash = sha256(raw)
    if output is None:
        output_entry = None
    else:  # an unchanged document (the usual case for clean text) is not hashed twice
        output_entry = {"sha256": input_hash if output == raw else sha256(output),
                        "bytes": len(output)}
    changes: dict[str, Any] = {}
    for stage, group in groupby(doc.changes, key=STAGE):  # a stage's changes come together
        items = list(map(TO_DICT, group))
        entry = changes.get(stage)
        if entry is None:
            changes[stage] = {"count": len(items), "items": items}
        else:
            entry["count"] += len(items)
            entry["items"].extend(items)
    sidecar: dict[str, Any] = {
        key: value for key, value in doc.metadata.items() if key not in RESERVED
    }
    sidecar.update(
        schema_version=SCHEMA_VERSION,
        tool={"name": "cleanse", "version": __version__},
        config_hash=pipeline.config_hash,
        source=doc.source,
        input={"sha256": input_hash, "bytes": len(raw)},
        output=output_entry,
        stages=pipeline.names,
        changes=changes,
        warnings=[warning.to_dict() for warning in doc.warnings],
    )
    sidecar.setdefault("fields", {})
    return sidecar


def output_bytes(doc: Document) -> bytes:
    """The UTF-8 of a finished document's text, reusing the input's bytes when it is unchanged."""
    assert doc.text is not None
    if doc.raw is None and doc.text == doc.original_text:
        return doc.input_bytes
    return doc.text.encode("utf-8")


def dump_sidecar(sidecar: dict[str, Any], *, indent: int | None = 2) -> str:
    """JSON with sorted keys and real characters (not ``\\u`` escapes), one trailing newline."""
    if isinstance(indent, int) and not isinstance(indent, bool) and indent >= 0:
        return dumps_indented(sidecar, indent) + "\n"
    return json.dumps(sidecar, ensure_ascii=False, sort_keys=True, indent=indent) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema that every sidecar validates against."""
    from importlib.resources import files

    return json.loads(files("cleanse").joinpath("schema/sidecar.v1.json").read_text("utf-8"))
