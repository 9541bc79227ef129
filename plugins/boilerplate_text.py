"""Line folding and normalization shared by ``boilerplate``, ``dedupe`` and ``cleanse learn``.

Rules are written once, in simplified Chinese with ASCII punctuation, and must match a page
whatever its script and punctuation width; so every line is *folded* before matching: width
forms to ASCII (NFKC on non-ASCII characters) and traditional to simplified (OpenCC ``t2s``).

>>> fold("來源：雪球")
'来源:雪球'
>>> normalize("查看: 1024") == normalize("查看：265")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import Any

#: Punctuation that ends or splits a sentence, after folding (full-width forms become ASCII).
SENTENCE_PUNCT = frozenset(",.!?;:。、…")
_DIGITS = re.compile(r"\d+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # heavy: only when a stage really folds text

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _t2s_char(char: str) -> str:
    converted: str = _converter().convert(char)
    return converted if len(converted) == 1 else char


def _width_fold(line: str) -> tuple[str, list[int]]:
    if line.isascii():
        return line, list(range(len(line)))
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(line):
        folded = char if char.isascii() else unicodedata.normalize("NFKC", char)
        out.append(folded)
        index.extend([position] * len(folded))
    return "".join(out), index


def fold_with_index(line: str) -> tuple[str, list[int]]:
    """Fold ``line`` and map every folded character back to its position in ``line``.

    The map lets a rule extract a field from the page's own characters, not the folded ones.
    """
    folded, index = _width_fold(line)
    if folded.isascii():
        return folded, index
    converted: str = _converter().convert(folded)
    if len(converted) != len(folded):  # a phrase conversion changed the length: go char by char
        converted = "".join(_t2s_char(char) for char in folded)
    return converted, index


def fold(line: str) -> str:
    """Width- and script-insensitive form of ``line``, for matching."""
    return fold_with_index(line)[0]


def normalize(line: str) -> str:
    """CCNet-style key of a line: folded, lower case, digit runs to 0, no punctuation or space.

    CCNet maps every digit to 0; here a digit *run* becomes one 0 so that counters of any size
    (``查看: 265``, ``查看: 1024``) give one template line.
    """
    text = _DIGITS.sub("0", fold(line).lower())
    return "".join(
        char for char in text
        if not char.isspace() and unicodedata.category(char)[0] not in "PSC"
    )


def line_hash(line: str) -> str:
    """Hash of the normalized line, as written by ``cleanse learn`` (16 hex digits)."""
    return hash_normalized(normalize(line))


def hash_normalized(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def weight(folded: str) -> int:
    """Visible size of a line: each Han character and each Latin word or number counts one."""
    latin = _LATIN_WORD.findall(folded)
    rest = _LATIN_WORD.sub("", folded)
    return len(latin) + sum(1 for char in rest if unicodedata.category(char)[0] == "L")


def has_sentence_punct(folded: str) -> bool:
    return any(char in SENTENCE_PUNCT for char in folded)
