"""Literal prefilter for boilerplate rules: skip the rules a line cannot match, in one search.

Most lines of a page match no rule, yet trying every rule's regex on every line of the head and
tail costs a Python call per rule and line. From each pattern's parse tree come the strings one
of which every match must contain (``来源`` or ``出处`` ... for ``(?:来源|出处)\\s*:``); one regex
of all of them tells, in a single search, whether a line can match any rule at all.

>>> sorted(required_literals(r"(?:当前|所在)的?位置\\s*:"))
['位置']
>>> required_literals(r"\\d+") is None
True
"""

from __future__ import annotations

from typing import Any

try:
    from re import _parser as sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as sre  # type: ignore[no-redef]

Literals = frozenset[str]
MAX_CLASS = 16
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective requirement: longer shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _sequence(items: Any) -> Literals | None:
    best: Literals | None = None
    run = ""
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL:
            run += chr(value)
            continue
        if run:
            best = _better(best, frozenset({run}))
            run = ""
        if op is not None:
            best = _better(best, _node(op, value))
    return best


def _node(op: Any, value: Any) -> Literals | None:
    if op is sre.IN:
        if all(kind is sre.LITERAL for kind, _ in value) and 0 < len(value) <= MAX_CLASS:
            return frozenset(chr(code) for _, code in value)
        return None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = _sequence(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op is sre.SUBPATTERN:
        return _sequence(value[-1])
    if op in _REPEATS:
        return _sequence(value[2]) if value[0] >= 1 else None
    if op is sre.ASSERT:  # what a positive lookaround sees is on the line too
        return _sequence(value[1])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(value)
    return None


def required_literals(pattern: str | Any) -> Literals | None:
    """Strings one of which every match of ``pattern`` (or of its parse tree) contains, up to
    case as its regex; ``None`` when no such set can be told."""
    found = _sequence(sre.parse(pattern) if isinstance(pattern, str) else pattern)
    if found is None or "" in found or any("\n" in text for text in found):
        return None
    return found


def first_chars(pattern: str | Any) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (or of its parse tree) can start with, in lower
    case; ``None`` when they cannot be told (a class like ``\\s`` or ``[^>]``, or an empty match).

    A rule matched from the start of a line (``match = "line"`` or ``"start"``) can then be left
    out for every line whose first character is not among them.

    >>> sorted(first_chars(r"(?:网站)?(?:首页|主页)\\s*>"))
    ['主', '网', '首']
    """
    found = _first(sre.parse(pattern) if isinstance(pattern, str) else pattern)
    return None if found is None or found[1] else frozenset(found[0])


def _first(items: Any) -> tuple[set[str], bool] | None:
    """(first characters, whether the sequence can match nothing) or None when unknown."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            return chars | {chr(value).lower()}, False
        if op is sre.IN:
            if not all(kind is sre.LITERAL for kind, _ in value) or not value:
                return None
            return chars | {chr(code).lower() for _, code in value}, False
        if op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # takes no character: the first one comes after it
        if op is sre.SUBPATTERN or op is sre.BRANCH or op in _REPEATS:
            if op is sre.SUBPATTERN:
                found = _first(value[-1])
            elif op is sre.BRANCH:
                found = _branches(value[1])
            else:
                found = _first(value[2])
                if found is not None and value[0] == 0:
                    found = (found[0], True)
            if found is None:
                return None
            chars |= found[0]
            if not found[1]:
                return chars, False
            continue
        return None
    return chars, True


def _branches(branches: Any) -> tuple[set[str], bool] | None:
    chars: set[str] = set()
    empty = False
    for branch in branches:
        found = _first(branch)
        if found is None:
            return None
        chars |= found[0]
        empty = empty or found[1]
    return chars, empty
