"""Golden files: every page in samples/raw/ is cleaned exactly into samples/clean/ and meta/.

After an intended change, regenerate them and review the diff:

    CLEANSE_REGENERATE=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cleanse.config import Settings
from cleanse.document import Document
from cleanse.pipeline import Pipeline
from cleanse.sidecar import build_sidecar, dump_sidecar
from tests.helpers import validate_sidecar

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RAW = sorted((SAMPLES / "raw").iterdir())
REGENERATE = os.environ.get("CLEANSE_REGENERATE") == "1"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.build(Settings())


def clean(pipeline: Pipeline, data: bytes, name: str) -> tuple[bytes, dict]:
    doc = pipeline.run(Document(source=name, raw=data))
    assert doc.text is not None
    output = doc.text.encode("utf-8")
    return output, build_sidecar(doc, pipeline, output)


@pytest.mark.parametrize("raw", RAW, ids=lambda p: p.name)
def test_golden(pipeline: Pipeline, raw: Path) -> None:
    output, sidecar = clean(pipeline, raw.read_bytes(), raw.name)
    clean_path = SAMPLES / "clean" / raw.name
    meta_path = SAMPLES / "meta" / f"{raw.name}.meta.json"
    if REGENERATE:
        clean_path.parent.mkdir(exist_ok=True)
        meta_path.parent.mkdir(exist_ok=True)
        clean_path.write_bytes(output)
        meta_path.write_text(dump_sidecar(sidecar), encoding="utf-8")
    assert output.decode("utf-8") == clean_path.read_text(encoding="utf-8")
    assert sidecar == json.loads(meta_path.read_text(encoding="utf-8"))
    validate_sidecar(sidecar)


@pytest.mark.parametrize("raw", RAW, ids=lambda p: p.name)
def test_cleaning_twice_is_cleaning_once(pipeline: Pipeline, raw: Path) -> None:
    once, _ = clean(pipeline, raw.read_bytes(), raw.name)
    twice, sidecar = clean(pipeline, once, raw.name)
    assert twice.decode("utf-8") == once.decode("utf-8")
    assert sidecar["changes"] == {}
