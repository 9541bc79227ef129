"""Cheap looks at raw bytes before any detection: BOMs, UTF-16/32 without BOM, binary formats.

Everything here works on a bounded sample and uses C-level ``bytes`` methods only, so that the
UTF-8 fast path of the decode stage stays nearly free.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

#: Longest BOM first: the UTF-32 LE BOM begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Bytes that never occur in text: C0 controls but tab, LF, VT, FF, CR, SUB (DOS end of file) and
# ESC (ISO-2022 shifts); DEL.
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), 0x1C, 0x1D, 0x1E, 0x1F, 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
#: Share of control bytes above which a sample is binary, not text.
CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class Bom:
    codec: str
    name: str
    length: int


def sniff_bom(data: bytes) -> Bom | None:
    """The byte order mark ``data`` starts with, if any.

    >>> sniff_bom(b"\\xef\\xbb\\xbfabc")
    Bom(codec='utf-8', name='utf-8', length=3)
    """
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return Bom(codec, name, len(bom))
    return None


def wide_unicode(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without BOM, recognised by where its zero bytes fall.

    Text made of ASCII or Latin letters in UTF-16 has a zero in every other byte: at odd offsets
    in little-endian, at even ones in big-endian; UTF-32 has three zeros in every four bytes.
    CJK text has few zeros and is left to the plausibility check of the detector.
    """
    size = len(sample)
    if size < 4 or sample.count(0) * 8 < size:
        return None
    if size > 4096:  # a bounded sample of a longer file: align it to whole code units
        size -= size % 4
        sample = sample[:size]
    if size % 4 == 0:
        quads = [sample[i::4].count(0) for i in range(4)]
        units = size // 4
        if quads[2] == quads[3] == units and quads[1] * 2 > units:
            return "utf-32-le"
        if quads[0] == quads[1] == units and quads[2] * 2 > units:
            return "utf-32-be"
    if size % 2:
        return None
    units = size // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd * 4 > units and even * 20 < odd:
        return "utf-16-le"
    if even * 4 > units and odd * 20 < even:
        return "utf-16-be"
    return None


@cache
def _signatures() -> tuple[tuple[tuple[tuple[int, bytes], ...], str], ...]:
    text = files("cleanse_plugins").joinpath("data/decode_magic.tsv").read_text("utf-8")
    signatures = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, name = line.split("\t")
        parts = tuple(
            (int(offset), bytes.fromhex(value))
            for offset, value in (part.split(":") for part in pattern.split())
        )
        signatures.append((parts, name))
    return tuple(signatures)


Signature = tuple[int, tuple[tuple[int, bytes], ...], str]  # file order, parts, name


@cache
def _signatures_by_first_byte() -> dict[int | None, tuple[Signature, ...]]:
    """The signatures by the byte they require at offset 0 (``None``: none required), so that
    a text is checked against the few that could match, not all of them."""
    grouped: dict[int | None, list[Signature]] = {}
    for index, (parts, name) in enumerate(_signatures()):
        first = next((value[0] for offset, value in parts if offset == 0 and value), None)
        grouped.setdefault(first, []).append((index, parts, name))
    return {first: tuple(entries) for first, entries in grouped.items()}


def magic_format(data: bytes) -> str | None:
    """The binary format whose signature ``data`` starts with, e.g. ``"PNG image"`` (the first
    in file order when several do)."""
    grouped = _signatures_by_first_byte()
    candidates = grouped.get(None, ())
    if data and data[0] in grouped:
        candidates = tuple(sorted(grouped[data[0]] + candidates))
    for _, parts, name in candidates:
        if all(data[offset:offset + len(value)] == value for offset, value in parts):
            return name
    return None


def binary_reason(sample: bytes) -> tuple[str, int] | None:
    """Why ``sample`` (not UTF-16/32) is binary, with the byte offset that shows it, or None.

    NUL bytes never occur in text in single- or multi-byte legacy encodings or UTF-8; other
    control bytes may stray into a page, so only a high share of them counts.
    """
    found = magic_format(sample)
    if found:
        return found, 0
    nul = sample.find(0)
    if nul >= 0:
        return "NUL bytes", nul
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls and controls > CONTROL_SHARE * len(sample):
        first = min(i for i in (sample.find(bytes((b,))) for b in _CONTROL) if i >= 0)
        return f"{controls} control bytes in {len(sample)}", first
    return None


def line_endings(text: str) -> str:
    """The line-ending style of decoded text: ``lf``, ``crlf``, ``cr``, ``mixed`` or ``none``."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    styles = [name for name, count in (("lf", lf), ("crlf", crlf), ("cr", cr)) if count]
    if not styles:
        return "none"
    return styles[0] if len(styles) == 1 else "mixed"
