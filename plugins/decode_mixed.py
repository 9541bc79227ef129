"""Files made of parts in different encodings, decoded line by line in runs.

A UTF-8 page with pasted GBK lines, or a Big5 page followed by a GBK page, has no single right
encoding. Each line gets a cost under each candidate encoding (impossible when it does not decode,
otherwise its implausible characters), and a Viterbi pass picks the cheapest encoding per line
with a price on every switch, so that runs stay long and a short ambiguous line follows its
neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleanse_plugins.decode_detect import (
    Family,
    decode_text,
    decode_with,
    families,
    family_of,
)
from cleanse_plugins.decode_score import BEST, classes, plausibility, summary

#: Price of switching encodings between two lines, in implausible characters.
SWITCH_COST = 6.0
INFINITE = float("inf")
#: A line of text in the right encoding rarely scores below this (see ``decode_score``); a
#: decoding with such lines may be a mixed file, worth the line-by-line pass.
SUSPECT_LINE = 1.1
#: Lines with fewer characters that tell encodings apart prove nothing either way.
SUSPECT_MIN_CHARS = 4
#: Characters a legacy codec maps stray bytes to (C1 controls, private use): no line of text
#: holds them, so a line decoded into them counts as undecodable in that encoding.
IMPOSSIBLE = re.compile("[\x80-\x9f\ue000-\uf8ff]")


@dataclass
class Run:
    """Lines ``first``..``last`` (1-based) decoded with ``encoding``."""

    first: int
    last: int
    encoding: str
    confidence: float
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"lines": [self.first, self.last], "encoding": self.encoding,
                "confidence": self.confidence}


def split_lines(data: bytes) -> list[bytes]:
    """Lines of ``data`` with their ``\\n`` kept, so that joining them gives ``data`` back."""
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _line_cost(line: bytes, family: Family) -> tuple[float, float]:
    """(cost, plausibility) of decoding ``line`` with ``family``; infinite if it cannot."""
    if line.isascii():
        return 0.0, 1.0
    text = decode_text(line, family)
    if text is None or (family.language and IMPOSSIBLE.search(text)):
        return INFINITE, 0.0
    if family.name == "utf-8":
        return 0.0, 1.0
    value, count = plausibility(text, family.language)
    return count * (BEST - value), value


def doubtful(data: bytes, text: str, family: Family) -> bool:
    """Whether some line of ``text`` (``data`` decoded with ``family``) is better in another
    encoding: the sign of a mixed file that one encoding happens to decode whole.

    GB18030 decodes nearly any bytes, so a GBK page with pasted EUC-KR or UTF-8 lines decodes
    cleanly as GB18030 and only the lines tell. One C-level pass classifies the characters; only
    the lines that look poor in ``family`` are decoded again in the other encodings.
    """
    classified = classes(text, family.language)
    if len(classified) < SUSPECT_MIN_CHARS:
        return False
    byte_lines: list[bytes] | None = None
    others = [other for other in _other_families() if other.name != family.name]
    for index, line in enumerate(classified.split("\n")):
        if len(line) < SUSPECT_MIN_CHARS:
            continue
        value, _ = summary(line)
        if value >= SUSPECT_LINE:
            continue
        if byte_lines is None:
            byte_lines = data.split(b"\n")
        raw = byte_lines[index]
        own = _line_cost(raw, family)[0]
        if any(_line_cost(raw, other)[0] < own for other in others):
            return True
    return False


def _other_families() -> list[Family]:
    return [family_of("utf-8"), *families().values()]


def choose_path(costs: list[list[float]]) -> list[int]:
    """The cheapest sequence of encoding indexes, one per line, paying SWITCH_COST per change."""
    states = len(costs[0])
    total = list(costs[0])
    back: list[list[int]] = []
    for row in costs[1:]:
        best = min(range(states), key=total.__getitem__)
        pointers, new = [], []
        for state in range(states):
            stay, switch = total[state], total[best] + SWITCH_COST
            pointers.append(state if stay <= switch else best)
            new.append(min(stay, switch) + row[state])
        back.append(pointers)
        total = new
    path = [min(range(states), key=total.__getitem__)]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return path[::-1]


def decode_runs(data: bytes, names: list[str]) -> list[Run] | None:
    """Decode ``data`` in runs of lines, each in the cheapest of ``names``.

    Returns None when some line decodes in none of them.
    """
    families = [family_of(name) for name in dict.fromkeys(names)]
    lines = split_lines(data)
    table = [[_line_cost(line, family) for family in families] for line in lines]
    costs = [[cost for cost, _ in row] for row in table]
    if not lines or any(min(row) == INFINITE for row in costs):
        return None
    path = choose_path(costs)
    runs: list[Run] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines) and path[index] == path[start]:
            continue
        family = families[path[start]]
        decoded = decode_with(b"".join(lines[start:index]), family)
        assert decoded is not None, "every line of the run decodes"
        values = [table[i][path[start]][1] for i in range(start, index) if not lines[i].isascii()]
        confidence = round(max(0.0, min(1.0, sum(values) / len(values))) if values else 1.0, 3)
        if runs and runs[-1].encoding == decoded[0]:
            last = runs.pop()
            runs.append(Run(last.first, index, last.encoding,
                            min(last.confidence, confidence), last.text + decoded[1]))
        else:
            runs.append(Run(start + 1, index, decoded[0], confidence, decoded[1]))
        start = index
    return runs
