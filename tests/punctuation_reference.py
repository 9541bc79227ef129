"""The ``punctuation`` stage's rules as they were before the whole-text fast path (reference).

Kept verbatim, only for the differential test and benchmark: the stage's output must stay
byte-identical to this line-by-line implementation. Not part of the package.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

from cleanse_plugins.later_stages import may_have_hashtags, without_hashtags

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Kind = Literal["han", "latin", "other"] | None
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN = re.compile(f"[{HAN_CHARS}]")
# CJK punctuation (、。《》「」【】 and the full-width forms) and kana: full-width context.
CJK_PUNCT = re.compile("[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                       "\u3040-\u30ff\u31f0-\u31ff]")
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
FULLWIDTH_ALNUM_CHARS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
FULLWIDTH_ALNUM = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                     *range(0xFF41, 0xFF5B))}
Mode = Literal["auto", "fullwidth", "halfwidth"]


@dataclass(frozen=True)
class Table:
    """ASCII to full-width pairs, from ``data/punctuation.toml``."""

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
        for match in PROTECTED.finditer(text):
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
def _mark_finder(marks: tuple[tuple[str, str], ...]
                 ) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A pattern finding the marks in either width, and the ASCII form of each full one."""
    to_ascii = {full: ascii_ for ascii_, full in marks}
    singles = "".join(char for pair in marks for char in pair if len(char) == 1)
    return (re.compile(f"[{re.escape(singles)}]") if singles else None), to_ascii


@lru_cache(maxsize=16)
def _sentence_pattern(ascii_: str, full: str) -> re.Pattern[str]:
    single = re.escape(ascii_)
    return re.compile(f"(?<!{single}){single}(?!{single})|{re.escape(full)}")


@lru_cache(maxsize=16)
def _ellipsis_pattern(ascii_: str, full: str) -> re.Pattern[str]:
    return re.compile(f"(?:{re.escape(ascii_)})+|(?:{re.escape(full)})+")


@lru_cache(maxsize=16)
def _unsettled(marks: tuple[tuple[str, str], ...], sentence: tuple[tuple[str, str], ...],
               ellipsis: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """What may change in ``auto`` or ``fullwidth`` mode: every ASCII form, the full-width
    parentheses and ellipsis, and a full-width mark with no Han character right beside it (one
    there makes its context Han, so it stays full width); a full stop only ever becomes full
    width. A line without any of them is left as is."""
    fixed = {full for ascii_, full in marks if len(full) == 1 and ascii_ not in "()"}
    loose = {char for ascii_, full in (*marks, *ellipsis) for char in ascii_ + full} - fixed
    loose |= {char for ascii_, _ in sentence for char in ascii_}
    parts = [f"[{re.escape(''.join(sorted(loose)))}]"] if loose else []
    if fixed:
        parts.append(f"(?<![{HAN_CHARS}])[{re.escape(''.join(sorted(fixed)))}](?![{HAN_CHARS}])")
    return re.compile("|".join(parts) or "(?!x)x")


def convert_pairs(line: Line, mode: Mode) -> set[int]:
    """Decide innermost parenthesis pairs; return the positions decided."""
    marks = line.table.marks
    if "(" not in marks or ")" not in marks:
        return set()
    done: set[int] = set()
    for match in _pair_pattern(marks["("], marks[")"]).finditer(line.text):
        start, end = match.start(), match.end() - 1
        if start in line.protected or end in line.protected:
            continue
        done.update((start, end))
        full = decide_pair(mode, match.group(1), line.neighbour(start, -1),
                           line.neighbour(end, 1))
        if full is not None:
            line.edit(start, start + 1, marks["("] if full else "(")
            line.edit(end, end + 1, marks[")"] if full else ")")
    return done


def convert_marks(line: Line, mode: Mode) -> None:
    marks = line.table.marks
    pattern, to_ascii = _mark_finder(tuple(marks.items()))
    paired = convert_pairs(line, mode)
    if pattern is None:
        return
    for match in pattern.finditer(line.text):
        index, char = match.start(), match.group()
        ascii_ = char if char in marks else to_ascii[char]
        if index in line.protected or index in paired:
            continue
        full = decide(mode, *line.context(index, index + 1))
        if full is not None:
            line.edit(index, index + 1, marks[ascii_] if full else ascii_)


def sentence_end(text: str, start: int, end: int) -> bool:
    """Right after a Han character, and before the end, Han text or a closing quote."""
    if start == 0 or not HAN.match(text[start - 1]):
        return False
    return end == len(text) or bool(HAN.match(text[end])) or text[end] in CLOSERS


def convert_sentence(line: Line, mode: Mode) -> None:
    """``.`` -> ``。`` only at a sentence end after Han (``01.为什么`` stays); back in halfwidth."""
    text = line.text
    for ascii_, full in line.table.sentence.items():
        for match in _sentence_pattern(ascii_, full).finditer(text):
            start, end = match.span()
            if start in line.protected:
                continue
            if mode == "halfwidth":
                line.edit(start, end, ascii_)
            elif match.group() == ascii_ and sentence_end(text, start, end):
                line.edit(start, end, full)


def convert_ellipsis(line: Line, mode: Mode) -> None:
    """``...`` after Han -> ``……``; ``……`` inside a Latin run -> ``...``."""
    text = line.text
    for ascii_, full in line.table.ellipsis.items():
        for match in _ellipsis_pattern(ascii_, full).finditer(text):
            start, end = match.span()
            if start in line.protected:
                continue
            before = kind(text[start - 1]) if start else None
            after = line.neighbour(end - 1, 1)
            if mode == "halfwidth" or (before == "latin" and after == "latin"):
                line.edit(start, end, ascii_)
            elif before == "han" and HAN.match(text[start - 1]):
                line.edit(start, end, full)


def fold_width(text: str) -> tuple[str, int]:
    """Full-width Latin letters and digits to ASCII: ``ＡＩ２０２３`` -> ``AI2023``."""
    if not FULLWIDTH_ALNUM_CHARS.search(text):
        return text, 0
    folded = text.translate(FULLWIDTH_ALNUM)
    return folded, sum(a != b for a, b in zip(text, folded))


def _converted(text: str, table: Table, mode: Mode) -> dict[int, tuple[int, str]]:
    line = Line(text, table)
    convert_marks(line, mode)
    convert_sentence(line, mode)
    convert_ellipsis(line, mode)
    return line.edits


def convert(text: str, table: Table, mode: Mode) -> tuple[str, Counts]:
    """Make the punctuation of ``text`` consistent; return the new text and what was counted."""
    counts = Counts()
    text, counts.width_folded = fold_width(text)
    full_forms = {char for pairs in (table.marks, table.sentence, table.ellipsis)
                  for full in pairs.values() for char in full}
    unsettled = None if mode == "halfwidth" else _unsettled(
        tuple(table.marks.items()), tuple(table.sentence.items()), tuple(table.ellipsis.items()))
    lines = text.split("\n")
    for number, original in enumerate(lines):
        if table.chars.isdisjoint(original):
            continue
        if (unsettled is not None and not unsettled.search(original)
                and not may_have_hashtags(original)):
            continue
        # Marks outside hashtags are judged without the hashtags the hashtags stage removes
        # later (``中#话题#.`` is ``中.``); marks inside them on the line as it is.
        view, kept = without_hashtags(original)
        edits = _converted(original, table, mode)
        if view != original:
            outside = set(kept)
            edits = {start: edit for start, edit in edits.items() if start not in outside}
            for start, (end, new) in _converted(view, table, mode).items():
                if kept[end - 1] - kept[start] == end - 1 - start:  # not split by a hashtag
                    edits[kept[start]] = (kept[end - 1] + 1, new)
        if not edits:
            continue
        for _, new in edits.values():
            if new[0] in full_forms:
                counts.to_fullwidth += 1
            else:
                counts.to_halfwidth += 1
        lines[number] = apply_edits(original, edits)
    return "\n".join(lines), counts
