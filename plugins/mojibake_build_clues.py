"""Regenerate ``data/mojibake_clues.json`` from the stdlib codecs and the mojibake stage's signs.

Run ``python -m cleanse_plugins.mojibake_build_clues`` after a change to a sign of the stage
(``mojibake.scan_parts``, a pass's ``clue_parts``, ``data/mojibake_damage.tsv``) or to Python's
codecs; tests/test_mojibake_clues.py fails until it is run.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from cleanse_plugins import mojibake, mojibake_clues, mojibake_utf8


def derive() -> dict[str, Any]:
    """What the file must hold: the UTF-8 passes' parts as the codecs give them, and the
    characters that start a sign of the page-wide scan built from those parts."""
    parts = {mojibake_clues.key(legacy.codecs): list(mojibake_utf8.derive_clue_parts(legacy))
             for legacy in (mojibake_utf8.GBK, mojibake_utf8.BIG5)}
    scan = mojibake.scan_parts(mojibake.sign_parts(mojibake_utf8.derive_clue_parts))
    return {"parts": parts, "first": code_ranges(mojibake.first_class(scan))}


def code_ranges(char_class: str) -> list[list[int]]:
    """The code points ``[char_class]`` matches, as [low, high] ranges: every one is tried."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    ranges: list[list[int]] = []
    for char in re.findall(f"[{char_class}]", everything):
        code = ord(char)
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def render(data: dict[str, Any]) -> str:
    """The file's text: ASCII (the parts hold surrogates and controls), a range a line."""
    first = ",\n  ".join(json.dumps(pair) for pair in data["first"])
    parts = json.dumps(data["parts"], indent=1, sort_keys=True).replace("\n", "\n ")
    return f'{{\n "parts": {parts},\n "first": [\n  {first}\n ]\n}}\n'


def main() -> None:
    text = render(derive())
    mojibake_clues.PATH.write_text(text, "ascii")
    print(f"wrote {mojibake_clues.PATH.name}: {len(text)} characters")


if __name__ == "__main__":
    main()
