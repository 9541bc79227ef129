"""Edits the mojibake passes propose, and how their positions map back to the stage's input.

The stage runs several passes, each on the text the previous one left. Every record must still
name an offset and a line in the text the stage *received*, so each pass's edits are kept and
positions are walked back through them.

>>> edits = [Fix(2, 5, "X", "ftfy", 1.0)]
>>> apply("abcdefg", edits)
'abXfg'
>>> OffsetMap([edits]).original(3), OffsetMap([edits]).original(2)
(5, 2)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` with ``after``; ``kind`` and ``note`` go to the sidecar."""

    start: int
    end: int
    after: str
    kind: str
    confidence: float
    note: str = ""


@dataclass(frozen=True)
class Flag:
    """A warning about ``text[start:end]``, which is unrecoverable and left in place."""

    start: int
    end: int
    code: str
    message: str


def apply(text: str, fixes: Sequence[Fix]) -> str:
    """Apply non-overlapping ``fixes`` (sorted by ``start``) to ``text``."""
    pieces, pos = [], 0
    for fix in fixes:
        pieces.append(text[pos:fix.start])
        pieces.append(fix.after)
        pos = fix.end
    pieces.append(text[pos:])
    return "".join(pieces)


class OffsetMap:
    """Maps an offset in the text after some passes back to the text before all of them."""

    def __init__(self, passes: Sequence[Sequence[Fix]] = ()) -> None:
        self.passes: list[Sequence[Fix]] = [p for p in passes if p]

    def add(self, fixes: Sequence[Fix]) -> None:
        if fixes:
            self.passes.append(fixes)

    def original(self, offset: int) -> int:
        for fixes in reversed(self.passes):
            offset = _back(fixes, offset)
        return offset


def _back(fixes: Sequence[Fix], offset: int) -> int:
    shift = 0
    for fix in fixes:
        start = fix.start + shift
        if offset < start:
            break
        if offset < start + len(fix.after):
            return fix.start
        shift += len(fix.after) - (fix.end - fix.start)
    return offset - shift


def by_line(text: str, find: Callable[[str], list[Fix]]) -> list[Fix]:
    """``find`` on each line of ``text``, its fixes moved to offsets in ``text``: a line is
    what was decoded in one go, so it is the unit a whole-line repair judges."""
    fixes, start = [], 0
    for line in text.split("\n"):
        fixes += [replace(fix, start=fix.start + start, end=fix.end + start) for fix in find(line)]
        start += len(line) + 1
    return fixes


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1
