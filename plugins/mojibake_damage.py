"""Damage nothing can undo: 锟斤拷, 烫烫烫, 屯屯屯 and U+FFFD runs, found, flagged, removed on request.

The patterns live in ``data/mojibake_damage.tsv`` (a warning code, the characters a run starts
with, and a regular expression, a line), so a corpus with its own damage needs no code change.

>>> [(flag.code, flag.start, flag.end) for flag in find("好锟斤拷锟斤拷的\\ufffd\\ufffd")]
[('replacement-roundtrip', 1, 7), ('replacement-chars', 8, 10)]
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from cleanse_plugins.mojibake_edits import Flag

_MESSAGES = {
    "replacement-roundtrip": "replacement characters saved as UTF-8 and read back as GBK",
    "uninitialised-memory": "uninitialised memory (MSVC debug fill) read as GBK",
    "replacement-chars": "bytes an earlier decoder could not read",
}


@cache
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = files("cleanse_plugins").joinpath("data/mojibake_damage.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in data.splitlines()
            if line.strip() and not line.startswith("#")]
    return tuple((code, re.compile(regex.strip())) for code, _, regex in rows)


@cache
def clue_parts() -> tuple[str, str]:
    """The characters a damaged run starts with (one class: a fast scan), and no more pattern."""
    data = files("cleanse_plugins").joinpath("data/mojibake_damage.tsv").read_text("utf-8")
    chars = "".join(line.split("\t")[1] for line in data.splitlines()
                    if line.strip() and not line.startswith("#"))
    chars = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), chars)
    return "".join(re.escape(c) for c in chars), ""


@cache
def triggers() -> re.Pattern[str]:
    return re.compile(f"[{clue_parts()[0]}]")


def find(text: str) -> list[Flag]:
    """Every damaged run in ``text``, in order of position."""
    if triggers().search(text) is None:
        return []
    flags = []
    for code, pattern in patterns():
        for match in pattern.finditer(text):
            message = f"{_MESSAGES.get(code, code)}: {match.group()!r} is unrecoverable"
            flags.append(Flag(match.start(), match.end(), code, message))
    return sorted(flags, key=lambda flag: flag.start)
