"""UTF-8 that was decoded as GBK or Big5: ``浣犲ソ涓栫晫`` for ``你好世界``.

Re-encoding such a run with the wrong codec gives back the UTF-8 bytes. Three things make it
harder than ``text.encode("gbk").decode("utf-8")``:

* Runs have no marked edges: a correct character may sit right beside one, so the repair is the
  longest stretch, starting and ending on a character boundary, whose bytes are valid UTF-8.
* The wrong decoder replaced bytes it could not read with ``?`` or U+FFFD. Such a hole is filled
  only when the bytes around it pin it: GB18030 gives up only on 0x80 and 0xFF alone and on a
  lead byte before a non-trail byte, so inside a run it read, a hole can only be 0x80 (``一`` is
  ``E4 B8 80``). GBK also gives up on its user-defined rows, so its holes are often ambiguous
  (``E4 B8 ?`` is 一, 个 or 中). A character whose byte cannot be pinned keeps its length and
  becomes U+FFFD, which the damage pass flags: the last byte of a paragraph (``銆?`` is 。 or
  】) is never guessed.
* The result must be plausible (:func:`cleanse_plugins.mojibake_score.judge`).

Runs are found cheaply: three UTF-8 bytes of a CJK character read as two-byte pairs give a
character encoded (E2-F0, 80-BF) followed by one encoded (80-BF, E2-F0), a pair of characters that
real text almost never has next to each other. Only where that clue appears is any work done.

>>> [fix.after for fix in find("他说浣犲ソ涓栫晫銆?", GBK)]
['你好世界\ufffd']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cleanse_plugins import mojibake_clues, mojibake_whole
from cleanse_plugins.mojibake_edits import Fix, by_line
from cleanse_plugins.mojibake_score import COMMON, judge, weight

HOLE, QMARK = -1, -2
_CONT = range(0x80, 0xC0)
_LEADS = bytes(range(0xE2, 0xF1))


@dataclass(frozen=True)
class Legacy:
    """A double-byte codec that misread UTF-8: ``codecs[0]`` is the one whose failures made the
    holes, the rest re-encode characters it could not (a superset's extra rows)."""

    kind: str
    codecs: tuple[str, ...]
    extra: tuple[tuple[str, bytes], ...] = ()


GBK = Legacy("utf8-as-gbk", ("gbk", "gb18030"))
BIG5 = Legacy("utf8-as-big5", ("cp950", "big5hkscs"))


@cache
def _encode_table(legacy: Legacy) -> dict[str, bytes]:
    return dict(legacy.extra)


def encode(legacy: Legacy, char: str) -> bytes | None:
    """The two bytes ``char`` came from, or None when it cannot be part of a misread run."""
    table = _encode_table(legacy)
    if char in table:
        return table[char]
    result: bytes | None = None
    for codec in legacy.codecs:
        try:
            data = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(data) == 2:
            result = data
            break
    table[char] = result  # type: ignore[assignment]
    return result


@cache
def clue_parts(legacy: Legacy) -> tuple[str, str]:
    """The cheap test, as (class of first characters, rest of the pattern).

    Read from ``data/mojibake_clues.json``, which ``mojibake_build_clues`` writes from
    :func:`derive_clue_parts`: deriving it decodes some 12,000 byte pairs, a cost every process
    would pay on its first page.
    """
    stored = mojibake_clues.load()["parts"].get(mojibake_clues.key(legacy.codecs))
    return (stored[0], stored[1]) if stored else derive_clue_parts(legacy)


def derive_clue_parts(legacy: Legacy) -> tuple[str, str]:
    """The cheap test from the codecs themselves.

    Two UTF-8 CJK characters read as pairs give three characters: (E2-F0, 80-BF), (80-BF, E2-F0),
    (80-BF, 80-BF). The three in a row almost never occur in real text; a hole may stand for the
    second or third.
    """
    first, second, third = [], [], []
    pairs = [(first, (lead, cont)) for lead in _LEADS for cont in _CONT]
    pairs += [(second, (cont, lead)) for lead in _LEADS for cont in _CONT]
    pairs += [(third, (a, b)) for a in _CONT for b in _CONT]
    for chars, pair in pairs:
        for codec in legacy.codecs:
            try:
                chars.append(bytes(pair).decode(codec))
            except UnicodeDecodeError:
                pass
    holes = "?\ufffd\udc80-\udcbf"
    return _charclass(first), f"[{_charclass(second)}{holes}][{_charclass(third)}{holes}]"


@cache
def clue(legacy: Legacy) -> re.Pattern[str]:
    first, rest = clue_parts(legacy)
    return re.compile(f"[{first}]{rest}")


@cache
def _leads(legacy: Legacy) -> re.Pattern[str]:
    """Any (E2-F0, 80-BF) character: where a run may start once the text has shown it has them."""
    return re.compile(f"[{clue_parts(legacy)[0]}]")


@cache
def _run_chars(legacy: Legacy) -> re.Pattern[str]:
    """A run: characters the codec gives for a byte pair, holes, and escaped bytes."""
    chars = []
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            for codec in legacy.codecs:
                try:
                    chars.append(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass
    chars += [c for c, _ in legacy.extra]
    return re.compile(f"[{_charclass(chars)}?\ufffd\udc80-\udcff]*")


def _charclass(chars: list[str]) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)) if len(c) == 1)


def find(text: str, legacy: Legacy) -> list[Fix]:
    """Repairs for every run of UTF-8 misread as ``legacy`` in ``text``, left to right.

    A line that is all misread UTF-8 is read back whole (``mojibake_whole``); elsewhere runs are
    found one by one. Evidence adds up: once a text holds confident repairs (four common
    characters or more), the same misreading is accepted in runs too short to stand on their own
    (one common character or a punctuation mark, ``鐨�`` between two ASCII words), since they
    were misread with the rest.
    """
    if "\n" in text:
        return by_line(text, lambda line: find(line, legacy))
    for codec in legacy.codecs[::-1]:
        whole = mojibake_whole.utf8(text, codec, legacy.kind)
        if whole:
            return whole
    fixes = _find(text, legacy, clue(legacy), 2)
    if fixes and is_evidence(fixes):
        fixes = _find(text, legacy, _leads(legacy), 0)
    return fixes


def is_evidence(fixes: list[Fix]) -> bool:
    return sum(weight(c) == COMMON for fix in fixes for c in fix.after) >= 4


def _find(text: str, legacy: Legacy, pattern: re.Pattern[str], min_common: int) -> list[Fix]:
    fixes: list[Fix] = []
    done = 0
    for match in pattern.finditer(text):
        if match.start() < done:
            continue
        start = match.start()
        while start > max(done, match.start() - 2) and _in_run(legacy, text[start - 1]):
            start -= 1
        end = _run_chars(legacy).match(text, match.start()).end()
        found = _repair_run(text, start, end, legacy, min_common, match.start() - start)
        fixes.extend(found)
        done = found[-1].end if found else match.start() + 1
    return fixes


def _in_run(legacy: Legacy, char: str) -> bool:
    return (char in "?\ufffd" or "\udc80" <= char <= "\udcff"
            or (char >= "\x80" and encode(legacy, char) is not None))


class _Bytes:
    """A run as bytes, holes for ``?`` and U+FFFD, and where each character's bytes start."""

    def __init__(self, chars: str, legacy: Legacy) -> None:
        self.data: list[int] = []
        self.starts: list[int] = []
        for char in chars:
            self.starts.append(len(self.data))
            if char == "?":
                self.data.append(QMARK)
            elif "\udc80" <= char <= "\udcff":
                self.data.append(ord(char) - 0xDC00)
            elif char == "\ufffd":
                self.data.append(HOLE)
            else:
                self.data.extend(encode(legacy, char) or b"")
        self.starts.append(len(self.data))
        self.char_at = {offset: index for index, offset in enumerate(self.starts)}


def _repair_run(text: str, start: int, end: int, legacy: Legacy, min_common: int,
                hit: int) -> list[Fix]:
    """Repairs in the run ``text[start:end]`` that begin near the clue at ``hit`` and go on.

    A misread run holds a clue every two characters, so one beginning far before this clue
    would have been found at an earlier one: only starts just before the clue are tried.
    """
    chars = text[start:end]
    run = _Bytes(chars, legacy)
    model = _decoder(chars, legacy)
    fixes: list[Fix] = []
    i = max(0, hit - 2)
    while i < len(chars):
        if not fixes and i > hit:
            break
        best = None
        for first in range(i, min(i + 3, len(chars))):
            candidate = _segment(chars, run, first, model, min_common)
            if candidate and (best is None or candidate[3] > best[3]):
                best = candidate
        if best is None:
            i += 1
            continue
        first, last, after, gain, confidence, notes = best
        note = "; ".join([f"{legacy.kind} re-read", *notes])
        fixes.append(Fix(start + first, start + last, after, legacy.kind, confidence, note))
        i = last
    return fixes


Parsed = list[tuple[int, int, float, list[str]]]


def _decoder(chars: str, legacy: Legacy) -> str:
    """The codec that most likely misread the run: a superset when only it could give a character.

    GBK gives up on bytes that GB18030 reads (its user-defined rows become private-use characters),
    so a run holding such a character was read as GB18030 and its holes can only be 0x80 or 0xFF.
    """
    for char in chars:
        if char not in "?\ufffd" and not "\udc80" <= char <= "\udcff" \
                and not _encodable(legacy.codecs[0], char):
            return legacy.codecs[-1]
    return legacy.codecs[0]


@cache
def _encodable(codec: str, char: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


Segment = tuple[int, int, str, float, float, list[str]]


def _segment(chars: str, run: _Bytes, first: int, model: str, min_common: int) -> Segment | None:
    """The longest plausible repair starting at character ``first``, with its score gain."""
    lead = run.data[run.starts[first]]
    if not 0xC2 <= lead <= 0xF4:
        return None
    out, ends = _parse(run.data, run.starts[first], model)
    for offset, count, confidence, notes in reversed(ends):
        last = run.char_at.get(offset)
        if last is None or last <= first:
            continue
        before, after = chars[first:last], "".join(out[:count])
        verdict = judge(before, after, min_common=min_common)
        if verdict is None:
            return None
        gain = verdict.after - verdict.before
        return first, last, after, gain, round(verdict.confidence * confidence, 2), notes
    return None


def _parse(data: list[int], pos: int, model: str) -> tuple[list[str], Parsed]:
    """Read UTF-8 from ``pos``: the characters, and every boundary reached on the way.

    Each boundary is (byte offset, characters decoded, confidence, notes). A hole stands for
    exactly one byte (the decoders give up one byte at a time), so a character with a hole that
    cannot be pinned still has a known length: it becomes U+FFFD and reading goes on in step.
    The boundary right after a hole pinned by the byte that follows it is not listed: the pin
    assumes that byte was misread along with the hole, which holds only if it goes on to form a
    valid character too.
    """
    out: list[str] = []
    ends: Parsed = []
    confidence, notes = 1.0, []
    n = len(data)
    while pos < n:
        byte = data[pos]
        if byte == QMARK:
            byte = 0x3F
        if byte < 0:
            break
        size = 1 if byte < 0x80 else 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF \
            else 4 if 0xF0 <= byte <= 0xF4 else 0
        if not size:
            break
        seq = bytearray([byte])
        used, unknown, pinned_by_next = 1, False, False
        for k in range(1, size):
            at = pos + k
            value = data[at] if at < n else None
            if value is not None and value >= 0:
                seq.append(value)
                used += 1
                continue
            if value is None:
                break
            filled = _fill(seq, k, size, model, data, at)
            used += 1
            if filled is None:
                unknown = True
                seq.append(0x80)
                continue
            seq.append(filled[0])
            confidence *= filled[1]
            notes.append(filled[2])
            pinned_by_next = pinned_by_next or filled[3]
        if len(seq) < size:
            break
        try:
            char = bytes(seq).decode("utf-8")
        except UnicodeDecodeError:
            break
        if unknown:
            char = "\ufffd"
            confidence *= 0.9
            notes.append("a byte lost beyond repair left as U+FFFD")
        out.append(char)
        pos += used
        if not pinned_by_next:
            ends.append((pos, len(out), confidence, list(notes)))
    return out, ends


@cache
def _replaced(codec: str, byte: int, following: int | None) -> bool:
    """Whether a decoder for ``codec`` gives up on ``byte`` when ``following`` comes next."""
    if following is None or following < 0:
        return byte >= 0x80
    try:
        bytes((byte, following)).decode(codec)
    except UnicodeDecodeError:
        return True
    return False


def _fill(seq: bytearray, k: int, size: int, model: str, data: list[int],
          at: int) -> tuple[int, float, str, bool] | None:
    """The byte a hole must have been, if only one fits.

    A candidate must be a byte the decoder would have given up on before the byte that follows,
    and must complete a valid character. Among several, the one that gives the only common
    character wins.
    """
    lead = seq[0]
    low, high = 0x80, 0xBF
    if k == 1:
        low, high = {0xE0: (0xA0, 0xBF), 0xED: (0x80, 0x9F), 0xF0: (0x90, 0xBF),
                     0xF4: (0x80, 0x8F)}.get(lead, (low, high))
    following = None if at + 1 >= len(data) else data[at + 1]
    candidates = [b for b in range(low, high + 1) if _replaced(model, b, following)]
    if len(candidates) == 1:
        return candidates[0], 0.95, f"lost byte {candidates[0]:02X} pinned", True
    if k < size - 1:
        return None
    chars = {b: c for b in candidates if len(c := bytes([*seq, b]).decode("utf-8", "replace")) == 1
             and c != "\ufffd"}
    common = [b for b, c in chars.items() if weight(c) == COMMON]
    if len(common) == 1 and len(candidates) <= 16:
        return (common[0], 0.8, f"lost byte {common[0]:02X} pinned as the only common"
                f" character ({chars[common[0]]})", following is not None)
    return None
