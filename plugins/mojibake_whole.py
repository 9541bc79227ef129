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

from functools import partial
from itertools import accumulate

from cleanse_plugins.mojibake_edits import Fix
from cleanse_plugins.mojibake_score import judge


def utf8(text: str, codec: str, kind: str = "utf8-as-gbk") -> list[Fix]:
    """Fixes for ``text`` (one line) if all of it is UTF-8 that ``codec`` misread, else []."""
    if text.isascii():
        return []
    try:
        raw = text.encode(codec, "surrogateescape")
    except UnicodeEncodeError:
        return []
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []
    # Correct text almost never re-reads as UTF-8 at all, so the result is judged on its own:
    # what it replaces may look as plausible (``鍋氬緱寰堝ソ`` holds common characters). What
    # did not change is ASCII, which weighs nothing: the whole line is judged as its pieces.
    verdict = judge("", decoded)
    split = _split(text, decoded, codec, "utf-8") if verdict else None
    if verdict is None or split is None:
        return []
    note = f"{kind} re-read, whole line"
    return [Fix(start, end, after, kind, verdict.confidence, note)
            for start, end, _, after in split]


def dbcs(text: str, to_latin1: dict[int, int], codec: str, kind: str
         ) -> tuple[list[Fix], float] | None:
    """Fixes for ``text`` if all its high characters are bytes of ``codec`` text read as
    Latin-1/cp1252, and the score gained; None when it does not read so. ``to_latin1`` turns
    each character a byte became (cp1252's € is 80) into that byte's Latin-1 character, so the
    line's bytes come back with one encode."""
    try:
        raw = text.translate(to_latin1).encode("latin-1")
    except UnicodeEncodeError:
        return None
    try:
        decoded = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    verdict = judge(text, decoded, min_common=2, bytes_before=True)
    split = _split(text, decoded, "latin-1", codec) if verdict else None
    if verdict is None or split is None:
        return None
    note = f"{kind} re-read, whole line"
    fixes = [Fix(start, end, new, kind, verdict.confidence, note) for start, end, _, new in split]
    return fixes, verdict.after - verdict.before


_Split = list[tuple[int, int, str, str]]


def _split(text: str, decoded: str, old: str, new: str) -> _Split | None:
    """``text`` and ``decoded`` (its bytes under codec ``old`` read as ``new``) cut into pieces
    (start, end, before, after) where both sides are on a character boundary."""
    if decoded == text:
        return None
    before, after = _boundaries(text, old), _boundaries(decoded, new)
    if before[-1] != after[-1]:
        return None  # a codec that does not round-trip its own output: not ours to judge
    index_after = {offset: i for i, offset in enumerate(after)}
    split: _Split = []
    last_i = last_j = 0
    for i, offset in enumerate(before):
        j = index_after.get(offset)
        if j is None or i == 0:
            continue
        old_piece, new_piece = text[last_i:i], decoded[last_j:j]
        if old_piece != new_piece:
            if split and split[-1][1] == last_i:
                start, _, was, now = split.pop()
                split.append((start, i, was + old_piece, now + new_piece))
            else:
                split.append((last_i, i, old_piece, new_piece))
        last_i, last_j = i, j
    return split or None


def _boundaries(text: str, codec: str) -> list[int]:
    """The byte offset at which each character of ``text`` starts under ``codec``, and the end."""
    if codec == "latin-1":
        return list(range(len(text) + 1))
    encode = partial(str.encode, encoding=codec, errors="surrogateescape")
    return [0, *accumulate(map(len, map(encode, text)))]
