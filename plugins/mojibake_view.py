"""The page as the later stages will leave it, for the mojibake passes to judge.

``mojibake`` runs first, yet ``punctuation`` folds full-width letters and digits to ASCII and
``hashtags`` removes ``#话题#``, joining the pieces around it. A run of misread bytes split by a
hashtag (``Ö#话题#R¤¡``), or one whose trail bytes are full-width (``¤@¤ＡＩ``), would be judged
one way here and another way on a second cleaning, which sees the joined, folded run. So the
passes work on a view with those edits made (:func:`hide`, hashtags as the default
``--hashtags remove`` drops them); afterwards :func:`restore` puts back what no repair used: a
hashtag where it was (after the repair of a run it split), a full-width character unless a
repair read it as a byte.

>>> from cleanse_plugins.mojibake_edits import apply
>>> fixes, hidden = hide("Ö#话题#R¤ＡＩ")
>>> view = apply("Ö#话题#R¤ＡＩ", fixes)
>>> view
'ÖR¤AI'
>>> repair = [Fix(0, 4, "諶乙", "dbcs", 1.0)]
>>> repaired = apply(view, repair)
>>> apply(repaired, restore(repaired, hidden, [repair]))
'諶乙#话题#Ｉ'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from cleanse_plugins import mojibake_utf8
from cleanse_plugins.later_stages import without_hashtags
from cleanse_plugins.mojibake_dbcs import byte_of
from cleanse_plugins.mojibake_edits import Fix
from cleanse_plugins.pinyin import find_annotations

_FULLWIDTH = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_HASH_MARKS = re.compile("[#＃$＄]")


@cache
def _folded() -> re.Pattern[str]:
    """Full-width letters and digits beside a character a misread byte can be: there they may be
    trail bytes of a run (``¤ＡＩ``); and those with ASCII or a line's edge on both sides, which
    can be no byte of any run but split runs as a second cleaning will not (``¤@ＡＩ0¤¡``).
    Beside other characters they may be mojibake themselves (``瑙ｈ``, GBK A3 E8 of UTF-8
    bytes), which folding would break."""
    high = "".join(re.escape(c) for c in sorted(byte_of()))
    return re.compile(f"(?<=[{high}])[{_FULLWIDTH}]+|[{_FULLWIDTH}]+(?=[{high}])"
                      f"|(?<![^\\x00-\\x7f])[{_FULLWIDTH}]+(?![^\\x00-\\x7f])")


@dataclass(frozen=True)
class Hidden:
    """``original`` stood where the view holds ``view[start:end]`` (empty for a removal)."""

    start: int
    end: int
    original: str


def hide(text: str, hashtags: bool = True) -> tuple[list[Fix], list[Hidden]]:
    """The edits that make the view of ``text``, and what each one hid."""
    hashtags = hashtags and _HASH_MARKS.search(text) is not None
    if not hashtags and not _folded().search(text):
        return [], []
    fixes: list[Fix] = []
    start = 0
    for line in text.split("\n"):
        tagged = hashtags and _HASH_MARKS.search(line) is not None
        if not tagged and not _folded().search(line):
            start += len(line) + 1  # nothing to hide on this line: skip it at C speed
            continue
        keep = sorted(_kept(line)) if tagged else range(len(line))
        folded = _folded_positions(line, keep)
        removed_from, kept = None, set(keep)
        for i in range(len(line) + 1):
            if i < len(line) and i not in kept:
                removed_from = i if removed_from is None else removed_from
                continue
            if removed_from is not None:
                fixes.append(Fix(start + removed_from, start + i, "", "view", 1.0))
                removed_from = None
            if i in folded:
                fixes.append(Fix(start + i, start + i + 1, _fold_char(line[i]), "view", 1.0))
        start += len(line) + 1
    hidden, shift = [], 0
    for fix in fixes:
        at = fix.start + shift
        hidden.append(Hidden(at, at + len(fix.after), text[fix.start:fix.end]))
        shift += len(fix.after) - (fix.end - fix.start)
    return fixes, hidden


def _folded_positions(line: str, keep: Sequence[int]) -> set[int]:
    """Positions in ``line`` of the full-width letters and digits to fold: those beside a byte
    in what ``hashtags`` leaves of the line (``Ô#话题#ＡＩ`` is ``ÔＡＩ`` then, and its ``Ａ`` a
    trail byte), as a second cleaning sees them."""
    left = "".join(line[i] for i in keep)
    return {keep[m.start() + i] for m in _folded().finditer(left) for i in range(len(m.group()))}


def _kept(line: str) -> set[int]:
    """Positions in ``line`` that ``hashtags`` keeps, found as it finds them: after ``pinyin``
    removed the inline readings (``#創(chuàng)業ÄãºÃ`` is one tag once it is ``#創業ÄãºÃ``) and
    punctuation folded every full-width letter and digit (``３#话题#`` is a topic, ``3#话题#``
    is not). A reading goes with the character it follows."""
    removed = find_annotations(line)[0] if "(" in line or "（" in line else []
    if not removed:
        return set(without_hashtags(_fold_all(line))[1])
    spans = [(note[0], note[1]) for note in removed]  # (start, end, ...) of each reading
    inside = {i for start, end in spans for i in range(start, end)}
    positions = [i for i in range(len(line)) if i not in inside]
    stripped = "".join(line[i] for i in positions)
    keep = {positions[i] for i in without_hashtags(_fold_all(stripped))[1]}
    for start, end in spans:
        if start - 1 in keep:
            keep.update(range(start, end))
    return keep


def restore(text: str, hidden: Sequence[Hidden], passes: Sequence[Sequence[Fix]]) -> list[Fix]:
    """The edits that put back into ``text`` (the view after ``passes``) what the view hid and
    no repair used."""
    if not hidden:
        return []
    edits = []
    for item in hidden:
        start, end, used = item.start, item.end, False
        for fixes in passes:
            start, end, consumed = _forward(fixes, start, end)
            used = used or consumed
        if item.start == item.end:
            edits.append(Fix(start, start, item.original, "view", 1.0))
        elif not used:
            edits.append(Fix(start, end, item.original, "view", 1.0))
    return sorted(edits, key=lambda fix: (fix.start, fix.end))


def holds_bytes(hidden: Sequence[Hidden]) -> bool:
    """Whether a hidden hashtag holds a character a misread byte can be, or one that misread
    UTF-8 starts with (``#娌`` of ``#娌′汉``): part of a run, maybe, which the view cut short."""
    return any(item.start == item.end and (any(c in byte_of() for c in item.original)
                                           or _utf8_sign().search(item.original))
               for item in hidden)


@cache
def _utf8_sign() -> re.Pattern[str]:
    return re.compile("[" + "".join(mojibake_utf8.clue_parts(legacy)[0]
                                    for legacy in (mojibake_utf8.GBK, mojibake_utf8.BIG5)) + "]")


def agrees(view: str, restored: str) -> bool:
    """Whether ``restored`` holds the hashtags the view was made without, and no others.

    A repair can change what counts as a hashtag: in ``#Ã»ÈË`` the tag seen before repairs is
    ``#Ã``, and hiding it misaligns the run; the repair reads ``#没人``, a longer tag.
    """
    if not _HASH_MARKS.search(restored):
        return True
    lines = view.split("\n")
    seen = ["".join(line[i] for i in sorted(_kept(line))) for line in restored.split("\n")]
    # A line that is only hashtags and marks once restored is emptied by ``hashtags``: nothing
    # is left that a second cleaning could judge differently.
    return len(lines) == len(seen) and all(
        not old or _fold_all(line) == _fold_all(old) for line, old in zip(lines, seen))


_FOLD = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                          *range(0xFF41, 0xFF5B))}


def _fold_all(text: str) -> str:
    return text.translate(_FOLD) if not text.isascii() else text


def _fold_char(char: str) -> str:
    return chr(ord(char) - 0xFEE0)


def _forward(fixes: Sequence[Fix], start: int, end: int) -> tuple[int, int, bool]:
    """Where ``[start, end)`` is after ``fixes``; inside a fix it becomes the point after the
    fix's text (a hashtag that split a run goes after its repair), and is reported used."""
    shift = 0
    for fix in fixes:
        if end <= fix.start and (start < end or start <= fix.start):
            break
        if start >= fix.end:
            shift += len(fix.after) - (fix.end - fix.start)
            continue
        at = fix.start + shift + len(fix.after)
        return at, at, True
    return start + shift, end + shift, False
