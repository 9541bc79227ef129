"""The context rules of the ``punctuation`` stage, as pure functions over one string.

Every decision depends only on what is around a mark, never on the mark's current width, and the
neighbours looked at skip every convertible mark (in either width), quotes and spaces. So both
widths of a mark get the same answer, and converting twice equals converting once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

from cleanse_plugins.later_stages import without_hashtags
from cleanse_plugins.whitespace import EDGE_SPACE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Kind = Literal["han", "latin", "other"] | None
#: What whitespace strips at the end of a line: edge space, and the CR of a CRLF line end.
LINE_END_SPACE = EDGE_SPACE + "\r"
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
# CJK punctuation (、。《》「」【】 and the full-width forms) and kana: full-width context.
CJK_PUNCT_RANGES = ((0x3001, 0x303F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40),
                    (0xFF5B, 0xFF65), (0x3040, 0x30FF), (0x31F0, 0x31FF))


def char_class(ranges: tuple[tuple[int, int], ...], minus: frozenset[str] = frozenset()) -> str:
    """The inside of a regex ``[...]`` for the code point ``ranges`` without the ``minus`` chars."""
    parts = []
    for low, high in ranges:
        start = low
        for cut in sorted(ord(char) for char in minus if low <= ord(char) <= high):
            if start < cut:
                parts.append((start, cut - 1))
            start = cut + 1
        if start <= high:
            parts.append((start, high))
    return "".join(re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
                   for low, high in parts)


HAN_CHARS = char_class(HAN_RANGES)
HAN = re.compile(f"[{HAN_CHARS}]")
CJK_PUNCT = re.compile(f"[{char_class(CJK_PUNCT_RANGES)}]")
# Korean mixes ASCII punctuation with Hangul: neither context, left alone.
CLOSERS = "\u201d\u2019\u300d\u300f "
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
QUOTES_AND_SPACES = "\"'\u2018\u2019\u201c\u201d \t\u3000\u00a0"
# URLs and e-mail addresses stop at white space, parentheses and anything beyond ASCII. HTML
# entities keep their ``;``, also those that lost their ``&`` (``#xff0c;``): with a full-width
# one they would read as a hashtag.
PROTECTED = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[!-'*-~]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|&?#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});|&[A-Za-z][A-Za-z0-9]{1,31};"
)
# Every match of PROTECTED holds one of these: a line without them has nothing to protect.
PROTECTED_HINTS = ("://", "www.", "@", "#", "&")
# In UTF-16-LE, a full-width letter or digit is a high byte 0xFF after a low byte in these
# ranges, at an odd offset.
FULLWIDTH_ALNUM_UTF16 = re.compile(rb"\xff(?<=[\x10-\x19\x21-\x3a\x41-\x5a]\xff)")
# A class first (not a repeat), so that the search skips ahead in C.
FULLWIDTH_ALNUM_RUNS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
                                  "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]*")
FULLWIDTH_ALNUM = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                     *range(0xFF41, 0xFF5B))}
Mode = Literal["auto", "fullwidth", "halfwidth"]
Edits = dict[int, tuple[int, str]]


@dataclass(frozen=True, eq=False)
class Table:
    """ASCII to full-width pairs, from ``data/punctuation.toml``.

    Compared and hashed by identity, so that what is compiled for a table is cached with it."""

    marks: dict[str, str]
    sentence: dict[str, str]
    ellipsis: dict[str, str]
    transparent: frozenset[str] = field(default=frozenset())
    chars: frozenset[str] = field(default=frozenset())

    @classmethod
    def load(cls, text: str | None = None) -> Table:
        if text is None:
            source = resources.files("cleanse_plugins") / "data" / "punctuation.toml"
            text = source.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        marks, sentence, ellipsis = (dict(data.get(key, {})) for key in
                                     ("marks", "sentence", "ellipsis"))
        chars = {char for table in (marks, sentence, ellipsis) for pair in table.items()
                 for form in pair for char in form}
        return cls(marks, sentence, ellipsis, frozenset(chars | set(QUOTES_AND_SPACES)),
                   frozenset(chars))


@dataclass
class Counts:
    to_fullwidth: int = 0
    to_halfwidth: int = 0
    width_folded: int = 0


def kind(char: str) -> Kind:
    if HAN.match(char) or CJK_PUNCT.match(char):
        return "han"
    if char.isalnum() and not HANGUL.match(char):
        return "latin"
    return "other"


class Line:
    """One line being converted: its text, the protected positions, and the edits decided."""

    def __init__(self, text: str, table: Table) -> None:
        self.text = text
        self.table = table
        self.protected: set[int] = set()
        hinted = any(hint in text for hint in PROTECTED_HINTS)
        for match in PROTECTED.finditer(text) if hinted else ():
            end = match.end()
            while text[end - 1] in ".,:;!?" and not text.startswith(("&", "#"), match.start()):
                end -= 1
            self.protected.update(range(match.start(), end))
        self.edits: dict[int, tuple[int, str]] = {}

    def neighbour(self, index: int, step: int) -> Kind:
        """The kind of the nearest character that is not a mark, a quote or a space."""
        text, skip = self.text, self.table.transparent
        index += step
        while 0 <= index < len(text):
            if text[index] not in skip:
                return "latin" if index in self.protected else kind(text[index])
            index += step
        return None

    def context(self, start: int, end: int) -> tuple[Kind, Kind]:
        return self.neighbour(start, -1), self.neighbour(end - 1, 1)

    def edit(self, start: int, end: int, new: str) -> None:
        if self.text[start:end] != new:
            self.edits[start] = (end, new)

    def result(self) -> str:
        return apply_edits(self.text, self.edits)


def apply_edits(text: str, edits: dict[int, tuple[int, str]]) -> str:
    """``text`` with each ``start: (end, new)`` of ``edits`` replaced."""
    parts, last = [], 0
    for start in sorted(edits):
        end, new = edits[start]
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def han_side(left: Kind, right: Kind) -> bool:
    return "han" in (left, right)


def decide(mode: Mode, left: Kind, right: Kind) -> bool | None:
    """True for full width, False for ASCII, None to leave a single mark as it is."""
    if mode == "halfwidth":
        return False
    if han_side(left, right):
        return True
    if left == "latin" and right == "latin":
        return False
    return True if mode == "fullwidth" else None


def decide_pair(mode: Mode, content: str, left: Kind, right: Kind) -> bool | None:
    """Parentheses around Han text are full width, as are those around Latin text between Han
    (``大学(CMU)的`` -> ``大学（CMU）的``); Latin text next to Latin keeps ASCII ones, so a
    full-width parenthesis never sits inside a Latin run: ``Model(LLM)是`` unchanged."""
    if mode == "halfwidth":
        return False
    if HAN.search(content):
        return True
    if "latin" in (left, right):
        return False
    if han_side(left, right):
        return True
    return True if mode == "fullwidth" else None


@lru_cache(maxsize=16)
def _pair_pattern(opening: str, closing: str) -> re.Pattern[str]:
    opening, closing = "(" + opening, ")" + closing
    return re.compile(f"[{re.escape(opening)}]([^{re.escape(opening + closing)}\n]*)"
                      f"[{re.escape(closing)}]")


@lru_cache(maxsize=16)
def _mark_finder(marks: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """A pattern finding the marks in either width."""
    singles = "".join(char for pair in marks for char in pair if len(char) == 1)
    return re.compile(f"[{re.escape(singles)}]") if singles else None


@lru_cache(maxsize=16)
def _sentence_pattern(ascii_: str, full: str) -> re.Pattern[str]:
    single = re.escape(ascii_)
    return re.compile(f"(?<!{single}){single}(?!{single})|{re.escape(full)}")


@lru_cache(maxsize=16)
def _ellipsis_pattern(ascii_: str, full: str) -> re.Pattern[str]:
    return re.compile(f"(?:{re.escape(ascii_)})+|(?:{re.escape(full)})+")


@lru_cache(maxsize=16)
def _to_ascii(marks: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table = {full: ascii_ for ascii_, full in marks}
    table.update((ascii_, ascii_) for ascii_, _ in marks)
    return table


def decide_mark(line: Line, index: int, mode: Mode) -> None:
    """Decide the single mark at ``index`` (one not in a pair of parentheses)."""
    if index in line.protected:
        return
    marks = line.table.marks
    ascii_ = _to_ascii(tuple(marks.items()))[line.text[index]]
    full = decide(mode, *line.context(index, index + 1))
    if full is not None:
        line.edit(index, index + 1, marks[ascii_] if full else ascii_)


def decide_parentheses(line: Line, start: int, end: int, mode: Mode) -> bool:
    """Decide the pair at ``start`` and ``end``; False if it is protected (then each parenthesis
    counts as a single mark)."""
    if start in line.protected or end in line.protected:
        return False
    marks = line.table.marks
    full = decide_pair(mode, line.text[start + 1:end], line.neighbour(start, -1),
                       line.neighbour(end, 1))
    if full is not None:
        line.edit(start, start + 1, marks["("] if full else "(")
        line.edit(end, end + 1, marks[")"] if full else ")")
    return True


def partner(line: Line, index: int) -> int | None:
    """The other parenthesis of the innermost pair (no parenthesis inside) ``index`` is in."""
    marks, text = line.table.marks, line.text
    openings, closings = ("(", marks["("]), (")", marks[")"])
    if text[index] in openings:
        after = [text.find(char, index + 1) for char in (*openings, *closings)]
        other = min((found for found in after if found >= 0), default=-1)
        return other if other >= 0 and text[other] in closings else None
    other = max(text.rfind(char, 0, index) for char in (*openings, *closings))
    return other if other >= 0 and text[other] in openings else None


def convert_pairs(line: Line, mode: Mode) -> set[int]:
    """Decide innermost parenthesis pairs; return the positions decided."""
    marks = line.table.marks
    if "(" not in marks or ")" not in marks:
        return set()
    done: set[int] = set()
    for match in _pair_pattern(marks["("], marks[")"]).finditer(line.text):
        start, end = match.start(), match.end() - 1
        if decide_parentheses(line, start, end, mode):
            done.update((start, end))
    return done


def convert_marks(line: Line, mode: Mode) -> None:
    pattern = _mark_finder(tuple(line.table.marks.items()))
    paired = convert_pairs(line, mode)
    if pattern is None:
        return
    for match in pattern.finditer(line.text):
        if match.start() not in paired:
            decide_mark(line, match.start(), mode)


def sentence_end(text: str, start: int, end: int) -> bool:
    """Right after a Han character, and before the end, Han text or a closing quote. White
    space that ends the line is its end: whitespace strips it (``一.\t`` is ``一.`` then), and
    so is the ``\r`` of a CRLF line end (``一.\r\n`` is ``一.\n``)."""
    if start == 0 or not HAN.match(text[start - 1]):
        return False
    return (end == len(text) or bool(HAN.match(text[end])) or text[end] in CLOSERS
            or not text[end:].strip(LINE_END_SPACE))


def decide_sentence(line: Line, start: int, end: int, mode: Mode, ascii_: str, full: str) -> None:
    """``.`` -> ``。`` only at a sentence end after Han (``01.为什么`` stays); back in halfwidth."""
    if start in line.protected:
        return
    if mode == "halfwidth":
        line.edit(start, end, ascii_)
    elif line.text[start:end] == ascii_ and sentence_end(line.text, start, end):
        line.edit(start, end, full)


def convert_sentence(line: Line, mode: Mode) -> None:
    for ascii_, full in line.table.sentence.items():
        for match in _sentence_pattern(ascii_, full).finditer(line.text):
            decide_sentence(line, *match.span(), mode, ascii_, full)


def decide_ellipsis(line: Line, start: int, end: int, mode: Mode, ascii_: str, full: str) -> None:
    """``...`` after Han -> ``……``; ``……`` inside a Latin run -> ``...``."""
    if start in line.protected:
        return
    text = line.text
    before = kind(text[start - 1]) if start else None
    after = line.neighbour(end - 1, 1)
    if mode == "halfwidth" or (before == "latin" and after == "latin"):
        line.edit(start, end, ascii_)
    elif before == "han" and HAN.match(text[start - 1]):
        line.edit(start, end, full)


Finders = tuple[tuple[str, str, re.Pattern[str]], ...]


def convert_ellipsis(line: Line, mode: Mode, finders: Finders | None = None) -> None:
    """Decide every run ``finders`` find (by default every ellipsis run, in either width)."""
    if finders is None:
        finders = tuple((a, f, _ellipsis_pattern(a, f)) for a, f in line.table.ellipsis.items())
    for ascii_, full, pattern in finders:
        for match in pattern.finditer(line.text):
            decide_ellipsis(line, *match.span(), mode, ascii_, full)


def has_fullwidth_alnum(text: str) -> bool:
    """Whether ``text`` holds a full-width letter or digit.

    A character class over the text costs about ten times a literal the regex skips to in C,
    and 62 ``in`` tests even more, so the UTF-16 bytes are searched for the literal 0xFF."""
    if text.isascii():
        return False
    data = text.encode("utf-16-le", "surrogatepass")
    return any(match.start() % 2 for match in FULLWIDTH_ALNUM_UTF16.finditer(data))


def fold_width(text: str) -> tuple[str, int]:
    """Full-width Latin letters and digits to ASCII: ``ＡＩ２０２３`` -> ``AI2023``.

    Only the runs found are translated: ``str.translate`` over a whole page is slow."""
    if not has_fullwidth_alnum(text):
        return text, 0
    parts, last, folded = [], 0, 0
    for match in FULLWIDTH_ALNUM_RUNS.finditer(text):
        start, end = match.span()
        parts.append(text[last:start])
        parts.append(match.group().translate(FULLWIDTH_ALNUM))
        folded += end - start
        last = end
    parts.append(text[last:])
    return "".join(parts), folded


def _converted(text: str, table: Table, mode: Mode) -> dict[int, tuple[int, str]]:
    line = Line(text, table)
    convert_marks(line, mode)
    convert_sentence(line, mode)
    convert_ellipsis(line, mode)
    return line.edits


def line_edits(original: str, table: Table, mode: Mode,
               converted: Callable[[str], Edits] | None = None) -> Edits:
    """Every edit of one line, each mark judged on its own: the complete rules, for any line.

    ``converted`` gives the edits of a line without regard to hashtags (by default
    ``_converted``, mark by mark)."""
    if converted is None:
        def converted(text: str) -> Edits:
            return _converted(text, table, mode)
    # Marks outside hashtags are judged without the hashtags the hashtags stage removes
    # later (``中#话题#.`` is ``中.``); marks inside them on the line as it is.
    view, kept = without_hashtags(original)
    edits = converted(original)
    if view != original:
        outside = set(kept)
        edits = {start: edit for start, edit in edits.items() if start not in outside}
        for start, (end, new) in converted(view).items():
            if kept[end - 1] - kept[start] == end - 1 - start:  # not split by a hashtag
                edits[kept[start]] = (kept[end - 1] + 1, new)
    return edits


def count_edits(edits: dict[int, tuple[int, str]], full_forms: frozenset[str],
                counts: Counts) -> None:
    for _, new in edits.values():
        if new[0] in full_forms:
            counts.to_fullwidth += 1
        else:
            counts.to_halfwidth += 1
