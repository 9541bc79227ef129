"""``--to simplified``: OpenCC ``t2s``, line by line, with the only departures idempotence needs.

``t2s`` is idempotent on real text but not everywhere. Measured with OpenCC 1.4.2 by running it
twice on the sample pages, CPython's ``cjkencodings`` texts and every key and value of OpenCC's
own dictionaries (130,803 lines): its second run changed nothing on the pages and the
``cjkencodings`` texts, and changed 91 dictionary lines (65 distinct), all of one of two kinds:

- a ``TSPhrases`` entry keeps a character that ``t2s`` changes on its own (畢昇 -> 毕昇, but
  毕昇 -> 毕升; 乾清宮 -> 乾清宫 -> 干清宫; 於梨華, 變徵, 吳祕, 蒐獵, 楊聯陞...);
- a chain of two character mappings (薴 -> 苧 -> 苎, 麼 -> 麽 -> 么; 不可貲計 -> 不可赀計 -> ...).

So the stage's result for a line ``x`` is ``t2s(x)``, except in those cases:

1. ``x`` is already what ``t2s`` outputs (no traditional-only character, and
   ``t2s(s2t(x)) == x``) although ``t2s`` would change it: ``x`` is kept. This is clean
   simplified text that ``t2s`` would damage (毕昇 stays, not 毕升), and it is what makes
   ``t2s``'s own output (畢昇 -> 毕昇) stable.
2. ``t2s(x)`` is neither a fixed point of ``t2s`` nor such a kept line: ``t2s`` is applied again
   until it is (薴 -> 苎).

Every result is a fixed point of the rule, so converting cleaned text again changes nothing.
Only lines holding one of a few characters (乾, 於, 昇... ``AMBIGUOUS_TRADITIONAL``) or one of
the ``T2S_PHRASES`` can fall under 1 or 2; the rest is plain ``t2s`` output.

Cost: a text with no character ``t2s`` changes on its own and none of the phrases it rewrites
(``script_charsets``) is its own ``t2s`` conversion, which one scan proves; otherwise only the
lines that have one are converted, or the whole text at once when most lines do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from cleanse_plugins.script_charsets import (
    AMBIGUOUS_TRADITIONAL,
    T2S_ALSO_CHANGED,
    T2S_PHRASE_CHARS,
    T2S_PHRASES,
    TRADITIONAL,
)
from cleanse_plugins.script_count import CharClass

#: Characters t2s changes on their own, and those its phrases without one rewrite (沈 in 深沈):
#: a text with none of them is its own t2s conversion.
TRIGGERS = CharClass(TRADITIONAL + T2S_ALSO_CHANGED + T2S_PHRASE_CHARS)
#: Characters t2s changes on their own: a line with a trigger but none of them (坏, 沈, 覆 are
#: common in simplified text) changes only if it has one of the phrases.
CHANGED = CharClass(TRADITIONAL + T2S_ALSO_CHANGED)
#: Characters t2s changes on their own and may also output (kept in a phrase).
AMBIGUOUS = CharClass(AMBIGUOUS_TRADITIONAL)
#: What a line that may be unsettled has (see ``unsettled``): scanned for on whole texts.
SUSPECTS = CharClass(AMBIGUOUS_TRADITIONAL + T2S_PHRASE_CHARS)
TRADITIONAL_ONLY = CharClass(TRADITIONAL)
PHRASES = re.compile("|".join(sorted(T2S_PHRASES, key=len, reverse=True)))
COMPATIBILITY = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")
#: Rounds of case 2 before giving up (the longest chain measured takes one).
SETTLE_ROUNDS = 4
#: Above this share of lines to convert, one call on the whole text is cheaper.
DENSE = 8

Convert = Callable[[str], str]


class Simplified(NamedTuple):
    """A conversion, and what lets the caller count without scanning the whole text again."""

    text: str
    picked: str | None
    """The input lines that hold a trigger, joined (all of the text's traditional-only
    characters are there), or ``None`` when the whole text was converted."""
    changed: list[tuple[str, str]] | None
    """(before, after) of each changed line, or ``None`` when the whole text was converted."""


def may_change(text: str, astral: bool) -> bool:
    """Whether ``t2s`` may change ``text``; ``False`` proves ``t2s(text) == text``."""
    return TRIGGERS.search(text, astral)


def unsettled(line: str) -> bool:
    """Whether ``line`` can fall under case 1 or 2 (see the module docstring)."""
    return AMBIGUOUS.search(line, False) or (SUSPECTS.search(line, False)
                                             and PHRASES.search(line) is not None)


class Simplifier:
    """Applies the rule above with the converters given (``t2s``; ``s2t`` then ``t2s``)."""

    def __init__(self, t2s: Convert, round_trip: Callable[[], Convert]) -> None:
        self.t2s = t2s
        self._round_trip_factory = round_trip
        self._round_trip: Convert | None = None
        self.unsettled_lines: list[int] = []
        """Lines (1-based) whose case 2 did not end within ``SETTLE_ROUNDS``, of the last call."""

    def is_output(self, line: str) -> bool:
        """Whether ``line`` is already ``t2s`` output: no traditional-only or compatibility
        character, and a round trip through traditional gives it back."""
        if TRADITIONAL_ONLY.search(line, True) or COMPATIBILITY.search(line):
            return False
        if self._round_trip is None:
            self._round_trip = self._round_trip_factory()
        return self._round_trip(line) == line

    def settle(self, line: str, converted: str, number: int) -> str:
        """The result for ``line`` whose ``t2s`` conversion ``converted`` differs from it."""
        if self.is_output(line):
            return line
        for _ in range(SETTLE_ROUNDS):
            if not unsettled(converted):
                return converted
            again = self.t2s(converted)
            if again == converted or self.is_output(converted):
                return converted
            converted = again
        self.unsettled_lines.append(number)
        return converted

    def __call__(self, text: str, astral: bool, traditional: int | None = None) -> Simplified:
        """``traditional``: the count of traditional-only characters, if known; more than one
        a line means traditional text, converted whole without looking for its lines."""
        self.unsettled_lines = []
        if not may_change(text, astral):
            return Simplified(text, "", [])
        lines = text.split("\n")
        if traditional is not None and traditional > len(lines):
            return Simplified(self.whole(text, lines, astral), None, None)
        picked = TRIGGERS.lines(text, astral, limit=len(lines) // DENSE + 16)
        if picked is None:
            return Simplified(self.whole(text, lines, astral), None, None)
        chosen = [index for index in sorted(picked) if CHANGED.search(lines[index], astral)
                  or PHRASES.search(lines[index]) is not None]
        if not chosen:
            return Simplified(text, "", [])
        source = "\n".join(lines[i] for i in chosen)
        changed = []
        for index, new in zip(chosen, self.t2s(source).split("\n")):
            old = lines[index]
            if new != old:
                if unsettled(old) or unsettled(new):
                    new = self.settle(old, new, index + 1)
                if new != old:
                    lines[index] = new
                    changed.append((old, new))
        return Simplified("\n".join(lines) if changed else text, source, changed)

    def whole(self, text: str, lines: list[str], astral: bool) -> str:
        """Convert the whole text in one call; check only the lines that can be unsettled: a
        line kept as t2s output has no traditional-only character, so in traditional text
        mostly the converted lines are looked at."""
        converted = self.t2s(text)
        check = SUSPECTS.lines(converted, False) or set()
        check.update(index for index in SUSPECTS.lines(text, False) or ()
                     if not TRADITIONAL_ONLY.search(lines[index], astral))
        if not check:
            return converted
        out = converted.split("\n")
        for index in sorted(check):
            old, new = lines[index], out[index]
            if new != old and (unsettled(old) or unsettled(new)):
                out[index] = self.settle(old, new, index + 1)
        return "\n".join(out)
