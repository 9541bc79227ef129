"""Settings: command line > environment (CLEANSE_...) > cleanse.toml / [tool.cleanse] > defaults."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_ORDER: tuple[str, ...] = (
    "decode", "mojibake", "pinyin", "script", "punctuation",
    "boilerplate", "hashtags", "dedupe", "whitespace",
)


@dataclass
class Settings:
    """What the pipeline needs to know: which stages, in which order, configured how.

    ``stages`` runs exactly those stages in that order; otherwise ``order`` (then each third-party
    stage's anchor) decides and ``skip`` removes some. ``stage_config`` maps a stage name to its
    options.
    """

    stages: list[str] | None = None
    skip: list[str] = field(default_factory=list)
    order: tuple[str, ...] = DEFAULT_ORDER
    stage_config: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_line_bytes: int = 16 * 1024 * 1024
    #: An empty input is an error unless this is set (pre-commit hooks set it: an empty file,
    #: such as a .gitkeep, is already clean).
    allow_empty: bool = False


@dataclass
class ConfigFile:
    """The settings found in one file: command-line defaults and per-stage tables."""

    path: Path | None = None
    defaults: dict[str, Any] = field(default_factory=dict)
    stage_tables: dict[str, dict[str, Any]] = field(default_factory=dict)


def find_config_file(start: Path) -> Path | None:
    """The nearest ``cleanse.toml``, or ``pyproject.toml`` with a [tool.cleanse] table, upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / "cleanse.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "tool" in _load(candidate) and "cleanse" in _load(candidate)["tool"]:
            return candidate
    return None


def _load(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: most runs have no config file to read
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None


def read_config_file(path: Path | None, known_keys: set[str], stage_names: set[str]) -> ConfigFile:
    """Read and validate a config file; unknown keys are errors with a "did you mean"."""
    if path is None:
        return ConfigFile()
    data = _load(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleanse", {})
    result = ConfigFile(path=path)
    for key, value in data.items():
        if isinstance(value, dict) and key in stage_names:
            result.stage_tables[key] = value
        elif key.replace("-", "_") in known_keys:
            result.defaults[key.replace("-", "_")] = value
        else:
            import difflib

            close = difflib.get_close_matches(key, [*known_keys, *stage_names], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{path}: unknown setting {key!r}{hint}")
    return result


def split_names(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``"a,b"`` or ``["a", "b"]`` to a list of names."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item.strip()]
