"""Stage ``decode``: raw bytes to text, right for the encodings CJK corpora really contain.

Order of evidence: a BOM; UTF-16/32 by the pattern of its zero bytes; strict UTF-8 (the fast
path, since most input is UTF-8); then legacy encodings, chosen by decoding every plausible
candidate strictly and weighing how plausible each text is (``decode_detect``). A file that no
single encoding decodes well is decoded in runs of lines (``decode_mixed``). Line endings are left
as they are (the whitespace stage normalises them); only their style is recorded.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass, field
from typing import Any

from cleanse import ConfigError, Document, InputError, Option, Stage, hookimpl
from cleanse_plugins.decode_detect import (
    Candidate,
    confidence,
    detect,
    families,
    family_of,
    quick_detect,
    sample_of,
)
from cleanse_plugins.decode_mixed import Run, decode_runs, doubtful
from cleanse_plugins.decode_score import plausibility
from cleanse_plugins.decode_sniff import (
    binary_reason,
    line_endings,
    magic_format,
    sniff_bom,
    wide_unicode,
)

ERROR_HANDLER = "cleanse-decode-record"
_recorded = threading.local()


def _record(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _recorded.offsets.extend(range(error.start, error.end))
    return "\ufffd", error.end


codecs.register_error(ERROR_HANDLER, _record)


def decode_replacing(data: bytes, codec: str, base: int = 0) -> tuple[str, list[int]]:
    """Decode with U+FFFD for undecodable bytes, and the offsets (plus ``base``) of those bytes."""
    _recorded.offsets = []
    text = data.decode(codec, ERROR_HANDLER)
    offsets = [base + offset for offset in _recorded.offsets]
    _recorded.offsets = []
    return text, offsets


#: Below this confidence a detected encoding is also reported as a warning.
LOW_CONFIDENCE = 0.5


@dataclass
class Decoded:
    """The text of some bytes and how it was obtained: the ``encoding`` sidecar section."""

    text: str
    encoding: str
    confidence: float
    bom: str | None = None
    runs: list[Run] = field(default_factory=list)
    undecodable: list[int] = field(default_factory=list)
    detected: bool = False

    def metadata(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "confidence": self.confidence,
            "bom": self.bom,
            "line_endings": line_endings(self.text),
            "runs": [run.to_dict() for run in self.runs],
            "undecodable_offsets": self.undecodable,
        }


def undecodable_error(data: bytes, codec: str, tried: list[str], base: int = 0) -> InputError:
    """The error for bytes no candidate decodes, naming the first bad offset and what was tried."""
    try:
        data.decode(codec)
        offset = base
    except UnicodeDecodeError as error:
        offset = base + error.start
    names = ", ".join(dict.fromkeys(tried))
    return InputError(f"undecodable bytes at offset {offset} (tried: {names})", offset=offset)


def decode_as(data: bytes, codec: str, strict: bool, base: int = 0) -> Decoded:
    """Decode with one given codec (``--encoding``), strictly or replacing bad bytes."""
    try:
        return Decoded(data.decode(codec), codec, 1.0)
    except UnicodeDecodeError:
        if strict:
            raise undecodable_error(data, codec, [codec], base) from None
    text, offsets = decode_replacing(data, codec, base)
    return Decoded(text, codec, 1.0, undecodable=offsets)


def _wide_without_pattern(data: bytes) -> Decoded | None:
    """UTF-16/32 text whose zero bytes were too few for the pattern (CJK with little ASCII).

    Its bytes look binary (stray zeros, low bytes in the control range), so it is recognised
    by the plausibility of its text instead.
    """
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        value, _ = plausibility(text[:20000], None, wide=True)
        if best is None or value > best[0]:
            best = (value, codec, text)
    if best and best[0] >= 0.7:
        return Decoded(best[2], best[1], round(min(1.0, best[0]), 3), detected=True)
    return None


def decode_bytes(data: bytes, encoding: str | None = None, fallback: str | None = None,
                 errors: str = "strict") -> Decoded:
    """Turn ``data`` into text; raise InputError for binary or (strict) undecodable input."""
    strict = errors == "strict"
    sample = sample_of(data)
    bom = sniff_bom(data)
    if encoding:
        codec = codecs.lookup(encoding).name
        skip = bom.length if bom and codecs.lookup(bom.codec).name == codec else 0
        decoded = decode_as(data[skip:], codec, strict, skip)
        decoded.bom = bom.name if skip and bom else None
        return decoded
    if bom:
        decoded = decode_as(data[bom.length:], bom.codec, strict, bom.length)
        decoded.bom = bom.name
        return decoded
    wide = wide_unicode(sample)
    if wide:
        try:
            return Decoded(data.decode(wide), wide, 1.0, detected=True)
        except UnicodeDecodeError:
            pass
    reason = binary_reason(sample)
    if reason and not magic_format(sample):
        decoded = _wide_without_pattern(data)
        if decoded:
            return decoded
    if reason:
        raise InputError(f"binary file ({reason[0]})", offset=reason[1])
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    if _nearly_utf8(data):
        if strict:
            raise undecodable_error(data, "utf-8", ["utf-8"])
        return decode_as(data, "utf-8", strict=False)
    return _decode_legacy(data, fallback, strict)


def _nearly_utf8(data: bytes) -> bool:
    """UTF-8 with a few corrupt bytes: many multi-byte characters, a handful of bad bytes.

    Such a file is damaged UTF-8, not a legacy encoding: every single-byte code page decodes it
    "cleanly" into nonsense (Greek, box drawing), so it must be reported, or decoded with U+FFFD
    under ``--errors replace``, never guessed. The bad bytes are counted by decoding from error
    to error (C speed, at most NEARLY_UTF8_BAD + 1 times), never character by character.
    """
    bad, position, view = 0, 0, memoryview(data)
    while bad <= NEARLY_UTF8_BAD:
        try:
            codecs.utf_8_decode(view[position:], "strict", True)
            break
        except UnicodeDecodeError as error:
            bad += error.end - error.start
            position += error.end
    if not 0 < bad <= NEARLY_UTF8_BAD:
        return False
    chars = len(data.decode("utf-8", errors="surrogateescape"))
    ascii_bytes = len(data.translate(None, _HIGH_BYTES))
    wide = chars - ascii_bytes - bad
    return wide >= max(4 * bad, 8)


#: At most this many bad bytes make UTF-8 "damaged" rather than another encoding.
NEARLY_UTF8_BAD = 8
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _decode_legacy(data: bytes, fallback: str | None, strict: bool) -> Decoded:
    quick = quick_detect(data)
    if quick is not None and quick.text is not None and not doubtful(
            data, quick.text, family_of(quick.encoding)):
        return Decoded(quick.text, quick.encoding, quick.confidence, detected=True)
    guess, found = detect(data, fallback)
    wide = guess.encoding.startswith(("utf-16", "utf-32"))
    if guess.text is not None and (wide or not doubtful(data, guess.text,
                                                        family_of(guess.encoding))):
        return Decoded(guess.text, guess.encoding, guess.confidence, detected=True)
    if (not wide or guess.text is None) and b"\n" in data.rstrip(b"\n"):
        runs = decode_runs(data, _run_candidates(found, fallback))
        if runs and (len(runs) > 1 or guess.text is None):
            return _from_runs(runs)
    if guess.text is not None:
        return Decoded(guess.text, guess.encoding, guess.confidence, detected=True)
    if strict:
        tried = ["utf-8", *(c.codec for c in found[:3]), *([fallback] if fallback else [])]
        raise undecodable_error(data, guess.encoding, tried)
    decoded = decode_as(data, guess.encoding, strict=False)
    decoded.confidence = confidence(found)
    decoded.detected = True
    return decoded


def _run_candidates(found: list[Candidate], fallback: str | None) -> list[str]:
    """UTF-8, every CJK family (best first) and the fallback; a single-byte guess only if best.

    The candidates found on the whole sample are not enough: in a mixed file most of them fail
    to decode the sample strictly.
    """
    ranked = [c.family.codecs[0] for c in found if c.family.language]
    names = ["utf-8", *ranked, *(f.codecs[0] for f in families().values())]
    if found and not found[0].family.language and not found[0].family.name.startswith("utf-"):
        names.append(found[0].codec)
    return [*dict.fromkeys(names), *([fallback] if fallback else [])]


def _from_runs(runs: list[Run]) -> Decoded:
    text = "".join(run.text for run in runs)
    confidence = min(run.confidence for run in runs)
    if len(runs) == 1:
        return Decoded(text, runs[0].encoding, confidence, detected=True)
    return Decoded(text, "mixed", confidence, runs=runs, detected=True)


class DecodeStage(Stage):
    name = "decode"
    description = "decode bytes: BOM, UTF-8, UTF-16, legacy CJK and mixed encodings; refuse binary"
    default_config: dict[str, Any] = {"encoding": None, "fallback_encoding": None,
                                      "errors": "strict"}
    options = (
        Option("encoding", "--encoding",
               "Decode every input with this encoding instead of detecting it, e.g. "
               "--encoding gb18030."),
        Option("fallback_encoding", "--fallback-encoding",
               "Last resort when no detected encoding decodes the bytes, e.g. "
               "--fallback-encoding cp1252."),
        Option("errors", "--errors",
               "What to do with bytes no encoding decodes: strict refuses the file (exit 2), "
               "replace puts U+FFFD and lists the offsets in the sidecar, e.g. --errors replace.",
               choices=("strict", "replace")),
    )
    needs_text = False

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        for key in ("encoding", "fallback_encoding"):
            name = self.config[key]
            if name is None:
                continue
            try:
                family_of(name)
            except LookupError:
                raise ConfigError(f"stage 'decode': unknown {key} {name!r}") from None

    def __call__(self, doc: Document) -> Document:
        if doc.raw is None:
            return doc
        decoded = decode_bytes(doc.raw, self.config["encoding"],
                               self.config["fallback_encoding"], self.config["errors"] or "strict")
        doc.text = decoded.text
        doc.metadata["encoding"] = decoded.metadata()
        self._report(doc, decoded)
        return doc

    def _report(self, doc: Document, decoded: Decoded) -> None:
        size = f"{len(doc.raw or b'')} bytes"
        if decoded.runs:
            for run in decoded.runs:
                doc.record(self.name, "decode", size, run.encoding, line=run.first,
                           reason=f"lines {run.first}-{run.last}, confidence {run.confidence}")
        elif decoded.encoding != "utf-8" or decoded.bom:
            how = "detected" if decoded.detected else ("byte order mark" if decoded.bom else
                                                        "as configured")
            doc.record(self.name, "decode", size, decoded.encoding,
                       reason=f"{how}, confidence {decoded.confidence}")
        if decoded.detected and decoded.confidence < LOW_CONFIDENCE:
            doc.warn(self.name, "low-confidence",
                     f"encoding {decoded.encoding} detected with confidence {decoded.confidence}")
        if decoded.undecodable:
            shown = ", ".join(map(str, decoded.undecodable[:10]))
            more = ", ..." if len(decoded.undecodable) > 10 else ""
            doc.warn(self.name, "undecodable",
                     f"{len(decoded.undecodable)} undecodable bytes replaced by U+FFFD at byte "
                     f"offsets {shown}{more}", offset=decoded.undecodable[0])


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(DecodeStage)
