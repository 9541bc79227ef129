"""Shared test helpers: the CLI runner and sidecar validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner, Result

from cleanse.cli import build_cli
from cleanse.sidecar import schema

ROOT = Path(__file__).resolve().parent.parent


def invoke(args: list[str], stdin: bytes | str | None = None, env: dict[str, str] | None = None
           ) -> Result:
    """Run the CLI in-process; stdout and stderr are kept apart."""
    runner = CliRunner()
    return runner.invoke(build_cli(), args, input=stdin, env=env, catch_exceptions=False)


def validate_sidecar(data: dict[str, Any] | Path) -> dict[str, Any]:
    """Validate a sidecar (a dict or a file) against the shipped JSON Schema and return it."""
    if isinstance(data, Path):
        data = json.loads(data.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema())
    return data


SAMPLES = ROOT / "samples"


def scraped_pages() -> list[Path]:
    """The real scraped pages (UTF-8, labelled line by line), not the made-up encoding samples."""
    return sorted(path for path in (SAMPLES / "raw").glob("*.txt")
                  if (SAMPLES / "labels" / f"{path.stem}.labels.tsv").exists())
