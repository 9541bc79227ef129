"""GBK or Big5 bytes that were decoded as Latin-1 or cp1252: ``ÄãºÃ`` for ``你好``.

Every byte became one character, so the bytes come back exactly: a cp1252 character gives its
byte, and a C1 control (what Latin-1 gives for 0x80-0x9F) gives its code point. Only the five
bytes cp1252 leaves undefined (81 8D 8F 90 9D) can have become U+FFFD; such a hole is filled only
when one of the five alone gives a character, and otherwise its pair becomes one U+FFFD.

A run, or a repair, whose bytes are valid UTF-8 (``Ã©`` is ``é``, ``doesnÃ¢â‚¬â„¢t``) is Latin
mojibake and is left to ftfy: that reading is far likelier. The result must be plausible
(:func:`cleanse_plugins.mojibake_score.judge`). Where GBK and Big5 both give a plausible reading
and neither is clearly better (``µû¤À`` is 評分 in Big5 and 蝶だ in GBK), the run is left alone.

Latin words stay: ``café``, ``naïve`` or ``Äpfel`` hold at most one double-byte pair, a repair
needs two common characters, and a short run made of letters alone is taken for a word.

>>> [fix.after for fix in find("ÄãºÃ£¬ÊÀ½ç")]
['你好，世界']
"""

from __future__ import annotations

import re
from functools import cache

from cleanse_plugins import mojibake_whole
from cleanse_plugins.mojibake_edits import Fix, by_line
from cleanse_plugins.mojibake_score import COMMON, RARE, east_asian_punctuation, judge, weight
from cleanse_plugins.mojibake_utf8 import is_evidence

CODECS = (("gbk-as-latin1", "gb18030"), ("big5-as-latin1", "cp950"))
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_TYPOGRAPHIC = "‘’“”–—…•‹›„‚†‡‰"
HOLE = -1
_ASCII = bytes(range(0x80))


@cache
def byte_of() -> dict[str, int]:
    """The byte each character stands for, under Latin-1 and cp1252 alike."""
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue
    return table


@cache
def clue_parts() -> tuple[str, str]:
    """Two high characters in a row that could be a lead and a trail byte (typography excepted),
    or two pairs in a row with ASCII trails (Big5's ``¥i¥H``): (first class, rest of pattern)."""
    high = "".join(re.escape(c) for c in sorted(byte_of()))
    leads = "".join(re.escape(c) for c, b in sorted(byte_of().items())
                    if b >= 0x81 and c not in _TYPOGRAPHIC and b != 0xFF)
    trail = f"[@-~{high}]"
    return leads, f"(?:[{high}\ufffd]|[@-~][{leads}]{trail})"


@cache
def clue() -> re.Pattern[str]:
    first, rest = clue_parts()
    return re.compile(f"[{first}]{rest}")


def has_reading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in a run that reads as East Asian text in GBK or Big5 and
    not as UTF-8: ftfy must not half-repair it (``´«¸ÐÈ¦`` is 传感圈, never ``´«¸ÐȦ``)."""
    while start > 0 and _in_run(text[start - 1]) and text[start - 1] != "\ufffd":
        start -= 1
    while end < len(text) and _in_run(text[end]) and text[end] != "\ufffd":
        end += 1
    chars = text[start:end]
    data = bytes(b for b in map(_byte, chars) if b is not None and b >= 0)
    if _is_utf8(data) or _looks_utf8(data):
        return False
    return any(_all_east_asian(data, codec) for _, codec in CODECS)


def _all_east_asian(data: bytes, codec: str) -> bool:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if c >= "\x80"]
    return len(wide) >= 2 and all(weight(c) in (COMMON, RARE) or _is_punctuation(c) for c in wide)


def _is_punctuation(char: str) -> bool:
    return char in east_asian_punctuation()


def _in_run(char: str) -> bool:
    return char in byte_of() or char == "\ufffd" or "@" <= char <= "~"


def find(text: str) -> list[Fix]:
    """Repairs for every run of GBK or Big5 misread as Latin-1/cp1252 in ``text``.

    A line whose high characters are all one codec's bytes is read back whole
    (``mojibake_whole``); elsewhere runs are found one by one. Evidence adds up: once a text
    holds confident repairs of one kind (four common characters or more), every run of high
    characters is read that way with a lower bar (one common character or East Asian
    punctuation, no test for a Latin word): ``µÄ`` between two English words is 的 in such a
    text. The kind with the most support is tried first and wins ties.
    """
    if "\n" in text:
        return by_line(text, find)
    whole = _whole(text)
    if whole:
        return whole
    fixes = _find(text, clue(), CODECS, strict=True)
    support = {kind: [fix for fix in fixes if fix.kind == kind] for kind, _ in CODECS}
    trusted = tuple(sorted(((kind, codec) for kind, codec in CODECS if is_evidence(support[kind])),
                           key=lambda pair: -sum(len(fix.after) for fix in support[pair[0]])))
    if trusted:
        fixes = _find(text, _any_high(), trusted, strict=False)
    return fixes


def _whole(line: str) -> list[Fix]:
    """The line read back whole (``mojibake_whole``), when all its high characters are bytes of
    one codec and it is neither UTF-8 (ftfy's) nor a Latin line (no byte outside the letters)."""
    try:
        raw = line.translate(_to_latin1()).encode("latin-1")  # every character a byte, or none
    except UnicodeEncodeError:
        return []
    data = raw.translate(None, _ASCII)
    if not data or _is_utf8(data) or _looks_utf8(data) or not _has_symbol_bytes(data, 0):
        return []
    readings = [found for kind, codec in CODECS
                if (found := mojibake_whole.dbcs(line, _to_latin1(), codec, kind))]
    readings.sort(key=lambda reading: -reading[1])
    if not readings or (len(readings) > 1 and readings[0][1] - readings[1][1] < 2):
        return []
    return readings[0][0]


@cache
def _to_latin1() -> dict[int, int]:
    return {ord(char): byte for char, byte in byte_of().items() if ord(char) != byte}


@cache
def _any_high() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(byte_of())) + "\ufffd]")


def _find(text: str, pattern: re.Pattern[str], codecs: tuple[tuple[str, str], ...],
          strict: bool) -> list[Fix]:
    fixes: list[Fix] = []
    done = 0
    for match in pattern.finditer(text):
        if match.start() < done:
            continue
        start = match.start()
        while start > done and _in_run(text[start - 1]):
            start -= 1
        end = match.start()
        while end < len(text) and _in_run(text[end]):
            end += 1
        fixes.extend(_repair_run(text, start, end, codecs, strict))
        done = end
    return fixes


def _repair_run(text: str, start: int, end: int, codecs: tuple[tuple[str, str], ...],
                strict: bool) -> list[Fix]:
    chars = text[start:end]
    fixes: list[Fix] = []
    data = bytes(b for b in map(_byte, chars) if b is not None and b >= 0)
    if (_is_utf8(data) and (strict or _latin_utf8(data))) or _looks_utf8(data):
        return fixes
    i = 0
    while i < len(chars):
        best: tuple[float, int, str, str, float, str] | None = None
        rival = None
        if chars[i] in byte_of() or chars[i] == "\ufffd":
            for kind, codec in codecs:
                found = _segment(chars, i, codec, strict)
                if found and (best is None or found[0] > best[0]):
                    rival, best = best, (found[0], found[1], found[2], kind, found[3], found[4])
                elif found:
                    rival = (found[0], found[1], found[2], kind, found[3], found[4])
        if best and rival and strict and best[0] - rival[0] < 2:
            i = max(best[1], rival[1])
            continue
        if best is None:
            i += _width(chars, i, codecs)
            continue
        _, last, after, kind, confidence, note = best
        fixes.append(Fix(start + i, start + last, after, kind, confidence,
                         "; ".join(filter(None, [f"{kind} re-read", note]))))
        i = last
    return fixes


def _width(chars: str, i: int, codecs: tuple[tuple[str, str], ...]) -> int:
    """Step over a whole pair where one decodes, or a hole and its trail byte: starting at a
    second byte misreads the rest."""
    if chars[i] == "\ufffd" or (i + 1 < len(chars) and chars[i + 1] == "\ufffd"
                                 and (_byte(chars[i]) or 0) >= 0x81):
        return 2
    if i + 1 < len(chars) and any(_pair(codec, _byte(chars[i]), _byte(chars[i + 1]))
                                  for _, codec in codecs):
        return 2
    return 1


def _segment(chars: str, first: int, codec: str,
             strict: bool) -> tuple[float, int, str, float, str] | None:
    """The longest plausible reading of ``chars[first:]`` as ``codec``: gain, end, text, ..."""
    out: list[str] = []
    raw = bytearray()
    pos, last, kept, kept_raw, notes, confidence = first, first, 0, 0, [], 1.0
    while pos < len(chars):
        char = chars[pos]
        if char < "\x80":
            out.append(char)
            raw.append(ord(char))
            pos += 1
            continue
        pair = [_byte(chars[pos]), _byte(chars[pos + 1]) if pos + 1 < len(chars) else None]
        if pair[1] is None:
            break
        decoded = _pair(codec, pair[0], pair[1])
        if decoded is None:
            break
        char_out, byte_pair, note = decoded
        out.append(char_out)
        raw.extend(byte_pair)
        if note:
            notes.append(note)
            confidence *= 0.8
        pos += 2
        last, kept, kept_raw = pos, len(out), len(raw)
    if last == first:
        return None
    after = "".join(out[:kept])
    data = bytes(raw[:kept_raw])
    if (_is_utf8(data) and (strict or _latin_utf8(data))) or \
            (strict and not _has_symbol_bytes(data, kept)):
        return None
    verdict = judge(chars[first:last], after, min_common=2 if strict else 0)
    if verdict is None:
        return None
    return (verdict.after - verdict.before, last, after, round(verdict.confidence * confidence, 2),
            "; ".join(notes))


def _byte(char: str) -> int | None:
    if char == "\ufffd":
        return HOLE
    if char < "\x80":
        return ord(char)
    return byte_of().get(char)


def _pair(codec: str, lead: int | None, trail: int | None) -> tuple[str, bytes, str] | None:
    if lead is None or trail is None:
        return None
    if HOLE not in (lead, trail):
        char = _decode(codec, lead, trail)
        return (char, bytes((lead, trail)), "") if char else None
    fits = [pair for fill in _UNDEFINED
            if _decode(codec, *(pair := (fill if lead == HOLE else lead,
                                         fill if trail == HOLE else trail)))]
    if not fits:
        return None
    if len(fits) == 1:
        pair = fits[0]
        return _decode(codec, *pair) or "", bytes(pair), "undefined cp1252 byte pinned"
    return "\ufffd", bytes(fits[0]), "a byte cp1252 could not read left as U+FFFD"


@cache
def _decode(codec: str, lead: int, trail: int) -> str | None:
    if lead < 0x81 or trail < 0x40:
        return None
    try:
        char = bytes((lead, trail)).decode(codec)
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 else None


def _has_symbol_bytes(data: bytes, pairs: int) -> bool:
    """Latin letters are bytes C0-FF; double-byte text also spreads over 80-BF (``°±²``, ``¡¢``).

    A short run made only of letters (``Þjóðhátíð``) is a word, however well it decodes.
    """
    return pairs >= 6 or any(0x80 <= b <= 0xBF or b in (0xD7, 0xF7) for b in data)


def _looks_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 but for a lost byte or two: Greek or Cyrillic read as Latin-1
    (``ÎšÎ±Î»Î·``), left to ftfy. In GBK text valid sequences are a minority among errors."""
    text = data.decode("utf-8", "replace")
    valid = sum(c >= "\x80" and c != "\ufffd" for c in text)
    return valid >= 4 and text.count("\ufffd") * 2 <= valid


def _latin_utf8(data: bytes) -> bool:
    """UTF-8 that reads as Latin text (``é``, ``’``), not Greek or IPA (``Í»Î§`` is ``ͻΧ``):
    where a text has shown it holds GBK read as Latin-1, only such UTF-8 is left to ftfy."""
    return all(c < "\u0250" or "\u2000" <= c <= "\u20cf" for c in data.decode("utf-8"))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()
