"""Files made of parts in different encodings, decoded line by line in runs.

A UTF-8 page with pasted GBK lines, or a Big5 page followed by a GBK page, has no single right
encoding. Each line gets a cost under each candidate encoding (impossible when it does not decode,
otherwise how unlikely its characters are in the encoding's language, plus signs of a wrong
reading in how the script is written), and a Viterbi pass picks the cheapest encoding per line
with a price on every switch, so that runs stay long and a short ambiguous line follows its
neighbours. Files that one encoding decodes whole get this pass only when ``doubtful`` finds
lines that another encoding reads better.
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
from cleanse_plugins.decode_score import (
    BEST,
    COMMON,
    FREQUENT,
    RARE,
    classes,
    summary,
    surprise,
)

#: Price of switching encodings between two lines, in implausible characters.
SWITCH_COST = 6.0
INFINITE = float("inf")
#: Per line and rank of the candidate: breaks ties, never outweighs a character.
TIE_BREAK = 1e-3
#: A line of text in the right encoding rarely scores below this plausibility (see
#: ``decode_score``); a decoding with such lines may be a mixed file, worth a second look.
SUSPECT_LINE = 1.1
#: Three lines (the shortest run of a mixed file) together below this are worth the second
#: look too: one line may be too short to tell.
WINDOW = 3
SUSPECT_WINDOW = 1.15
#: ``doubtful`` counts only common and frequent characters, line by line, and takes every other
#: character as rare (the usual one: controls and private use make a line undecodable anyway).
_OTHER_WEIGHT = RARE
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
    classified = classes(text, family.language)
    return surprise(classified) + structure_cost(text, family.language), summary(classified)[0]


#: Signs of a wrong reading in the way a script is written, each costing about as much as a
#: rare character (``decode_score.surprise``): Han characters between single spaces (Korean
#: spaces its words, Chinese and Japanese do not: EUC-KR read as GBK), a lone katakana or a
#: kana word that starts with a small kana, ``ン`` or ``ー`` (Big5 read as EUC-JP gives kana
#: scattered among Han characters), Hangul words far longer than Korean ones (GBK read as
#: EUC-KR gives Hangul without spaces, line after line), and Japanese with several Han
#: characters but no kana at all (GBK read as EUC-JP).
STRUCTURE_COST = 4.0
LONG_HANGUL_WORD = 6
LONG_HANGUL_COST = 1.0
_SPACED_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff] (?=[\u3400-\u9fff\uf900-\ufaff])")
_ODD_KANA = re.compile(
    r"(?<![\u30a1-\u30ff])[\u30a1-\u30fa](?![\u30a1-\u30ff])"  # a lone katakana
    r"|(?<![\u3041-\u30ff])[\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e"
    r"\u3093\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f3\u30fc]"
)
_KANA = re.compile("[\u3041-\u30ff]")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
KANA_LESS_HAN = 4
#: Half a sign only: Japanese titles and terms are written in Han characters alone too.
KANA_LESS_COST = 2.0
_HANGUL_WORD = re.compile(
    rf"[\uac00-\ud7a3\u3400-\u9fff\uf900-\ufaff]{{{LONG_HANGUL_WORD + 1},}}")


def structure_cost(text: str, language: str | None) -> float:
    """The cost of the signs of a wrong reading in ``text`` read as ``language`` (see above)."""
    if language in ("zh-hans", "zh-hant", "ja"):
        cost = STRUCTURE_COST * len(_SPACED_HAN.findall(text))
        if language == "ja":
            cost += STRUCTURE_COST * len(_ODD_KANA.findall(text))
            if not _KANA.search(text) and len(_HAN.findall(text)) >= KANA_LESS_HAN:
                cost += KANA_LESS_COST
        return cost
    if language == "ko":
        return LONG_HANGUL_COST * sum(len(word) - LONG_HANGUL_WORD
                                      for word in _HANGUL_WORD.findall(text))
    return 0.0


def doubtful(data: bytes, text: str, family: Family) -> bool:
    """Whether some lines of ``text`` (``data`` decoded with ``family``) are better in another
    encoding: the sign of a mixed file that one encoding happens to decode whole.

    GB18030 decodes nearly any bytes, so a GBK page with pasted EUC-KR or UTF-8 lines decodes
    cleanly as GB18030 and only the lines tell. One C-level pass classifies the characters; the
    lines that look poor in ``family``, alone or with their neighbours (a run of three Korean
    lines read as Chinese gives common characters, but seldom frequent ones), are decoded
    again in the other encodings, and only those.
    """
    classified = classes(text, family.language)
    if len(classified) < SUSPECT_MIN_CHARS:
        return False
    frequent_weight = BEST
    scored = []  # (line index, weight, characters) of the lines with characters that tell
    for index, line in enumerate(classified.split("\n")):
        if line:
            frequent, common = line.count(FREQUENT), line.count(COMMON)
            other = len(line) - frequent - common
            scored.append((index, frequent * frequent_weight + common + other * _OTHER_WEIGHT,
                           len(line)))
    poor = {index for index, weight, count in scored
            if count >= SUSPECT_MIN_CHARS and weight < SUSPECT_LINE * count}
    for first, second, third in zip(scored, scored[1:], scored[2:]):  # windows of WINDOW lines
        if (first[1] + second[1] + third[1]
                < SUSPECT_WINDOW * (first[2] + second[2] + third[2])):
            poor.update((first[0], second[0], third[0]))
    if not poor:
        return False
    byte_lines = data.split(b"\n")
    others = [other for other in _other_families() if other.name != family.name]
    for index in sorted(poor):
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
    # A line equally plausible in two encodings goes with the one ranked first for the file
    # (ASCII lines, alike in all, are left to the switches around them).
    costs = [[cost + (0.0 if line.isascii() else TIE_BREAK * rank)
              for rank, (cost, _) in enumerate(row)] for line, row in zip(lines, table)]
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
