"""Spaces beside full-width punctuation: ``速度， 我们`` -> ``速度，我们``, ``时候 ，很多`` -> ``时候，很多``.

A full-width mark carries its own spacing (GB/T 15834), so a space beside it is a leftover of a
text half converted (``速度, 我們``: punctuation widens the comma, the space stays) or typed by
hand. Only spaces that cannot matter to an earlier stage go, so that a second cleaning sees
what the first one judged:

- before and after ``，、；：？！。`` and after a closing bracket ``）》】」』〉〕``;
- before an opening bracket only after a Latin letter or digit (``Talent （超级人才）``): after
  Han a bracket may hold an inline reading, which ``pinyin`` judges by what touches the
  character (``創 (chuàng)`` is not one), and inside brackets nothing goes for the same reason;
- never on a line with a hashtag or cashtag mark (``#`` opens an entity that lost its ``&``
  too): whether ``#话题， #`` is a hashtag depends on that space;
- only between a mark and ASCII or CJK text (``信息，\xa0OpenAI``): beside a Latin-1 or cp1252
  character a space may be byte A0 of Latin mojibake to the mojibake stage (``Ä 。`` is repaired
  only once the space is gone, so taking it would leave a second cleaning a repair), so
  ``他说： “你好”`` keeps its space;
- a no-break space only on a line without any Latin-1 or cp1252 character: there it is byte A0
  to the mojibake repair wherever it stands (``。\xa0@æ–‡å\xad—`` is repaired once it is gone);
- ASCII and no-break spaces only: an ideographic space inside a line is layout (``一、　总则``);
  a line's ends are whitespace's own business.
"""

from __future__ import annotations

import re
from functools import cache

from cleanse_plugins.boilerplate_text import lines_with

_STOPS = "，、；：？！。"
_CLOSING = "）》】」』〉〕"
_OPENING = "（《【「『〈〔"
_SPACES = " \u00a0"
#: What may stand beyond a no-break space that goes: ASCII, CJK punctuation, kana, Han, full-width
#: forms (no Latin-1 or cp1252 character that mojibake could read the space's byte with).
_SAFE = "!-~\u3000-\u9fff\uff00-\uffef"
_HASHTAG_MARKS = "#＃$＄"
#: Latin-1 and cp1252 characters but the no-break space: the letters of Latin mojibake.
_LATIN_1 = "\u0080-\u009f\u00a1-\u02ff\u2013-\u203a\u20ac\u2122"


@cache
def _loose(spaces: str) -> re.Pattern[str]:
    """The ``spaces`` that go (``tighten``): a run between a mark and a ``_SAFE`` character.
    Compiled on first use, as the other patterns here: their classes cost milliseconds of every
    start-up otherwise."""
    return re.compile(f"(?<=[{_STOPS}{_CLOSING}])[{spaces}]+(?=[{_SAFE}])"
                      f"|(?<=[{_SAFE}])[{spaces}]+(?=[{_STOPS}])"
                      f"|(?<=[A-Za-z0-9])[{spaces}]+(?=[{_OPENING}])")


@cache
def _latin_1() -> re.Pattern[str]:
    return re.compile(f"[{_LATIN_1}]")


@cache
def _near(space: str) -> re.Pattern[str]:
    """Where ``_loose`` may match: ``space`` beside a mark. The space comes first, a literal the
    search skips ahead to in C (a class of the marks first costs about t2s's time on a page)."""
    return re.compile(f"{space}(?<=[{_STOPS}{_CLOSING}]{space})|{space}(?=[{_STOPS}{_OPENING}])")


@cache
def _hashtag_or_hangul() -> re.Pattern[str]:
    return re.compile(f"[{_HASHTAG_MARKS}\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def may_tighten(text: str) -> bool:
    """False when no line of ``text`` has a space ``tighten`` would take: a C-level search for
    each kind of space the text holds."""
    return any(space in text and _near(space).search(text) is not None for space in _SPACES)


def tighten_lines(lines: list[str]) -> list[str]:
    """``tighten`` of every line; only the lines a page-wide search finds are looked at."""
    text = "\n".join(lines)
    found = {index for space in _SPACES if space in text
             for index in lines_with(_near(space), text)}
    if not found:
        return lines
    tightened = list(lines)
    for index in found:
        tightened[index] = tighten(lines[index])
    return tightened


def tighten(line: str) -> str:
    """``line`` without the spaces beside its full-width marks (see the module docstring). A
    Korean line stays as it is: punctuation leaves Korean alone too."""
    if not may_tighten(line) or _hashtag_or_hangul().search(line):
        return line
    spaces = " " if "\u00a0" in line and _latin_1().search(line) else _SPACES
    return _loose(spaces).sub("", line)
