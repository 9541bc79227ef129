"""Repair byte-misaligned GBK segments that carry a ``?pinyin)`` clue (DESIGN.md §2).

A broken converter inserted ``(pinyin)`` between the two bytes of a GBK character. The page's
decoder then turned the broken pair into ``?`` (swallowing the ``(``) and read the following bytes
one byte off, until a single-byte character put it back in step. The pinyin names the character the
converter saw there, made of the previous character's trail byte and the lost byte, so it pins the
lost byte; the lost byte plus the re-encoded run decodes to the original text. The character before
the ``?`` was decoded correctly and stays; a repair replaces the ``?pinyin)`` and the run.

>>> realign("沒資格談?wù)摳呖萍己臀磥砥髽I(yè)的走向").text
'沒資格談論高科技和未來企業的走向'
>>> realign("為什么?").text
'為什么?'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["RealignResult", "Repair", "Unresolved", "realign"]

_PINYIN = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜḿńňǹ\u0300-\u036f"
_CLUE = re.compile(rf"\?([{_PINYIN}]+)\)")
_NOTE = re.compile(rf"\(([{_PINYIN}]+)\)")
_SNIPPET = 24
_EURO = "€"
_LEADS = range(0x81, 0xFF)
_AFTER_UNRESOLVED = (
    "follows an unresolved clue with no single-byte character in between, so the decoder may"
    " still be out of step and this clue may close that run instead of opening one"
)


@dataclass(frozen=True)
class Repair:
    """One repaired segment: ``before`` sat at ``offset`` in the input and became ``after``."""

    offset: int
    before: str
    after: str
    confidence: float


@dataclass(frozen=True)
class Unresolved:
    """A ``?pinyin)`` clue left alone because its lost byte could not be pinned."""

    offset: int
    snippet: str
    reason: str


@dataclass(frozen=True)
class RealignResult:
    text: str
    repairs: list[Repair]
    unresolved: list[Unresolved]


@dataclass(frozen=True)
class _Stop:
    """Why the text after a clue is no shifted run; ``aligned`` when it reads as in-step text."""

    reason: str
    aligned: bool = False


@dataclass(frozen=True)
class _Run:
    """The shifted bytes after a clue; ``clue`` is set when the run ends at another clue."""

    body: bytes
    end: int
    clue: str | None


def realign(text: str) -> RealignResult:
    """Repair every pinned misaligned segment; leave the rest and say why.

    Clues are handled left to right against the text as repaired so far, so a second pass sees
    the same context as the first and finds nothing new to do.
    """
    if "?" not in text or _CLUE.search(text) is None:
        return RealignResult(text, [], [])
    pieces: list[str] = []
    repairs: list[Repair] = []
    unresolved: list[Unresolved] = []
    pos = 0
    open_from: int | None = None
    for match in _CLUE.finditer(text):
        start = match.start()
        if start < pos:
            continue
        if open_from is not None and _still_shifted(text[open_from:start]):
            unresolved.append(_unresolved(text, start, _AFTER_UNRESOLVED))
            open_from = match.end()
            continue
        if start > pos:
            prev = text[start - 1]
        else:
            prev = pieces[-1][-1] if pieces and pieces[-1] else ""
        outcome = _examine(text, match, prev)
        if isinstance(outcome, Repair):
            pieces.append(text[pos:start])
            pieces.append(outcome.after)
            repairs.append(outcome)
            pos = start + len(outcome.before)
            open_from = None
        elif isinstance(outcome, Unresolved):
            unresolved.append(outcome)
            open_from = match.end()
    if not repairs:
        return RealignResult(text, [], unresolved)
    pieces.append(text[pos:])
    return RealignResult("".join(pieces), repairs, unresolved)


def _still_shifted(between: str) -> bool:
    """Whether a decoder knocked out of step before ``between`` could still be out of step after it.

    Only a single-byte character puts it back in step; a ``?`` may be a broken pair inside the run.
    """
    return all(c == "?" or len(_encode(c) or b"") == 2 for c in between)


def _unresolved(text: str, start: int, reason: str) -> Unresolved:
    return Unresolved(start, text[max(0, start - 1) : start + _SNIPPET], reason)


def _examine(text: str, match: re.Match[str], prev: str) -> Repair | Unresolved | None:
    """Judge one clue; ``None`` when it cannot be this damage at all (an ordinary ``?``)."""
    start = match.start()
    prev_bytes = _encode(prev) if prev else None
    if prev_bytes is None or len(prev_bytes) != 2 or prev_bytes[1] < 0x81:
        return None
    syllable = unicodedata.normalize("NFC", match.group(1))
    leads, readers = _pin(prev_bytes[1], syllable)
    if not readers:
        return None
    if not leads:
        reason = f"no GBK character {prev_bytes[1]:02X}xx outside GB2312 reads {syllable}"
        return _unresolved(text, start, reason)
    run = _scan(text, match.end())
    if isinstance(run, _Stop):
        reason = run.reason
        if run.aligned and len(leads) == 1:
            char = _pair(prev_bytes[1], leads[0])
            reason += (
                f"; the clue may instead close a shifted run ending at the '?', whose lost trail"
                f" byte {leads[0]:02X} completes {char} ({syllable}), but such a run's first byte"
                " carries no clue"
            )
        return _unresolved(text, start, reason)
    found: list[tuple[str, float]] = []
    for lead in leads:
        data = bytes([lead]) + run.body
        if run.clue is None:
            decoded = _decode(data)
            if decoded is not None:
                found.append((decoded, 1.0))
            continue
        trails, trail_readers = _pin(data[-1], unicodedata.normalize("NFC", run.clue))
        trail_conf = _confidence(len(trails), trail_readers)
        for trail in trails:
            decoded = _decode(data + bytes([trail]))
            if decoded is not None:
                found.append((decoded, trail_conf))
    if len(found) != 1:
        if not found:
            return _unresolved(text, start, f"no lost byte reading {syllable} decodes the run")
        choices = ", ".join(after[:1] for after, _ in found)
        return _unresolved(text, start, f"{len(found)} lost bytes fit {syllable}: {choices}")
    after, confidence = found[0]
    confidence *= _confidence(len(leads), readers)
    end = run.end
    note = _NOTE.match(text, end) if run.clue is None else None
    if note and unicodedata.normalize("NFC", note.group(1)) in _readings(after[-1]):
        end = note.end()
    return Repair(start, text[start:end], after, round(confidence, 3))


def _scan(text: str, i: int) -> _Run | _Stop:
    """Collect the shifted run after a clue, or say why the text there cannot be one.

    Inside a run every character is a pair (trail byte, next lead byte), so its second byte is
    0x81 or above. The run ends at a single byte that was a trail byte (0x40-0x7E or 0x80), at a
    pair whose second byte is such an ASCII character, or at an ordinary annotation that broke the
    shifted pair before it (``?pinyin)``).
    """
    body = bytearray()
    for j in range(i, len(text)):
        char = text[j]
        if char == "?":
            clue = _CLUE.match(text, j)
            if clue is None:
                return _Stop("a bare '?' inside the run hides a lost byte with no clue")
            return _Run(bytes(body), clue.end(), clue.group(1))
        encoded = _encode(char)
        if encoded is None:
            return _Stop(f"{char!r} after the clue is not a GBK character")
        if len(encoded) == 1:
            if 0x40 <= encoded[0] <= 0x7E or encoded[0] == 0x80:
                return _Run(bytes(body + encoded), j + 1, None)
            reason = f"{char!r} cannot be a trail byte, so the text after the clue is not shifted"
            return _Stop(reason, aligned=True)
        body += encoded
        if encoded[1] < 0x81:
            note = _NOTE.match(text, j + 1)
            if note and unicodedata.normalize("NFC", note.group(1)) in _readings(char):
                reason = f"{char} carries its own annotation, so the text after the clue is in step"
                return _Stop(reason, aligned=True)
            return _Run(bytes(body), j + 1, None)
    return _Stop("the text ends inside the shifted run")


@lru_cache(maxsize=2048)
def _pin(first: int, syllable: str) -> tuple[tuple[int, ...], int]:
    """Second bytes ``b`` for which ``first b`` is a non-GB2312 character read ``syllable``.

    Also returns how many bytes fit the pinyin before the GB2312 rule (the converter annotated
    only characters with a byte below 0xA1) narrowed them, which sets the confidence.
    """
    readers = [b for b in _LEADS if syllable in _readings(_pair(first, b))]
    return tuple(b for b in readers if first < 0xA1 or b < 0xA1), len(readers)


def _confidence(fits: int, readers: int) -> float:
    """1.0 when the pinyin alone pins the byte; lower when a rule or decoding had to narrow it."""
    return (1.0 if readers == 1 else 0.9) * (1.0 if fits == 1 else 0.9)


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """All pinyin readings of a Han character with tone marks; empty for anything else."""
    if len(char) != 1 or ord(char) < 0x3000:
        return frozenset()
    # pypinyin's table, as ``pinyin(char, style=Style.TONE, heteronym=True)`` reads it (equal for
    # every character, tests/test_gbk_realign.py), without importing its phrase table
    from cleanse_plugins.pinyin import readings_table

    found = readings_table().get(ord(char))
    return frozenset(found.split(",")) if found else frozenset()


def _pair(first: int, second: int) -> str:
    try:
        return bytes([first, second]).decode("gbk")
    except UnicodeDecodeError:
        return ""


def _encode(char: str) -> bytes | None:
    """cp936 bytes of one character; Python's codec lacks the single byte 0x80 for the euro sign."""
    if char == _EURO:
        return b"\x80"
    try:
        return char.encode("gbk")
    except UnicodeEncodeError:
        return None


def _decode(data: bytes) -> str | None:
    """Strict cp936 decoding that must end on a character boundary, or ``None``."""
    out: list[str] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif byte == 0x80:
            out.append(_EURO)
            i += 1
        else:
            char = _pair(byte, data[i + 1]) if i + 1 < len(data) else ""
            if not char:
                return None
            out.append(char)
            i += 2
    return "".join(out)
