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

from dataclasses import dataclass, field

from cleanse_plugins.boilerplate_text import has_sentence_punct, normalize, weight
from cleanse_plugins.dedupe import dedupe_key

ANCHOR_WEIGHT = 20
TITLE_MAX_WEIGHT = 50
MIN_RUN = 3


@dataclass
class Line:
    """One line of the page with what the stage learns about it.

    ``text`` is the line as the later stages will leave it (``cleanse_plugins.later_stages``),
    ``original`` the line itself. A later ``copy`` of a line counts as blank: ``dedupe`` empties it.
    """

    number: int
    text: str
    folded: str
    index: list[int]
    original: str = ""
    copy: bool = False
    reason: str = ""
    fields: dict[str, object] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        return self.copy or not self.text.strip()

    @property
    def dropped(self) -> bool:
        return bool(self.reason)


def is_anchor(line: Line) -> bool:
    """A real paragraph: long enough and built of sentences."""
    return weight(line.folded) >= ANCHOR_WEIGHT and has_sentence_punct(line.folded)


def is_tiny(line: Line, nav_weight: int) -> bool:
    return (not line.blank and not has_sentence_punct(line.folded)
            and weight(line.folded) <= nav_weight)


def edge_zones(lines: list[Line], anchors: list[bool], edge_lines: int
               ) -> tuple[set[int], set[int]]:
    """Indexes of the head and tail zones: outside the first/last paragraph or near the ends."""
    filled = [i for i, line in enumerate(lines) if not line.blank]
    firsts = [i for i in filled if anchors[i]]
    head = set(filled[:edge_lines])
    tail = set(filled[-edge_lines:]) if edge_lines else set()
    if firsts:
        head |= {i for i in filled if i < firsts[0]}
        tail |= {i for i in filled if i > firsts[-1]}
    else:
        head = tail = set(filled)
    return head, tail


def drop_edge_runs(lines: list[Line], nav_weight: int) -> None:
    """Mark runs of tiny lines that open or close the page as navigation."""
    filled = [line for line in lines if not line.blank]
    for ordered in (filled, filled[::-1]):
        run: list[Line] = []
        removed = 0
        for line in ordered:
            if line.dropped:
                removed += 1
            elif is_tiny(line, nav_weight):
                run.append(line)
            else:
                break
        if len(run) >= MIN_RUN - 1 and len(run) + removed >= MIN_RUN:
            for line in run:
                line.reason = "navigation-run"


def find_title(lines: list[Line]) -> Line | None:
    """The first surviving line, when it reads as a title rather than a sentence."""
    for line in lines:
        if line.blank or line.dropped:
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
    changed = True
    while changed:
        changed = False
        for k, i in enumerate(filled):
            line = lines[i]
            if (line.dropped or i not in zone or line is protected or k == 0
                    or k == len(filled) - 1 or not is_tiny(line, nav_weight)):
                continue
            if lines[filled[k - 1]].dropped and lines[filled[k + 1]].dropped:
                line.reason = "navigation-between-boilerplate"
                changed = True


def drop_link_lines(lines: list[Line], start: int, reason: str, protected: Line | None) -> None:
    """Mark the short link lines listed under a related-articles header at ``start``."""
    for line in lines[start + 1:]:
        if line.blank or line.dropped:
            continue
        if line is protected or "。" in line.folded or weight(line.folded) > 40:
            break
        line.reason = reason


def drop_title_copies(lines: list[Line], title: Line) -> None:
    key = normalize(title.text)
    if not key:
        return
    for line in lines:
        if line is not title and not line.dropped and not line.blank:
            if normalize(line.text) == key:
                line.reason = "repeated-title"


def drop_copies_of_removed(lines: list[Line]) -> None:
    """Mark the later copies of a removed line: ``dedupe`` would keep the first of them, which
    the layout heuristics took for blank (``本文来自...`` removed at the top, again at the end)."""
    removed: dict[str, bool] = {}
    for line in lines:
        if not line.text.strip():
            continue
        key = dedupe_key(line.text)
        if not line.copy:
            removed.setdefault(key, line.dropped)
        elif removed.get(key):
            line.reason = "copy-of-removed-line"
