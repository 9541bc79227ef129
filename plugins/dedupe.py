"""Stage ``dedupe``: drop later copies of a line repeated within a document; the first stays.

Copies are compared after folding script, width, case, punctuation and white space, so
``中国能长出自己的OpenAI吗?`` and ``中國能長出自己的OpenAI嗎？`` are one line. Lines whose key
is shorter than ``min_chars`` (default 10) are never touched: short lines repeat legitimately
(``是的``, ``对。``, a speaker label). Lines a rule calls boilerplate are gone before this stage
runs (``boilerplate`` comes first), every copy of them. Like ``boilerplate``, a removed line is
left empty so line numbers stay those of the page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cleanse import ConfigError, Document, Stage, hookimpl
from cleanse_plugins.boilerplate_text import (
    copy_candidates,
    fold,
    fold_page,
    han_counts,
    strip_marks,
)


def dedupe_key(line: str) -> str:
    """Folded, case-folded, without punctuation, symbols or white space; digits kept."""
    return strip_marks(fold(line).casefold()).replace("\n", "")


def dedupe_keys(lines: list[str]) -> list[str]:
    """``[dedupe_key(line) for line in lines]`` for the lines of a page, computed in one piece."""
    return page_keys("\n".join(lines)).split("\n")


def page_keys(page: str) -> str:
    """The ``dedupe_key`` of every line of ``page``, one per line."""
    return strip_marks(fold_page(page).casefold())


def candidate_keys(page: str, min_chars: int) -> dict[int, str]:
    """The ``dedupe_key`` of each line of ``page`` that may repeat another or be repeated, by
    line index (in order); a line left out repeats no line and no line repeats it, or has a key
    shorter than ``min_chars``.

    Only the lines that share their count of Han characters with another (``han_counts``) are
    keyed: on most pages a few, so a page costs a few C passes, not its folding."""
    last = _last
    if last is not None and last[0] == page and last[2] <= min_chars:
        return last[1]
    lines = page.split("\n")
    found = han_counts(page)
    if found is None:
        return dict(enumerate(page_keys(page).split("\n")))
    candidates = copy_candidates(lines, found, min_chars)
    if not candidates:
        return {}
    return dict(zip(candidates, dedupe_keys([lines[i] for i in candidates])))


#: The page ``boilerplate`` last keyed (``candidate_keys``), those keys, and the ``min_chars``
#: they were keyed for: when neither it nor ``hashtags`` changes a page, ``dedupe`` gets that
#: very page and need not key it again.
_last: tuple[str, dict[int, str], int] | None = None


def remember_keys(page: str, keys: dict[int, str], min_chars: int = 1) -> None:
    """Record ``keys`` as ``candidate_keys(page, min_chars)``, for the ``dedupe`` that will see
    ``page``; they may hold more lines than that would (every line's key, say)."""
    global _last
    _last = (page, keys, min_chars)


@lru_cache(maxsize=8)
def _long_keys(min_chars: int) -> re.Pattern[str]:
    return re.compile(rf"^.{{{min_chars},}}$", re.MULTILINE)


def has_copies(keys: str, min_chars: int) -> bool:
    """Whether two lines of ``keys`` (``page_keys``) of at least ``min_chars`` are equal; in C,
    so that a page without copies costs no step per line."""
    long = _long_keys(min_chars).findall(keys)
    return len(set(long)) != len(long)


class DedupeStage(Stage):
    name = "dedupe"
    description = "drop exact and near-exact repeated lines (title three times...); keep the first"
    default_config: dict[str, Any] = {"min_chars": 10}

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        if not isinstance(self.config["min_chars"], int) or self.config["min_chars"] < 1:
            raise ConfigError("stage 'dedupe': min_chars must be a whole number >= 1")

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None
        min_chars = self.config["min_chars"]
        keys = candidate_keys(doc.text, min_chars)
        long = [key for key in keys.values() if len(key) >= min_chars]
        if len(set(long)) == len(long):
            return doc
        lines = doc.text.split("\n")
        first: dict[str, int] = {}
        changed = False
        for index, key in keys.items():
            if len(key) < min_chars:  # blank lines have no key
                continue
            number = index + 1
            line = lines[number - 1]
            if key not in first:
                first[key] = number
                continue
            doc.record(self.name, "removed-line", line, "", line=number,
                       reason=f"duplicate-of-line-{first[key]}")
            lines[number - 1] = ""
            changed = True
        if changed:
            doc.text = "\n".join(lines)
        return doc


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(DedupeStage)
