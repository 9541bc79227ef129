"""What the stages that run later will leave of a line, for the stages that must judge it first.

``punctuation`` and ``boilerplate`` run before ``hashtags`` and ``dedupe`` (the order is fixed),
yet they judge a line by its neighbours and its layout. Judged on the page as it comes in, they
would decide differently on the cleaned page, and cleaning twice would differ from cleaning
once: ``中#话题#.`` keeps its ``.`` while ``中.`` gets ``。``; a line emptied by ``dedupe`` after
``boilerplate`` looked makes a run of short lines that a second cleaning drops. So they judge
the view given here: hashtags as the default ``--hashtags remove`` drops them, and later copies
of a line as ``dedupe`` (default ``min_chars``) empties them.
"""

from __future__ import annotations

from cleanse_plugins.dedupe import DedupeStage, dedupe_keys
from cleanse_plugins.hashtags import WORDLESS, bare_mark_before, real_matches

MIN_CHARS: int = DedupeStage.default_config["min_chars"]


def may_have_hashtags(text: str) -> bool:
    """Whether ``text`` has a character a hashtag or cashtag starts with."""
    return "#" in text or "$" in text or "＃" in text or "＄" in text


def without_hashtags(line: str) -> tuple[str, list[int]]:
    """``line`` without its hashtags, and the position in ``line`` of every character kept.

    A line that is only hashtags (and marks) is empty, as ``hashtags`` leaves it.

    >>> without_hashtags("中#话题#.")
    ('中.', [0, 5])
    """
    if not may_have_hashtags(line):
        return line, list(range(len(line)))
    matches = real_matches(line)
    if not matches:
        return line, list(range(len(line)))
    kept: list[int] = []
    cursor = 0
    for match in matches:
        end = match.start() - bare_mark_before(line, match.start(), cursor)
        kept.extend(range(cursor, end))
        cursor = match.end()
    kept.extend(range(cursor, len(line)))
    view = "".join(line[i] for i in kept)
    if WORDLESS.fullmatch(view):
        return "", []
    return view, kept


def later_view(line: str) -> str:
    """``line`` as the ``hashtags`` stage will leave it."""
    return without_hashtags(line)[0] if may_have_hashtags(line) else line


def later_copies(lines: list[str], keys: list[str] | None = None) -> set[int]:
    """Indexes of the lines that repeat an earlier line: ``dedupe`` empties them.

    ``keys`` are the lines' ``dedupe_key``s when the caller has them already.

    >>> sorted(later_copies(["第一段说了很多很多的话。", "短", "第一段說了很多很多的話", "短"]))
    [2]
    """
    seen: set[str] = set()
    copies: set[int] = set()
    for index, key in enumerate(dedupe_keys(lines) if keys is None else keys):
        if len(key) < MIN_CHARS:  # blank lines have no key
            continue
        if key in seen:
            copies.add(index)
        seen.add(key)
    return copies
