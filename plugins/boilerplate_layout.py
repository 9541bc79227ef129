"""Where a line stands on the page, and the shape heuristics that depend on it.

The head of a page is everything before its first real paragraph plus its first few lines; the
tail likewise at the end. Only there do the shape heuristics act, so a short heading in the
middle of an article is never touched:

* a run of tiny lines (at most ``nav_weight`` characters, no sentence punctuation) that opens
  or closes the page is navigation (``小程序`` / ``传感搜`` / ``传感圈``) when it holds at least
  three lines, two of them tiny (the others removed by rules);
* a tiny line sandwiched between two removed lines there is navigation too (``今日新闻``);
* the first surviving line of the head, when it is short and not a sentence, is the title; it is
  never removed by a heuristic, and later copies of it are.

Tiny means at most four characters by default: navigation labels are two to four characters,
while lines of classical verse (five or seven) and real headings are longer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cleanse_plugins.boilerplate_text import (
    fold_with_index,
    has_sentence_punct,
    normalize_folded,
    strip_marks,
    weight,
)

ANCHOR_WEIGHT = 20
TITLE_MAX_WEIGHT = 50
MIN_RUN = 3


@dataclass
class Line:
    """One line of the page with what the stage learns about it.

    ``text`` is the line as the later stages will leave it (``cleanse_plugins.later_stages``),
    ``original`` the line itself, ``key`` its ``dedupe_key``. A later ``copy`` of a line counts as
    blank: ``dedupe`` empties it.
    """

    number: int
    text: str
    folded: str
    original: str = ""
    key: str = ""
    copy: bool = False
    reason: str = ""
    fields: dict[str, object] = field(default_factory=dict)

    @property
    def index(self) -> list[int]:
        """Position in ``text`` of every folded character; only extracting fields needs it."""
        return fold_with_index(self.text)[1]

    blank: bool = field(init=False)

    def __post_init__(self) -> None:
        self.blank = self.copy or not self.text.strip()

    @property
    def dropped(self) -> bool:
        return bool(self.reason)


def is_anchor(line: Line) -> bool:
    """A real paragraph: long enough and built of sentences."""
    return weight(line.folded) >= ANCHOR_WEIGHT and has_sentence_punct(line.folded)


def is_tiny(line: Line, nav_weight: int) -> bool:
    return (not line.blank and not has_sentence_punct(line.folded)
            and weight(line.folded) <= nav_weight)


def edge_zones(lines: list[Line], anchor: Callable[[int], bool], edge_lines: int
               ) -> tuple[set[int], set[int]]:
    """Indexes of the head and tail zones: outside the first/last paragraph or near the ends.

    ``anchor(i)`` is asked from each end up to the first anchor only, so the middle of a long
    page costs nothing.
    """
    return zones_of([i for i, line in enumerate(lines) if not line.blank], anchor, edge_lines)


def zones_of(filled: list[int], anchor: Callable[[int], bool], edge_lines: int
             ) -> tuple[set[int], set[int]]:
    """``edge_zones`` given the indexes of the non-blank lines."""
    first = next((k for k, i in enumerate(filled) if anchor(i)), None)
    if first is None:
        return set(filled), set(filled)
    last = next(k for k in range(len(filled) - 1, first - 1, -1) if anchor(filled[k]))
    head = set(filled[:max(edge_lines, first)])
    tail = set(filled[min(max(len(filled) - edge_lines, 0), last + 1):] if edge_lines
               else filled[last + 1:])
    return head, tail


def drop_edge_runs(lines: list[Line], nav_weight: int) -> None:
    """Mark runs of tiny lines that open or close the page as navigation. The page's first line
    stays when the paragraph after the run repeats it: a title (``人工智能`` above ``编辑 播报
    收藏`` and ``人工智能（Artificial Intelligence）是…``), not a link."""
    filled = [line for line in lines if not line.blank]
    for ordered in (filled, filled[::-1]):
        run: list[Line] = []
        removed = 0
        after: Line | None = None
        for line in ordered:
            if line.reason:
                removed += 1
            elif is_tiny(line, nav_weight):
                run.append(line)
            else:
                after = line
                break
        if len(run) >= MIN_RUN - 1 and len(run) + removed >= MIN_RUN:
            if ordered is filled and after is not None and run[0] is filled[0] and \
                    echoed(run[0], after):
                run = run[1:]
            for line in run:
                line.reason = "navigation-run"


def echoed(title: Line, paragraph: Line) -> bool:
    """Whether ``paragraph`` holds ``title`` (two characters or more, marks aside)."""
    key = strip_marks(title.folded.lower())
    return len(key) >= 2 and key in strip_marks(paragraph.folded.lower())


def find_title(lines: list[Line]) -> Line | None:
    """The first surviving line, when it reads as a title rather than a sentence."""
    for line in lines:
        if line.blank or line.reason:
            continue
        text = line.folded.strip()
        if weight(text) <= TITLE_MAX_WEIGHT and not text.endswith(("。", ".", ",", ":", ";")):
            return line
        return None
    return None


def drop_sandwiched(lines: list[Line], zone: set[int], nav_weight: int,
                    protected: Line | None) -> None:
    """Mark tiny lines in the head/tail zone whose neighbours were both removed."""
    filled = [i for i, line in enumerate(lines) if not line.blank]
    inner = [(k, i) for k, i in enumerate(filled) if i in zone and 0 < k < len(filled) - 1]
    changed = True
    while changed:
        changed = False
        for k, i in inner:
            line = lines[i]
            if line.reason or line is protected or not is_tiny(line, nav_weight):
                continue
            if lines[filled[k - 1]].reason and lines[filled[k + 1]].reason:
                line.reason = "navigation-between-boilerplate"
                changed = True


def drop_link_lines(lines: list[Line], start: int, reason: str, protected: Line | None) -> None:
    """Mark the short link lines listed under a related-articles header at ``start``."""
    for line in lines[start + 1:]:
        if line.blank or line.reason:
            continue
        if line is protected or "。" in line.folded or weight(line.folded) > 40:
            break
        line.reason = reason


def drop_title_copies(lines: list[Line], title: Line) -> None:
    """Mark the later copies of the title (same ``normalize`` key). A title of numbers alone
    (``2023``) has no copies: every number has its key (``0``)."""
    key = normalize_folded([title.folded])[0]
    if not key.replace("0", "").strip():
        return
    # The Han characters of the key are in the folded text of every copy (no other character
    # lowercases to one): the lines without them need no key.
    probes = title_probes(key)
    first, rest = (probes[0], probes[1:]) if probes else ("", [])
    others = [line for line in lines if first in line.folded and line is not title
              and not line.reason and not line.blank
              and all(probe in line.folded for probe in rest)]
    keys = [key, *normalize_folded([line.folded for line in others])] if others else [key]
    for line, key in zip(others, keys[1:]):
        if key == keys[0]:
            line.reason = "repeated-title"


def title_probes(key: str) -> list[str]:
    """A few Han characters of a title's ``normalize`` key (the first, the last, one between):
    every copy of the title holds them in its folded text. None for a key without Han."""
    # A title's key is short: comparing its characters costs less than compiling a class of
    # the Han ranges, some milliseconds of every start-up.
    han = [char for char in key if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
           or "\U00020000" <= char <= "\U000323af"]
    return sorted({han[0], han[len(han) // 2], han[-1]}) if han else []


def drop_copies_of_removed(lines: list[Line]) -> None:
    """Mark the later copies of a removed line: ``dedupe`` would keep the first of them, which
    the layout heuristics took for blank (``本文来自...`` removed at the top, again at the end)."""
    removed: dict[str, bool] = {}
    for line in lines:
        if not line.text.strip():
            continue
        if not line.copy:
            removed.setdefault(line.key, line.reason != "")
        elif removed.get(line.key):
            line.reason = "copy-of-removed-line"
