"""The ``punctuation`` rules over a whole page, paying only near the marks a rule can change.

The rules (``punctuation_rules``) judge a mark by its nearest neighbours, in Python. Most marks are
settled by the character right beside them, which a regex sees in C:

- an ASCII ``,;:?!`` right beside a Han character (or CJK punctuation) becomes full width, so on
  a page with any of them every one is replaced at once (``str.replace``), and the few that have
  no Han right beside them are put back or judged by the rules;
- a full-width one right beside Han stays;
- a pair of parentheses around Han text, or with Han close outside on both sides, is full
  width (closing ones are scanned on the reversed text, so that what precedes them is a
  lookahead);
- clean text (full width in Han context, ASCII in Latin context) holds no mark a rule could
  change, which one pass per mark character present proves (``in``, then a regex that starts with
  that literal character, so it skips ahead in C).

Everything else a rule could change (a mark with quotes, spaces or Latin beside it, parentheses,
``.`` or an ellipsis after Han, a full-width mark between Latin) is found by those same passes and
judged by the rules on its own line. Each pattern here is a necessary condition for an edit of the
rules, so the output is the rules' own (``tests/test_punctuation.py`` compares it with the
line-by-line rules). A line with hashtags is converted as it is and as the hashtags stage will
leave it, and merged as ``line_edits`` says (``later_stages``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from cleanse_plugins.punctuation_rules import (
    CJK_PUNCT_RANGES,
    HAN_CHARS,
    HAN_RANGES,
    Counts,
    Edits,
    Finders,
    Line,
    Mode,
    Table,
    apply_edits,
    char_class,
    convert_ellipsis,
    count_edits,
    decide_mark,
    decide_parentheses,
    decide_sentence,
    fold_width,
    line_edits,
    partner,
)

Pairs = tuple[tuple[str, str], ...]
HASHTAG_MARKS = "#$\uff03\uff04"
# A mark right beside Han cannot be inside a URL, an e-mail address or an entity (they are ASCII
# and cannot start with it) unless it is one of these; before Han, a trailing ``.,:!?`` is cut
# from a URL, while an entity ends with ``;`` after a letter or digit.
MAY_START_PROTECTED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789._%+-&#")
CUT_FROM_URL_END = frozenset(".,:!?")
URL_CHARS = frozenset(map(chr, range(0x21, 0x7F))) - frozenset("()")
RUN = 2  # skipped characters a fixed-width lookbehind looks through


@dataclass(frozen=True)
class Trigger:
    """What one character of the table may cause, as patterns that start with it.

    A match of ``scan`` is acted on by the name of its last group: ``full`` sets the full-width
    form, ``rules`` lets the rules judge it; for a character replaced in bulk, every match is
    put back unless the rules change it."""

    char: str
    gate: re.Pattern[str] | LazyPattern  # a match: something may change (necessary condition)
    scan: re.Pattern[str] | LazyPattern | None
    bulk: str | None = None  # every other occurrence becomes this
    full: str = ""
    how: str = "mark"  # how the rules judge it: mark, paren, dot
    reverse: bool = False  # ``scan`` runs on the reversed text (closing parentheses)


@dataclass(frozen=True)
class Plan:
    """The compiled patterns for one table and mode."""

    triggers: tuple[Trigger, ...]
    ellipsis: Finders  # the runs the rules judge on a line with a candidate dot
    sentence: Pairs
    sentence_patterns: tuple[re.Pattern[str], ...]
    final: tuple[tuple[re.Pattern[str], str], ...]  # halfwidth: ``……`` runs to ``...``
    full_forms: frozenset[str]
    to_full: bool  # what the bulk replacements count as


class LazyPattern:
    """A regex compiled on its first use.

    A plan holds a few dozen patterns with large character classes, which take a few tenths of
    a second to compile, while a text needs only those of the marks it holds: ``echo 中文 |
    cleanse run`` must not pay for all of them.
    """

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().match(text, pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos)


def _compile(char: str, conditions: list[str]) -> LazyPattern:
    body = "|".join(conditions) if conditions else "(?!x)x"
    return LazyPattern(f"{re.escape(char)}(?:{body})")


def _klass(chars: frozenset[str]) -> str:
    return "".join(re.escape(char) for char in sorted(chars))


def _halfwidth(singles: Pairs, ellipsis: Pairs, full_forms: frozenset[str]) -> Plan:
    """Every full-width form becomes ASCII; only runs of ASCII ellipses (``......``, which
    become ``...`` unless in a URL) need the rules."""
    esc = re.escape
    triggers = [Trigger(full, re.compile(esc(full)), None, ascii_) for ascii_, full in singles]
    final = []
    for ascii_, full in ellipsis:
        final.append((re.compile(f"(?:{esc(full)})+"), ascii_))
        run = re.compile(f"(?:{esc(ascii_)}){{2,}}(?P<rules>)")
        triggers.append(Trigger(full[0], re.compile(esc(full)), None))
        triggers.append(Trigger(ascii_[0], run, run, how="dot"))
    finders = tuple((a, f, re.compile(f"(?:{esc(a)}){{2,}}")) for a, f in ellipsis)
    return Plan(tuple(triggers), finders, (), (), tuple(final), full_forms, False)


@lru_cache(maxsize=16)
def _plan(marks: Pairs, sentence: Pairs, ellipsis: Pairs, transparent: frozenset[str],
          mode: Mode) -> Plan | None:
    """None for a table this module does not know how to scan (then every line is judged)."""
    singles = (*marks, *sentence)
    if any(len(a) != 1 or len(f) != 1 or not a.isascii() or f.isascii() for a, f in singles):
        return None
    if any(not a or not f or not a.isascii() or f.isascii() for a, f in ellipsis):
        return None
    mark_chars = [char for pair in marks for char in pair]
    other_chars = {char for pair in (*sentence, *ellipsis) for form in pair for char in form}
    if (len(set(mark_chars)) != len(mark_chars) or other_chars.intersection(mark_chars)
            or set(HASHTAG_MARKS + "\n").intersection(transparent)):
        return None
    full_forms = frozenset(char for _, full in (*singles, *ellipsis) for char in full)
    if mode == "halfwidth":
        return _halfwidth(singles, ellipsis, full_forms)

    esc = re.escape
    t = _klass(transparent)  # what the rules look through for a mark's neighbours
    safe = _klass(transparent - URL_CHARS)  # ... and cannot go on a URL
    hk = char_class(HAN_RANGES + CJK_PUNCT_RANGES, transparent)  # Han context, not skipped
    maybe_latin = f"^{t}{hk}\\n"

    def left(klass: str, loose: bool) -> str:
        """After a character: the nearest one before it that is not looked through is in
        ``klass``; ``loose`` also when more than RUN are looked through (a conservative yes)."""
        alternatives = [f"(?<=[{klass}]{f'[{t}]' * run}.)" for run in range(RUN + 1)]
        if loose:
            alternatives.append(f"(?<={f'[{t}]' * (RUN + 1)}.)")
        return "|".join(alternatives)

    triggers: list[Trigger] = []
    table = dict(marks)
    parens = ("(", ")", table["("], table[")"]) if "(" in table and ")" in table else ()
    full_between_latin: dict[str, list[str]] = {}
    for ascii_, full in marks:
        if ascii_ in parens:
            continue
        # Settled: Han is the nearest thing on one side (a mark there is never protected).
        settled = []
        if ascii_ not in MAY_START_PROTECTED:
            settled.append(left(hk, loose=False))
        if ascii_ in CUT_FROM_URL_END:
            settled.append(f"(?=[{safe}]*[{hk}])")
        elif ascii_ == ";":
            settled.append(f"(?=[{safe}]*[{hk}])(?<![A-Za-z0-9].)")
        if mode == "auto":  # full width when Han may be the nearest thing on either side
            may_change = f"{left(hk, loose=True)}|(?=[{t}]*[{hk}])"
        else:  # full width unless Latin on both sides
            may_change = f"(?<![A-Za-z0-9].)|(?![{t}]*[A-Za-z0-9])"
        if settled:
            not_settled = f"(?!{'|'.join(settled)})"
            scan = _compile(ascii_, [f"{not_settled}(?:(?:{may_change})(?P<rules>)|)"])
            gate = _compile(ascii_, [*settled, may_change])
            triggers.append(Trigger(ascii_, gate, scan, full))
        else:
            scan = _compile(ascii_, [f"(?:{may_change})(?P<rules>)"])
            triggers.append(Trigger(ascii_, scan, scan))
        # A full-width mark becomes ASCII only between Latin.
        full_between_latin[full] = [f"(?=[{t}]*[{maybe_latin}])(?:{left(maybe_latin, True)})"
                                    "(?P<rules>)"]
    for char, found in full_between_latin.items():
        pattern = _compile(char, found)
        triggers.append(Trigger(char, pattern, pattern))
    if parens:
        triggers.extend(_parentheses(parens, mode, t, hk, maybe_latin, left))
    # ``.`` -> ``。`` only right after Han; ``...`` -> ``……`` after Han, ``......`` -> ``...`` and
    # ``……`` -> ``...`` between Latin, ``…………`` -> ``……``.
    dots: dict[str, list[str]] = {}
    for ascii_, _ in sentence:
        dots.setdefault(ascii_, []).append(f"(?<=[{HAN_CHARS}].)")
    for ascii_, full in ellipsis:
        dots.setdefault(ascii_[0], []).extend(
            (f"(?<=[{HAN_CHARS}].)", esc(ascii_[1:]) + esc(ascii_)))
        dots.setdefault(full[0], []).extend((f"(?<=[{maybe_latin}].)", esc(full[1:]) + esc(full)))
    for char, found in dots.items():
        pattern = _compile(char, [f"(?:{'|'.join(found)})(?P<rules>)"])
        triggers.append(Trigger(char, pattern, pattern, how="dot"))
    finders = tuple((a, f, re.compile(f"(?:{esc(a)})+|(?:{esc(f)})+")) for a, f in ellipsis)
    sentence_patterns = tuple(re.compile(f"(?<!{esc(a)}){esc(a)}(?!{esc(a)})|{esc(f)}")
                              for a, f in sentence)
    return Plan(tuple(triggers), finders, sentence, sentence_patterns, (), full_forms, True)


def _parentheses(parens: tuple[str, ...], mode: Mode, t: str, hk: str, maybe_latin: str,
                 left: Callable[[str, bool], str]) -> list[Trigger]:
    """A pair around Han text, or with Han close outside on both sides, is full width: set at
    once. A pair of ASCII ones without Han inside and with Latin outside stays. Any other
    parenthesis that may change goes to the rules. Closing ones are scanned on the reversed
    text, where what precedes them is a lookahead; both ends of a pair see the same."""
    esc = re.escape
    ascii_open, ascii_close, full_open, full_close = map(esc, parens)
    every = "".join(map(esc, parens))
    inside = f"[^{every}\\n]"
    no_han = f"[^{every}\\n{HAN_CHARS}]*"
    near_hk = f"[{t}]{{0,{RUN}}}[{hk}]"

    def stays(other: str, other_ascii: str) -> tuple[str, str]:
        """Full width for sure, and ASCII for sure, seen from one end of the pair."""
        full = (f"(?={no_han}[{HAN_CHARS}]{inside}*[{other}])"
                f"|(?:{left(hk, False)})(?={inside}*[{other}]{near_hk})")
        latin = (f"(?={no_han}{other_ascii})(?:{left('A-Za-z0-9', False)}"
                 f"|(?={no_han}{other_ascii}[{t}]*[A-Za-z0-9]))")
        return full, latin

    open_full, open_latin = stays(ascii_close + full_close, ascii_close)
    close_full, close_latin = stays(ascii_open + full_open, ascii_open)
    if mode == "auto":  # full width with Han outside (and no Latin, which the rules check)
        open_may = f"(?={inside}*{full_close})|{left(hk, True)}|(?=[{t}]*[{hk}])"
        close_may = f"(?={inside}*{full_open})|(?=[{t}]*[{hk}])|{left(hk, True)}"
        close_gate = _compile(parens[1], [f"(?<=[{hk}{t}].)", f"(?=[{t}]*[{hk}])"])
    else:  # full width unless Latin outside
        open_may = close_may = ""
        close_gate = re.compile(ascii_close)
    # To ASCII: in a mixed pair, with Latin outside, or unpaired between Latin.
    full_open_may = (f"{left(maybe_latin, True)}"
                     f"|(?={inside}*[{ascii_close}{full_close}][{t}]*[{maybe_latin}])")
    full_close_may = f"(?={inside}*{ascii_open})|{left(maybe_latin, True)}"
    opening = _compile(parens[0], [f"(?:{open_full})(?P<full>)",
                                   f"(?!{open_full}|{open_latin})(?:{open_may})(?P<rules>)"])
    closing = _compile(parens[1], [f"(?:{close_full})(?P<full>)",
                                   f"(?!{close_full}|{close_latin})(?:{close_may})(?P<rules>)"])
    full_opening = _compile(parens[2], [f"(?!{open_full})(?:{full_open_may})(?P<rules>)"])
    full_opening_gate = _compile(parens[2], [f"(?={inside}*{ascii_close})",
                                             f"(?!{open_full})(?:{full_open_may})"])
    full_closing = _compile(parens[3], [f"(?!{close_full})(?:{full_close_may})(?P<rules>)"])
    full_closing_gate = _compile(parens[3], [f"(?<![{hk}].)(?=[{t}]*[{maybe_latin}])"])
    return [Trigger(parens[0], opening, opening, full=parens[2], how="paren"),
            Trigger(parens[1], close_gate, closing, full=parens[3], how="paren", reverse=True),
            Trigger(parens[2], full_opening_gate, full_opening, how="paren"),
            Trigger(parens[3], full_closing_gate, full_closing, how="paren", reverse=True)]


@lru_cache(maxsize=16)
def plan_for(table: Table, mode: Mode) -> Plan | None:
    return _plan(tuple(table.marks.items()), tuple(table.sentence.items()),
                 tuple(table.ellipsis.items()), table.transparent, mode)


class Chunk:
    """Lines without hashtags being converted: the rules' lines, opened as candidates come."""

    def __init__(self, text: str, table: Table, mode: Mode, plan: Plan) -> None:
        self.text, self.table, self.mode, self.plan = text, table, mode, plan
        self.lines: dict[int, Line] = {}
        self.ellipsis_done: set[int] = set()

    def line_at(self, index: int) -> tuple[int, Line]:
        start = self.text.rfind("\n", 0, index) + 1
        line = self.lines.get(start)
        if line is None:
            end = self.text.find("\n", index)
            line = Line(self.text[start:end if end >= 0 else len(self.text)], self.table)
            self.lines[start] = line
        return start, line

    def judge(self, index: int, how: str) -> None:
        """Let the rules decide the candidate at ``index``."""
        start, line = self.line_at(index)
        at, mode = index - start, self.mode
        if how == "mark":
            decide_mark(line, at, mode)
        elif how == "paren":
            other = partner(line, at)
            if other is None or not decide_parentheses(line, min(at, other), max(at, other),
                                                       mode):
                decide_mark(line, at, mode)
        else:
            for (ascii_, full), pattern in zip(self.plan.sentence, self.plan.sentence_patterns):
                if line.text[at] == ascii_ and pattern.match(line.text, at):
                    decide_sentence(line, at, at + 1, mode, ascii_, full)
            if start not in self.ellipsis_done:
                self.ellipsis_done.add(start)
                convert_ellipsis(line, mode, self.plan.ellipsis)

    def scan(self, present: list[Trigger]) -> tuple[Edits, Edits, dict[str, int]]:
        """The edits decided one by one; the occurrences of bulk characters to put back; and
        how many occurrences of each bulk character these two hold."""
        text, last = self.text, len(self.text) - 1
        backwards: str | None = None
        edits: Edits = {}
        put_back: Edits = {}
        kept: dict[str, int] = {}
        for trigger in present:
            if trigger.scan is None:
                continue
            source = text
            if trigger.reverse:
                source = backwards = text[::-1] if backwards is None else backwards
            count = 0
            for match in trigger.scan.finditer(source):
                index = last - match.start() if trigger.reverse else match.start()
                how = match.lastgroup
                if how == "full":
                    edits[index] = (index + 1, trigger.full)
                    continue
                if how == "rules":
                    self.judge(index, trigger.how)
                if trigger.bulk is not None:
                    count += 1
                    put_back[index] = (index + 1, trigger.char)
            if trigger.bulk is not None:
                kept[trigger.char] = count
        for start, line in self.lines.items():
            edits.update((start + at, (start + end, new)) for at, (end, new) in line.edits.items())
        return edits, put_back, kept

    def convert(self, present: list[Trigger], counts: Counts) -> str:
        edits, put_back, kept = self.scan(present)
        count_edits(edits, self.plan.full_forms, counts)
        text = self.text
        for trigger in present:
            if trigger.bulk is not None:
                bulk = text.count(trigger.char) - kept.get(trigger.char, 0)
                if self.plan.to_full:
                    counts.to_fullwidth += bulk
                else:
                    counts.to_halfwidth += bulk
                text = text.replace(trigger.char, trigger.bulk)
        put_back.update(edits)
        text = apply_edits(text, put_back) if put_back else text
        for pattern, replacement in self.plan.final:
            text, count = pattern.subn(replacement, text)
            counts.to_halfwidth += count
        return text

    def edits(self, present: list[Trigger]) -> Edits:
        """Every edit, one by one, as the rules give them (for lines with hashtags)."""
        edits, put_back, _ = self.scan(present)
        text = self.text
        for trigger in present:
            if trigger.bulk is not None:
                index = text.find(trigger.char)
                while index >= 0:
                    if index not in put_back and index not in edits:
                        edits[index] = (index + 1, trigger.bulk)
                    index = text.find(trigger.char, index + 1)
        for pattern, replacement in self.plan.final:
            edits.update((match.start(), (match.end(), replacement))
                         for match in pattern.finditer(text))
        return edits


def hashtag_lines(text: str, table: Table) -> list[tuple[int, int]]:
    """Start and end of the lines with a hashtag mark and something the table converts."""
    found: set[tuple[int, int]] = set()
    for mark in HASHTAG_MARKS:
        index = text.find(mark)
        while index >= 0:
            start = text.rfind("\n", 0, index) + 1
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            if not table.chars.isdisjoint(text[start:end]):
                found.add((start, end))
            index = text.find(mark, end)
    return sorted(found)


def convert_lines(text: str, table: Table, mode: Mode, counts: Counts) -> str:
    """Every line through the rules: for tables the scan does not know."""
    full_forms = frozenset(char for pairs in (table.marks, table.sentence, table.ellipsis)
                           for full in pairs.values() for char in full)
    lines = text.split("\n")
    for number, original in enumerate(lines):
        if table.chars.isdisjoint(original):
            continue
        edits = line_edits(original, table, mode)
        count_edits(edits, full_forms, counts)
        lines[number] = apply_edits(original, edits)
    return "\n".join(lines)


def convert(text: str, table: Table, mode: Mode) -> tuple[str, Counts]:
    """Make the punctuation of ``text`` consistent; return the new text and what was counted."""
    counts = Counts()
    text, counts.width_folded = fold_width(text)
    plan = plan_for(table, mode)
    if plan is None:
        return convert_lines(text, table, mode, counts), counts
    present = [trigger for trigger in plan.triggers if trigger.char in text]
    if not any(mark in text for mark in HASHTAG_MARKS):
        if not any(trigger.gate.search(text) for trigger in present):
            return text, counts
        return Chunk(text, table, mode, plan).convert(present, counts), counts
    out, pos = [], 0

    def converted(line: str) -> Edits:
        return Chunk(line, table, mode, plan).edits(present)

    for start, end in hashtag_lines(text, table):
        out.append(Chunk(text[pos:start], table, mode, plan).convert(present, counts))
        edits = line_edits(text[start:end], table, mode, converted)
        count_edits(edits, plan.full_forms, counts)
        out.append(apply_edits(text[start:end], edits))
        pos = end
    out.append(Chunk(text[pos:], table, mode, plan).convert(present, counts))
    return "".join(out), counts
