"""Boilerplate rule files: loading, validation and matching.

A rule file is TOML. Top-level tables, all optional::

    [fields]                      # how ``extract`` rules read "label: value" segments
    placeholders = ["网络整理"]     # values that say nothing and are never stored
    [fields.labels]
    source = ["来源", "来自"]

    [[rules]]
    id = "source-line"            # required, unique in the file; named in the sidecar
    pattern = '^来源\\s*:'         # regex kind: matched against the *folded* line
    kind = "regex"                # regex (default) | normalized (``line = ...``) | hash (``hash = ...``)
    match = "search"              # search (default) | line (whole line) | start (from the start)
    scope = "edges"               # page (default) | head | tail | edges (head or tail)
    action = "drop"               # drop (default) | extract (drop, and fill fields)
    max_chars = 300               # longer lines never match (0: no limit)
    then = "links"                # optional: also drop the short link lines under this one

Folded means width forms as ASCII and simplified script, so one rule written ``来源:`` matches
``來源：``. Patterns are case-insensitive. A pattern that nests one repetition inside another
(``(a+)+``), the shape behind catastrophic backtracking, is refused when the file is loaded.
"""

from __future__ import annotations

import _sre  # the case table ``re`` itself matches with
import hashlib
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any

from cleanse import ConfigError
from cleanse_plugins.boilerplate_literals import first_chars, required_literals, sre
from cleanse_plugins.boilerplate_text import (
    fold,
    has_astral,
    hash_normalized,
    line_hash,
    normalize,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

try:  # the extra case pairs re matches (ſ with s...)
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    from sre_compile import _ignorecase_fixes as _EXTRA_CASES  # type: ignore[attr-defined]

KINDS = ("regex", "normalized", "hash")
MATCHES = ("search", "line", "start")
SCOPES = ("page", "head", "tail", "edges")
ACTIONS = ("drop", "extract")
THEN = ("links",)
RULE_KEYS = frozenset({"id", "pattern", "kind", "match", "scope", "action", "max_chars", "then",
                       "line", "hash", "example", "docs", "description"})
DEFAULT_MAX_CHARS = 300
SCREEN_AFTER = 200
MAX_PATTERN_CHARS = 2000


@dataclass(frozen=True)
class Rule:
    """One compiled rule; ``origin`` names the pack or file it came from.

    A regex rule of a pack whose facts are stored (``Facts``) is compiled on its first search,
    and only for a line that may hold one of the strings it needs: a short run compiles few."""

    id: str
    origin: str
    kind: str = "regex"
    #: The compiled ``pattern``; None until the first search for a rule compiled on demand.
    regex: re.Pattern[str] | None = field(default=None, compare=False)
    #: The folded pattern of a regex rule.
    pattern: str = ""
    key: str = ""
    match: str = "search"
    scope: str = "page"
    action: str = "drop"
    max_chars: int = DEFAULT_MAX_CHARS
    then: str | None = None
    #: Strings one of which every match contains (``boilerplate_literals``); None: unknown.
    needs: frozenset[str] | None = None
    #: For ``line`` and ``start`` rules, the (lower-case) characters a match can start with.
    starts: frozenset[str] | None = None

    def applies_in(self, head: bool, tail: bool) -> bool:
        if self.scope == "page":
            return True
        if self.scope == "edges":
            return head or tail
        return head if self.scope == "head" else tail

    def search(self, folded: str) -> re.Match[str] | None:
        if self.max_chars and len(folded) > self.max_chars:
            return None
        regex = self.regex
        if regex is None:
            if not self.may_match(folded):
                return None
            regex = self.compiled()
        if self.match == "line":
            return regex.fullmatch(folded.strip())
        if self.match == "start":
            return regex.match(folded.strip())
        return regex.search(folded)

    def compiled(self) -> re.Pattern[str]:
        """The regex, compiled now if it was not."""
        if self.regex is None:
            object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))
        assert self.regex is not None
        return self.regex

    def may_match(self, folded: str) -> bool:
        """False only when no match can be in ``folded``: none of the strings the rule needs is
        in it, and it has no character with case (a string with case is then in no match, and
        one without is in a match as it is written)."""
        needs = self.needs
        if needs is None:
            return True
        for text in needs:
            if text in folded:
                return True
        return not (folded.lower() == folded == folded.upper())


@dataclass
class RuleSet:
    """Every rule in force, plus the field-label table the ``extract`` rules share."""

    regex_rules: list[Rule] = field(default_factory=list)
    line_rules: dict[str, Rule] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)
    placeholders: set[str] = field(default_factory=set)
    _screens: dict[int, Screen] = field(default_factory=dict, init=False, repr=False,
                                        compare=False)
    _masks: dict[tuple[int, str, bool, bool], int] = field(default_factory=dict, init=False,
                                                           repr=False, compare=False)
    _limits: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _page_rules: bool | None = field(default=None, init=False, repr=False, compare=False)
    #: Searches for the strings the page rules need, or True when a page rule needs none that
    #: is known (see ``page_rules_may_match``).
    _page_hint: Any = field(default=None, init=False, repr=False, compare=False)
    _finds: int = field(default=0, init=False, repr=False, compare=False)

    def screen(self, folded: str, head: bool = True, tail: bool = True) -> Screen:
        """The screen of the rules that can match ``folded`` by its length (``max_chars``) and,
        for those matched from the start of the line, its first character: a long paragraph is
        screened for the few rules that take it only. Only the rules that act where the line
        stands (``head``, ``tail``, neither: the middle, where ``page`` rules alone act) are in
        it: a tail rule's strings are not looked for in the head."""
        rules = self.regex_rules
        if self._limits is None:
            self._limits = sorted({rule.max_chars for rule in rules if rule.max_chars})
        limits = self._limits
        bucket = bisect_left(limits, len(folded))
        first = folded[:1]
        if first.isspace():
            first = folded.lstrip()[:1]
        if first and (first.isascii() or first.lower() == first.upper() == first):
            first = first.lower()
        else:  # no character, or one with case beyond ASCII (``ſ`` matches ``s``): all
            first = ""
        mask = self._masks.get((bucket, first, head, tail))
        if mask is None:
            floor = limits[bucket] if bucket < len(limits) else None
            mask = self._masks[bucket, first, head, tail] = sum(
                1 << bit for bit, rule in enumerate(rules)
                if (not rule.max_chars or (floor is not None and rule.max_chars >= floor))
                and (not first or rule.starts is None or first in rule.starts)
                and rule.applies_in(head, tail))
        screen = self._screens.get(mask)
        if screen is None:
            screen = self._screens[mask] = Screen([rule for bit, rule in enumerate(rules)
                                                   if mask >> bit & 1])
        return screen

    def extend(self, other: RuleSet) -> None:
        self._screens.clear()
        self._masks.clear()
        self._limits = None
        self._page_rules = None
        self._page_hint = None
        self.regex_rules.extend(other.regex_rules)
        for key, rule in other.line_rules.items():
            self.line_rules.setdefault(key, rule)
        for name, labels in other.labels.items():
            known = self.labels.setdefault(name, [])
            known.extend(label for label in labels if label not in known)
        self.placeholders |= other.placeholders

    def without(self, disabled: set[str]) -> RuleSet:
        return RuleSet(
            [rule for rule in self.regex_rules if rule.id not in disabled],
            {key: rule for key, rule in self.line_rules.items() if rule.id not in disabled},
            self.labels, self.placeholders,
        )

    @property
    def has_page_rules(self) -> bool:
        """Whether a rule may remove a line in the middle of a page (outside head and tail)."""
        if self._page_rules is None:
            self._page_rules = any(rule.scope == "page"
                                   for rule in [*self.regex_rules, *self.line_rules.values()])
        return self._page_rules

    def page_rules_may_match(self, folded_page: str) -> bool:
        """Whether a ``page`` rule may match a line of ``folded_page`` (the page folded, one
        line per line); ``False`` proves none can, so that the middle of the page, where only
        page rules act, needs no look. A regex rule matches only a line holding one of the
        strings it needs (``boilerplate_literals``), no longer than its ``max_chars`` and, if
        matched from the line's start, starting as it may (``starts``); a rule whose strings
        are not known (or a hash or normalized-line rule) makes the answer ``True``.

        The strings are searched for, not the lines: a search for literals skips most of a
        page in C, where a pattern anchored at each line start steps through every character.
        """
        if not self.has_page_rules:
            return False
        if self._page_hint is None:
            self._page_hint = self._build_page_hint()
        if self._page_hint is True:
            return True
        for find, fits in self._page_hint:
            for start_of, text in find(folded_page):
                start = folded_page.rfind("\n", 0, start_of) + 1
                end = folded_page.find("\n", start_of)
                size = (len(folded_page) if end < 0 else end) - start
                first = folded_page[start:start + 1]
                # up to case, as a case-blind regex would start (ı is I to it)
                firsts = {first, first.lower(), first.upper()}
                for limit, starts in fits[text]:
                    if (not limit or size <= limit) and (not starts
                                                         or not firsts.isdisjoint(starts)):
                        return True
        return False

    def _build_page_hint(self) -> Any:
        """(pattern, fits) for the caseless and the cased strings the page rules need: the
        pattern finds them, ``fits[string]`` lists the (``max_chars``, ``starts``) of the rules
        that need it. A paragraph or a heading with a common word (回复, 支持) fits none."""
        fits: dict[str, set[tuple[int, str]]] = {}
        for rule in self.line_rules.values():
            if rule.scope == "page":
                return True
        for rule in self.regex_rules:
            if rule.scope != "page":
                continue
            if rule.needs is None:
                return True
            starts = ""
            if rule.match in ("line", "start") and rule.starts is not None:
                starts = "".join(sorted({c for char in rule.starts
                                         for c in (char, char.upper())}))
            for text in rule.needs:
                fits.setdefault(text.lower(), set()).add((rule.max_chars or 0, starts))
        caseless = {text for text in fits if text.lower() == text.upper()}
        cased = set(fits) - caseless
        hints = []
        if caseless:
            pattern = _pattern(caseless, 0)
            assert pattern is not None
            hints.append((_finder(pattern), fits))
        if cased:
            hints.append((_cased_finder(cased), fits))
        return hints

    def find(self, line: str, folded: str, *, head: bool, tail: bool
             ) -> tuple[Rule, re.Match[str] | None] | None:
        """The first rule that removes ``line`` where it stands, with its regex match."""
        if self.line_rules and line.strip():
            rule = self.line_rules.get(line_hash(line))
            if rule is not None and rule.applies_in(head, tail):
                return rule, None
        rules = self.regex_rules
        self._finds += 1
        if self._finds > SCREEN_AFTER:  # building the screen pays off on a long run only
            rules = self.screen(folded, head, tail).rules_for(folded)
        for rule in rules:
            if rule.applies_in(head, tail):
                found = rule.search(folded)
                if found is not None:
                    return rule, found
        return None


class Screen:
    """Which rules a line may match, from the strings the rules need (``boilerplate_literals``).

    A rule can match only when one of its strings is in the line. A pattern of all the strings
    finds, at each place, the longest one that starts there; the strings inside one found are
    there too. The next search starts past the string found, or where another string could
    start inside it and end beyond it (``文`` of ``本文`` for ``文章来源``). Strings without upper
    or lower case are matched case-sensitively, which ``re`` scans fast.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.always = 0  # the rules that need no string: tried on every line
        needs: dict[str, int] = {}
        #: (bit, characters) of the rules that need one of a few characters without case:
        #: ``in`` tells it (``:``, ``/``, ``.`` are on most lines, too many finds for the pattern)
        self.chars: list[tuple[int, str]] = []
        for bit, rule in enumerate(rules):
            if rule.needs is not None and all(
                    len(text) == 1 and text.lower() == text.upper() == text for text in rule.needs):
                self.chars.append((bit, "".join(sorted(rule.needs))))
            # An ASCII character says too little: a rule that needs one among longer strings
            # is tried on every line of its length rather than screened.
            elif rule.needs is None or any(len(text) == 1 and text.isascii()
                                           for text in rule.needs):
                self.always |= 1 << bit
            else:
                for text in rule.needs:
                    needs[text.lower()] = needs.get(text.lower(), 0) | 1 << bit
        #: found string (lower case) -> the rules that need it or a string inside it
        self.inside = {text: _union(mask for other, mask in needs.items() if other in text)
                       for text in needs}
        #: found string -> how far on another string may start that ends beyond it
        self.resume = {text: next((cut for cut in range(1, len(text)) if any(
            other.startswith(text[cut:]) and len(other) > len(text) - cut for other in needs)),
            len(text)) for text in needs}
        caseless = {text for text in needs if text.lower() == text.upper() == text}
        # The strings with case are looked for in the lower-cased line, case-sensitively (an
        # ``re.IGNORECASE`` search costs several times more); a line with a character that
        # ``re`` equates to an ASCII letter beyond ``lower()`` (``ſ``, ``K``) gets the slow one.
        self.patterns = [(_pattern(caseless, 0), False), (_pattern(set(needs) - caseless, 0), True)]
        self.unusual = _pattern(set(needs) - caseless, re.IGNORECASE)
        self.everything = (1 << len(rules)) - 1
        self._lists: dict[int, list[Rule]] = {}

    def rules_for(self, folded: str) -> list[Rule]:
        """The rules, in order, that may match ``folded``."""
        mask = self.always
        for bit, chars in self.chars:
            for char in chars:
                if char in folded:
                    mask |= 1 << bit
                    break
        inside, everything = self.inside, self.everything
        for pattern, cased in self.patterns:
            if pattern is None:
                continue
            line = folded
            if cased:
                if _cased().search(folded) is None:
                    continue  # no letter a string with case could match
                if unusual_case(folded):
                    pattern = self.unusual
                else:
                    line = folded.lower()
            position = 0
            while (found := pattern.search(line, position)) is not None:
                text = found.group().lower()
                # A match whose lower case is no string (case rules beyond lower()): all rules.
                mask |= inside.get(text, everything)
                position = found.start() + self.resume.get(text, 1)
        rules = self._lists.get(mask)
        if rules is None:
            rules = self._lists[mask] = [rule for bit, rule in enumerate(self.rules)
                                         if mask >> bit & 1]
        return rules


Finder = Callable[[str], Iterator[tuple[int, str]]]


def _finder(pattern: re.Pattern[str]) -> Finder:
    """(position, string) of every string ``pattern`` finds, overlapping ones included."""
    def find(text: str) -> Iterator[tuple[int, str]]:
        position = 0
        while (found := pattern.search(text, position)) is not None:
            yield found.start(), found.group()
            position = found.start() + 1
    return find


def _case_blind_finder(strings: list[str]) -> Finder:
    """A finder of ``strings`` up to case, by ``re.IGNORECASE``; it gives the string found as
    given (``ıp`` found is ``ip``)."""
    pattern = re.compile("|".join(f"(?P<s{index}>{re.escape(text)})" for index, text in
                                  enumerate(strings)), re.IGNORECASE)

    def find(text: str) -> Iterator[tuple[int, str]]:
        position = 0
        while (found := pattern.search(text, position)) is not None:
            yield found.start(), strings[int(str(found.lastgroup)[1:])]
            position = found.start() + 1
    return find


def _cased_finder(strings: set[str]) -> Finder:
    """A finder of ``strings`` (with case) up to case, giving each in lower case. Short ASCII
    strings are looked for in each of their case forms by ``str.find``, which skips through a
    page in C; a case-blind regex steps through every character (``ip`` on a Chinese page: a
    tenth of the time), and is left for the rest and for a text with a character ``re``
    equates to an ASCII letter (ſ, K)."""
    ordered = sorted({text.lower() for text in strings}, key=lambda text: (-len(text), text))
    blind = _case_blind_finder(ordered)
    if not all(text.isascii() and len(text) <= 4 for text in ordered):
        return blind
    forms = sorted(("".join(chars), text) for text in ordered
                   for chars in product(*({c.lower(), c.upper()} for c in text)))

    def find(text: str) -> Iterator[tuple[int, str]]:
        if unusual_case(text):
            yield from blind(text)
            return
        for form, string in forms:
            position = text.find(form)
            while position >= 0:
                yield position, string
                position = text.find(form, position + 1)
    return find


def _pattern(strings: set[str], flags: int) -> re.Pattern[str] | None:
    """One pattern of ``strings`` that finds the longest one starting at a place (None for no
    string). Written as a trie (``关(?:注(?:我们)?|闭)``) rather than the strings one after
    another: where a line has a character some string starts with, ``re`` then tries the few
    strings that start there, not all of them (several times faster on Chinese text)."""
    if not strings:
        return None
    if flags:  # case-insensitive: the strings one after another, longest first
        return re.compile("|".join(re.escape(text) for text in sorted(
            strings, key=lambda text: (-len(text), text))), flags)
    return re.compile(_trie(sorted(strings)))


def _trie(strings: list[str]) -> str:
    """A regex of ``strings`` (none empty) matching, at a place, the longest that starts there."""
    heads: dict[str, list[str]] = {}
    for text in strings:
        heads.setdefault(text[0], []).append(text[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        longer = [tail for tail in tails if tail]
        if not longer:
            branches.append(re.escape(head))
            continue
        rest = _trie(longer)
        if len(longer) < len(tails):  # the head alone is one of the strings too
            rest = f"(?:{rest})?"
        elif "|" in rest:
            rest = f"(?:{rest})"
        branches.append(re.escape(head) + rest)
    return branches[0] if len(branches) == 1 else "|".join(branches)


@lru_cache(maxsize=1)
def _unusual_case() -> str:
    """The BMP characters beyond ASCII that ``re.IGNORECASE`` matches with an ASCII letter
    (``İ``, ``ı``, ``ſ``, the Kelvin sign); any beyond the BMP counts too (none today; not looked
    through)."""
    extra = {code for letter in range(ord("a"), ord("z") + 1)
             for code in _EXTRA_CASES.get(letter, ())}
    return "".join(chr(code) for code in range(0x80, 0x10000)
                   if _sre.unicode_tolower(code) < 0x80 or code in extra)


@lru_cache(maxsize=1)
def _cased() -> re.Pattern[str]:
    """The characters a string with case matches, up to case: the letters (``str.lower`` and
    ``re.IGNORECASE`` leave all others alone), those ``_unusual_case`` finds among them."""
    extra = {code for letter in range(ord("a"), ord("z") + 1)
             for code in _EXTRA_CASES.get(letter, ())}
    letters = [chr(code) for code in range(0x10000) if chr(code).lower() != chr(code).upper()
               or _sre.unicode_tolower(code) != code or code in extra]
    return re.compile(f"[{''.join(map(re.escape, letters))}\U00010000-\U0010ffff]")


def unusual_case(text: str) -> bool:
    """Whether ``text`` has a character of ``_unusual_case``: a ``str.find`` for each of the
    few, which runs in C far faster than a regex class steps through the text."""
    if text.isascii():
        return False
    return any(char in text for char in _unusual_case()) or has_astral(text)


def _union(masks: Any) -> int:
    total = 0
    for mask in masks:
        total |= mask
    return total


def nested_repeat(pattern: str | Any) -> bool:
    """True when a repetition sits inside another repetition: ``(a+)+``, ``(?:x*y)*``.

    ``pattern`` may also be its parse tree, so that a rule file's patterns are parsed once."""
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}

    def walk(items: Any, inside: bool) -> bool:
        for op, value in items:
            if op in repeats:
                _low, high, sub = value
                many = high > 1
                if inside and many:
                    return True
                if walk(sub, inside or many):
                    return True
            elif op is sre.SUBPATTERN:
                if walk(value[-1], inside):
                    return True
            elif op is sre.BRANCH:
                if any(walk(branch, inside) for branch in value[1]):
                    return True
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                if walk(value[1], inside):
                    return True
        return False

    return walk(sre.parse(pattern) if isinstance(pattern, str) else pattern, False)


def _choice(where: str, table: dict[str, Any], key: str, allowed: tuple[str, ...],
            default: str) -> str:
    value = table.get(key, default)
    if value not in allowed:
        raise ConfigError(f"{where}: {key} = {value!r} is not one of {', '.join(allowed)}")
    return str(value)


#: What loading a pack gave: ``{"rules": {id: {"source": the pattern as written, "pattern":
#: folded, "needs": [...] or None, "starts": [...] or None, "width": ...}}, "fields": {"source":
#: the ``[fields]`` table as written, "labels": folded, "placeholders": folded}, "sha256": of
#: the pack's bytes, "data": the pack's TOML, parsed}`` (parsing it costs milliseconds of every
#: start-up; a pack whose bytes changed is parsed again).
Facts = dict[str, Any]


def compile_rule(table: dict[str, Any], origin: str, where: str, facts: Facts | None = None
                 ) -> Rule:
    """Build one Rule from its TOML table; every problem is a ConfigError naming ``where``.

    A regex rule found in ``facts`` with the same pattern is taken from there and compiled on
    its first search: the facts come from this function, run on the pack when they were made
    (a shipped pack's, ``boilerplate_build_pack``), so the pattern is known to be valid."""
    unknown = sorted(set(table) - RULE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    kind = _choice(where, table, "kind", KINDS, "regex")
    common: dict[str, Any] = {
        "id": str(table["id"]), "origin": origin, "kind": kind,
        "match": _choice(where, table, "match", MATCHES, "search"),
        "scope": _choice(where, table, "scope", SCOPES, "page"),
        "action": _choice(where, table, "action", ACTIONS, "drop"),
        "then": _choice(where, table, "then", (*THEN, ""), "") or None,
    }
    max_chars = table.get("max_chars", DEFAULT_MAX_CHARS)
    if not isinstance(max_chars, int) or max_chars < 0:
        raise ConfigError(f"{where}: max_chars must be a whole number >= 0")
    if kind == "hash":
        key = str(table.get("hash", "")).lower()
        if not re.fullmatch(r"[0-9a-f]{16}", key):
            raise ConfigError(f"{where}: hash must be 16 hex digits (as cleanse learn writes)")
        return Rule(key=key, max_chars=max_chars, **common)
    if kind == "normalized":
        key = normalize(str(table.get("line", "")))
        if not key:
            raise ConfigError(f"{where}: a normalized rule needs a non-empty line")
        return Rule(key=hash_normalized(key), max_chars=max_chars, **common)
    pattern = table.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"{where}: a regex rule needs a pattern")
    known = facts["rules"].get(common["id"]) if facts else None
    if known is not None and known["source"] == pattern:  # checked when the facts were made
        return Rule(pattern=known["pattern"], max_chars=_limit(max_chars, known.get("width")),
                    needs=_strings(known["needs"]), starts=_strings(known["starts"]), **common)
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ConfigError(f"{where}: pattern longer than {MAX_PATTERN_CHARS} characters")
    pattern = fold_pattern(pattern)
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ConfigError(f"{where}: invalid regex: {error}") from None
    tree = sre.parse(pattern)
    if nested_repeat(tree):
        raise ConfigError(
            f"{where}: pattern nests a repetition inside another (like (a+)+), which can "
            f"backtrack catastrophically; rewrite it without the nesting"
        )
    starts = first_chars(tree) if common["match"] != "search" else None
    return Rule(regex=regex, pattern=pattern,
                max_chars=_limit(max_chars, line_width(tree) if common["match"] == "line" else None),
                needs=required_literals(tree), starts=starts, **common)


def line_width(tree: Any) -> int | None:
    """The longest line a ``match = "line"`` pattern can match, or None when unbounded: a
    longer line needs no search, and a paragraph is screened for the rules that may take it
    only (a label rule without ``max_chars`` was screened on every paragraph of the edges)."""
    longest = tree.getwidth()[1]
    return longest if longest < sre.MAXREPEAT else None


def _limit(max_chars: int, width: int | None) -> int:
    """``max_chars`` (0: none), lowered to the width of what the pattern can match."""
    if width is None:
        return max_chars
    return min(max_chars, width) if max_chars else width


def _strings(values: list[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def fold_pattern(pattern: str) -> str:
    """Patterns may be written in either script; width forms are left alone (``（`` would
    otherwise turn into a regex group), so write ASCII punctuation."""
    if pattern.isascii():
        return pattern
    return "".join(fold(char) if not char.isascii() and _is_han(char) else char
                   for char in pattern)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def load_rules(path: Path, origin: str | None = None, facts: Facts | None = None) -> RuleSet:
    """Read one rule file; a missing file, bad TOML or bad rule is a ConfigError naming it.

    ``facts`` (only for a shipped pack) spare the regex rules they hold their checks and
    compiles (``compile_rule``), and the field labels their folding."""
    try:
        raw = Path(path).read_bytes()
        if facts and facts.get("sha256") == hashlib.sha256(raw).hexdigest():
            data = facts["data"]  # the file the facts were made from: no TOML to parse
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read rule file: {error.strerror or error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: not a valid TOML rule file: {error}") from None
    return parse_rules(data, str(path), origin or Path(path).name, facts)


def parse_rules(data: dict[str, Any], name: str, origin: str, facts: Facts | None = None
                ) -> RuleSet:
    unknown = sorted(set(data) - {"rules", "fields", "pack"})
    if unknown:
        raise ConfigError(f"{name}: unknown table(s) {', '.join(unknown)} (known: rules, fields)")
    result = RuleSet()
    seen: set[str] = set()
    for number, table in enumerate(data.get("rules", []), start=1):
        if not isinstance(table, dict) or not table.get("id"):
            raise ConfigError(f"{name}: rule #{number} has no id")
        where = f"{name}: rule {table['id']!r}"
        if table["id"] in seen:
            raise ConfigError(f"{where}: id used twice")
        seen.add(str(table["id"]))
        rule = compile_rule(table, origin, where, facts)
        if rule.kind != "regex":
            result.line_rules.setdefault(rule.key, rule)
        else:
            result.regex_rules.append(rule)
    fields_table = data.get("fields", {})
    known = facts["fields"] if facts else None
    if known is not None and known["source"] == fields_table:
        result.labels = {name: list(labels) for name, labels in known["labels"].items()}
        result.placeholders = set(known["placeholders"])
        return result
    for field_name, labels in fields_table.get("labels", {}).items():
        result.labels[field_name] = [fold(str(label)) for label in labels]
    result.placeholders = {fold(str(value)) for value in fields_table.get("placeholders", [])}
    return result
