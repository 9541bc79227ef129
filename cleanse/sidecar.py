"""The metadata sidecar (schema v1): what was found in a document and what was changed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import __version__
from .document import Document
from .pipeline import Pipeline

SCHEMA_VERSION = 1
RESERVED = {"schema_version", "tool", "config_hash", "source", "input", "output", "stages",
            "changes", "warnings"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_sidecar(doc: Document, pipeline: Pipeline, output: bytes | None) -> dict[str, Any]:
    """The sidecar of a finished document; ``output`` is None when the document failed.

    Deterministic by construction: no timestamps, no absolute paths (``source`` is the name the
    document was given), and ``dump_sidecar`` sorts keys.
    """
    raw = doc.input_bytes
    changes: dict[str, Any] = {}
    for change in doc.changes:
        entry = changes.setdefault(change.stage, {"count": 0, "items": []})
        entry["count"] += 1
        entry["items"].append(change.to_dict())
    sidecar: dict[str, Any] = {
        key: value for key, value in doc.metadata.items() if key not in RESERVED
    }
    sidecar.update(
        schema_version=SCHEMA_VERSION,
        tool={"name": "cleanse", "version": __version__},
        config_hash=pipeline.config_hash,
        source=doc.source,
        input={"sha256": sha256(raw), "bytes": len(raw)},
        output=None if output is None else {"sha256": sha256(output), "bytes": len(output)},
        stages=pipeline.names,
        changes=changes,
        warnings=[warning.to_dict() for warning in doc.warnings],
    )
    sidecar.setdefault("fields", {})
    return sidecar


def dump_sidecar(sidecar: dict[str, Any], *, indent: int | None = 2) -> str:
    """JSON with sorted keys and real characters (not ``\\u`` escapes), one trailing newline."""
    return json.dumps(sidecar, ensure_ascii=False, sort_keys=True, indent=indent) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema that every sidecar validates against."""
    from importlib.resources import files

    return json.loads(files("cleanse").joinpath("schema/sidecar.v1.json").read_text("utf-8"))
