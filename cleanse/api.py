"""The Python API: ``clean()`` for one document, ``make_pipeline()`` to reuse a pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .config import Settings, split_names
from .document import Document
from .pipeline import Pipeline, collect_stages
from .plugins import plugin_manager


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and its sidecar metadata (the same dict the CLI writes as JSON)."""

    text: str
    metadata: dict[str, Any]


def settings_from_options(options: dict[str, Any]) -> Settings:
    """Turn ``clean()``-style keyword options into Settings.

    ``stages``/``skip`` take lists or comma-separated names, ``config`` takes per-stage tables
    (``{"script": {"to": "traditional"}}``), and any stage option can be given by its
    command-line name (``to="traditional"``, ``punctuation="keep"``).
    """
    options = dict(options)
    settings = Settings(
        stages=split_names(options.pop("stages", None)) or None,
        skip=split_names(options.pop("skip", None)),
    )
    stage_config: dict[str, dict[str, Any]] = {
        name: dict(table) for name, table in (options.pop("config", None) or {}).items()
    }
    by_param = {
        option.param_name: (info.cls.name, option.key)
        for info in collect_stages(plugin_manager()).values()
        for option in info.cls.options
    }
    for param, value in options.items():
        if param not in by_param:
            from .errors import ConfigError

            raise ConfigError(f"unknown option {param!r}; known: {', '.join(sorted(by_param))}")
        stage, key = by_param[param]
        stage_config.setdefault(stage, {})[key] = value
    settings.stage_config = stage_config
    return settings


def make_pipeline(**options: Any) -> Pipeline:
    """Build a pipeline once and reuse it: ``make_pipeline(to="keep").run(Document(...))``."""
    return Pipeline.build(settings_from_options(options))


@lru_cache(maxsize=16)
def _cached_pipeline(key: str) -> Pipeline:
    import json

    return make_pipeline(**json.loads(key))


def clean(data: str | bytes, *, source: str = "<text>", **options: Any) -> CleanResult:
    """Clean one document (text, or bytes in any encoding) and return text and metadata.

    Raises ``InputError`` for input that cannot be cleaned (binary, undecodable), ``ConfigError``
    for bad options and ``StageError`` when a stage fails; nothing else.
    """
    import json

    from .sidecar import build_sidecar, output_bytes

    pipeline = _cached_pipeline(json.dumps(options, sort_keys=True, default=list))
    doc = pipeline.run(Document.from_input(data, source=source))
    assert doc.text is not None
    return CleanResult(doc.text, build_sidecar(doc, pipeline, output_bytes(doc)))
