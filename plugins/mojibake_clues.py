"""The mojibake stage's clues as data: what ``mojibake_build_clues`` derived from the codecs.

``data/mojibake_clues.json`` holds the cheap test of UTF-8 misread by each double-byte codec pair
(its class of first characters and the rest of its pattern), and every character that can start
a sign of the stage's page-wide scan, as code point ranges. Deriving the first decodes some
12,000 byte pairs, and compiling the scan takes a 12 kB pattern: a cost every process paid on
its first page, and a short clean text needs neither. tests/test_mojibake_clues.py fails when
the file differs from what the codecs and the patterns give, so it cannot drift.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

PATH = Path(__file__).parent / "data" / "mojibake_clues.json"


def key(codecs: Iterable[str]) -> str:
    """The file's name for the parts of a codec pair."""
    return ",".join(codecs)


@cache
def load() -> dict[str, Any]:
    """The file as it is: ``{"parts": {key: [first, rest]}, "first": [[low, high], ...]}``."""
    data: dict[str, Any] = json.loads(PATH.read_text("ascii"))
    return data


@cache
def first_chars() -> frozenset[str]:
    """Every character that can start a sign of the stage's page-wide scan."""
    return frozenset(chr(code) for low, high in load()["first"] for code in range(low, high + 1))
