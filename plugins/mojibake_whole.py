"""Whole lines misread: every byte of a line read back with one codec, at C speed.

A line is decoded in one go, so when it was misread, all of it was. Re-encoding the whole line
with the wrong codec and decoding it with the right one, strictly, is then the strongest test
there is: a correct line almost never survives it (GBK bytes of real Chinese are not valid
UTF-8 for more than a character or two), and a misread one comes back exactly, including what a
run-by-run repair cannot see on its own: a character read together with an ASCII byte
(``鍒禖hat`` is ``制Chat``), a lone two-byte sequence between ASCII words (``聽`` is a no-break
space, ``路`` is ``·``), a short run that reads as plausibly as its repair (``鍋氬緱寰堝ソ`` is
``做得很好``), a letters-only run (``ÐÅÑö`` is ``信仰``).

The repair is cut into the spans that changed, split where both readings are on a character
boundary, so each span has its own offset and what lies between (a hashtag put back by the
view, say) keeps its place. The result must still be judged plausible
(:func:`cleanse_plugins.mojibake_score.judge`); anything else is left to the run-by-run passes.

>>> [fix.after for fix in utf8("他说：浣犲ソ,AI 鍋氬緱寰堝ソ", "gb18030")]
[]
>>> [fix.after for fix in utf8("AI 鍋氬緱寰堝ソ,Intelligence聽Generated", "gb18030")]
['做得很好', '\\xa0']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cleanse_plugins.mojibake_edits import Fix
from cleanse_plugins.mojibake_score import judge

Reader = Callable[[str], bytes | None]


def utf8(text: str, codec: str, kind: str = "utf8-as-gbk") -> list[Fix]:
    """Fixes for ``text`` (one line) if all of it is UTF-8 that ``codec`` misread, else []."""
    if text.isascii():
        return []

    def read(char: str) -> bytes | None:
        try:
            data = char.encode(codec, "surrogateescape")
        except UnicodeEncodeError:
            return None
        return data

    split = _split(text, read, "utf-8")
    if split is None:
        return []
    # Correct text almost never re-reads as UTF-8 at all, so the result is judged on its own:
    # what it replaces may look as plausible (``鍋氬緱寰堝ソ`` holds common characters).
    verdict = judge("", "".join(p[3] for p in split))
    if verdict is None:
        return []
    note = f"{kind} re-read, whole line"
    return [Fix(start, end, after, kind, verdict.confidence, note) for start, end, _, after in split]


def dbcs(text: str, byte_of: dict[str, int], codec: str, kind: str
         ) -> tuple[list[Fix], float] | None:
    """Fixes for ``text`` if all its high characters are bytes of ``codec`` text read as
    Latin-1/cp1252, and the score gained; None when it does not read so."""

    def read(char: str) -> bytes | None:
        if char < "\x80":
            return char.encode()
        byte = byte_of.get(char)
        return None if byte is None else bytes((byte,))

    split = _split(text, read, codec)
    if split is None:
        return None
    fixes = _fixes(split, kind, f"{kind} re-read, whole line", min_common=2, bytes_before=True)
    if not fixes:
        return None
    return fixes, _gain(split, bytes_before=True)


_Split = list[tuple[int, int, str, str]]


def _split(text: str, read: Callable[[str], bytes | None], codec: str) -> _Split | None:
    """``text`` re-encoded by ``read`` and decoded strictly with ``codec``, cut into pieces
    (start, end, before, after) at the points where both sides are on a character boundary."""
    pieces: list[bytes] = []
    starts = [0]
    for char in text:
        data = read(char)
        if data is None:
            return None
        pieces.append(data)
        starts.append(starts[-1] + len(data))
    raw = b"".join(pieces)
    try:
        decoded = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    if decoded == text:
        return None
    # Character boundaries of the decoded side, as byte offsets.
    after_starts = [0]
    for char in decoded:
        after_starts.append(after_starts[-1] + len(char.encode(codec)))
    if after_starts[-1] != len(raw):
        return None  # a codec that does not round-trip its own output: not ours to judge
    aligned = sorted(set(starts) & set(after_starts))
    index_before = {offset: i for i, offset in enumerate(starts)}
    index_after = {offset: i for i, offset in enumerate(after_starts)}
    split: _Split = []
    for left, right in zip(aligned, aligned[1:]):
        i, j = index_before[left], index_before[right]
        before, after = text[i:j], decoded[index_after[left]:index_after[right]]
        if before != after:
            if split and split[-1][1] == i:
                start, _, old, new = split.pop()
                split.append((start, j, old + before, new + after))
            else:
                split.append((i, j, before, after))
    return split or None


def _gain(split: Sequence[tuple[int, int, str, str]], bytes_before: bool = False) -> float:
    verdict = judge("".join(p[2] for p in split), "".join(p[3] for p in split),
                    bytes_before=bytes_before)
    return verdict.after - verdict.before if verdict else 0.0


def _fixes(split: _Split, kind: str, note: str, min_common: int,
           bytes_before: bool = False) -> list[Fix]:
    verdict = judge("".join(p[2] for p in split), "".join(p[3] for p in split),
                    min_common=min_common, bytes_before=bytes_before)
    if verdict is None:
        return []
    return [Fix(start, end, after, kind, verdict.confidence, note)
            for start, end, _, after in split]
