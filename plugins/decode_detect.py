"""Choosing one encoding for bytes that are neither UTF-8 nor marked by a BOM.

chardet's answer is a hint, not a verdict (it gives 0.07 to a clear GBK sentence and calls a
short one Korean or Cyrillic). So every candidate — the CJK legacy families, UTF-16 without BOM,
chardet's own guesses and the user's fallback — is decoded strictly, and the decodings are ranked
by how plausible their text is, with chardet's ranking among them as a lesser weight. Most
legacy files never get that far: ``quick_detect`` settles them on a few kilobytes, without
chardet, and decodes the whole file once in C.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from cleanse_plugins.decode_score import BEST, plausibility

#: The quick path (``quick_detect``) judges the candidates on this many bytes of the file,
#: needs this many characters that tell encodings apart, a winner at least this plausible and
#: this far ahead of the runner-up.
QUICK_BYTES = 4096
QUICK_MIN_CHARS = 40
QUICK_SURE = 1.0
QUICK_MARGIN = 0.2
#: chardet only ever sees this many bytes.
SAMPLE_BYTES = 64 * 1024
#: Weight of chardet's ranking beside plausibility (which lies in [-2, 1]).
CHARDET_WEIGHT = 0.35
#: Codecs whose name is reported only when their own structures were needed to decode (see
#: ``decode_with``), which chance hardly produces: EUC-KR's eight-byte compositions of the
#: Hangul syllables KS X 1001 lacks. A bonus to their plausibility.
EVIDENT_CODECS = {"euc_kr": 0.5}
#: How many of chardet's own guesses join the candidates.
CHARDET_HINTS = 3


@dataclass(frozen=True)
class Family:
    """Legacy encodings decoded alike: tried narrowest first, reported by the widest name."""

    name: str
    language: str | None
    chardet_name: str | None
    codecs: tuple[str, ...]


@dataclass
class Candidate:
    family: Family
    text: str
    codec: str
    clean: bool = True
    score: float = 0.0
    plausibility: float = 0.0


@dataclass(frozen=True)
class Guess:
    """The chosen encoding, how sure the choice is, and the text (None: bytes did not decode)."""

    encoding: str
    confidence: float
    text: str | None


def _table(name: str) -> list[list[str]]:
    text = files("cleanse_plugins").joinpath(f"data/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def families() -> dict[str, Family]:
    """The legacy CJK families of ``data/decode_families.tsv``, by name."""
    return {
        name: Family(name, language, chardet_name, tuple(names.split()))
        for name, language, chardet_name, names in _table("decode_families.tsv")
    }


@cache
def _aliases() -> dict[str, str]:
    return {alias.lower(): family for alias, family in _table("decode_aliases.tsv")}


def codec_name(name: str) -> str:
    """The Python codec name of ``name``; unknown names raise LookupError."""
    return codecs.lookup(name).name


def family_of(name: str) -> Family:
    """The family an encoding name belongs to, or a family of that one codec."""
    aliases = _aliases()
    key = aliases.get(name.lower()) or aliases.get(codec_name(name).replace("-", "_"))
    if key:
        return families()[key]
    codec = codec_name(name)
    wide = codec.startswith(("utf-16", "utf-32"))
    return Family(codec, None, codec if wide else name, (codec,))


def decode_text(data: bytes, family: Family) -> str | None:
    """The text of ``data`` in ``family`` (first codec that decodes it strictly), or None."""
    for codec in family.codecs:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def decode_with(data: bytes, family: Family) -> tuple[str, str] | None:
    """Decode ``data`` strictly with the first codec of ``family`` that can: (codec, text).

    The name reported is the widest codec of the family that gives the very same text, so a
    GB2312 file is reported as gb18030 and a plain Big5 file as cp950, while the text stays
    that of the narrowest codec (Big5's and Shift_JIS's few differing mappings are kept).
    """
    for index, codec in enumerate(family.codecs):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        for wider in reversed(family.codecs[index + 1:]):
            try:
                if data.decode(wider) == text:
                    return wider, text
            except UnicodeDecodeError:
                pass
        return codec, text
    return None


def sample_of(data: bytes) -> bytes:
    """At most SAMPLE_BYTES of ``data``, ending at a line break when the data is longer."""
    if len(data) <= SAMPLE_BYTES:
        return data
    sample = data[:SAMPLE_BYTES]
    cut = sample.rfind(b"\n", SAMPLE_BYTES // 2)
    return sample[:cut + 1] if cut > 0 else sample


def _decode_sample(sample: bytes, family: Family, truncated: bool) -> Candidate:
    """The sample decoded by ``family``; where it fails, with U+FFFD (which scores badly).

    A legacy file with one corrupt byte must still be recognised as what it is, so that the
    byte is reported rather than the whole file read as Latin-1.
    """
    found = decode_with(sample, family)
    for trim in (1, 2, 3) if truncated else ():
        if found is not None:
            break
        found = decode_with(sample[:-trim], family)
    if found is not None:
        return Candidate(family, found[1], found[0])
    codec = family.codecs[-1]
    return Candidate(family, sample.decode(codec, "replace"), codec, clean=False)


def _wide_families(sample: bytes) -> list[Family]:
    """UTF-16 without BOM, when the bytes allow it.

    Text that reaches the detector has no zero byte, so read as UTF-16 it would hold no ASCII
    at all; its line-break and space bytes come only from code units such as U+4E0A, about one
    byte in 512. Bytes with many more are 8-bit text with lines and spaces, never UTF-16.
    """
    if len(sample) % 2:
        return []
    ascii_bytes = sample.count(b"\n") + sample.count(b" ")
    if ascii_bytes >= WIDE_MIN_ASCII and ascii_bytes * WIDE_ASCII_SHARE > len(sample):
        return []
    return [family_of("utf-16-le"), family_of("utf-16-be")]


#: At least this many line-break and space bytes, more than one in WIDE_ASCII_SHARE, rule out
#: UTF-16 (see ``_wide_families``).
WIDE_MIN_ASCII = 4
WIDE_ASCII_SHARE = 128


def chardet_ranking(sample: bytes, names: list[str] | None = None) -> list[tuple[str, float]]:
    """chardet's guesses for ``sample`` as (Python codec name, confidence), best first."""
    import chardet

    try:
        results = chardet.detect_all(
            sample, ignore_threshold=True, compat_names=False, prefer_superset=True,
            include_encodings=names, no_match_encoding=names[0] if names else "cp1252",
        )
    except ValueError:  # a name chardet does not know
        return []
    ranking = []
    for result in results:
        try:
            ranking.append((codec_name(result["encoding"]), float(result["confidence"] or 0.0)))
        except (LookupError, TypeError):
            continue
    return ranking


def candidates(data: bytes, fallback: str | None = None) -> list[Candidate]:
    """Every encoding worth trying on ``data``, decoded strictly on a sample and ranked."""
    sample = sample_of(data)
    truncated = len(sample) < len(data)
    pool: dict[str, Family] = {family.name: family for family in families().values()}
    for family in _wide_families(sample):
        pool[family.name] = family
    for name, _ in chardet_ranking(sample)[:CHARDET_HINTS]:
        if ascii_compatible(name):
            family = family_of(name)
            pool.setdefault(family.name, family)
    web_default = family_of(WEB_DEFAULT)
    pool.setdefault(web_default.name, web_default)
    if fallback:
        family = family_of(fallback)
        pool.setdefault(family.name, family)
    found = [_decode_sample(sample, family, truncated) for family in pool.values()]
    _score(sample, found)
    found.sort(key=lambda candidate: candidate.score, reverse=True)
    return found


@cache
def ascii_compatible(name: str) -> bool:
    """Whether ``name`` reads printable ASCII as ASCII (UTF-16/32 aside).

    chardet may call text with a stray high byte EBCDIC (cp1026, cp500...), which turns every
    space and tab into other characters; web text in those code pages does not occur, so their
    guesses are not tried (``--encoding`` and ``--fallback-encoding`` still can name them).
    """
    codec = codec_name(name)
    if codec.startswith(("utf-16", "utf-32")):
        return True
    printable = bytes(range(0x20, 0x7F)) + b"\t\n\r"
    try:
        return printable.decode(codec) == printable.decode("ascii")
    except UnicodeDecodeError:
        return False


#: The legacy encoding browsers assume for Western pages (the WHATWG Encoding Standard's
#: default); always a candidate, and preferred by WEB_DEFAULT_PRIOR among readings that are
#: as plausible as it (single-byte code pages all give letters, and chardet's guess among them
#: on a short text is often a Baltic or Cyrillic one).
WEB_DEFAULT = "cp1252"
WEB_DEFAULT_PRIOR = 0.02


#: A letter of one alphabet written against a letter of another (``зa``, ``trиs``: French
#: cp1252 read as mac-cyrillic) is what wrong single-byte readings give and words never hold.
#: So is a run of three accented Latin-1 letters (``Ïðèâåò``: Russian cp1251 read as cp1252):
#: Latin-script languages write accents on a few letters of a word, not on every one.
_MIXED_ALPHABETS = re.compile(
    "[A-Za-z\u00c0-\u024f][\u0370-\u03ff\u0400-\u04ff]"
    "|[\u0370-\u03ff\u0400-\u04ff][A-Za-z\u00c0-\u024f]"
    "|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{3}"
)
#: How much plausibility a text loses per such meeting, over its characters that count.
MIXED_ALPHABET_COST = 2.0


def mixed_alphabet_cost(text: str, counted: int) -> float:
    """The plausibility lost to letters of two alphabets inside one word (see above)."""
    if text.isascii() or not counted:
        return 0.0
    meetings = len(_MIXED_ALPHABETS.findall(text))
    return MIXED_ALPHABET_COST * meetings / counted if meetings else 0.0


def _score(sample: bytes, found: list[Candidate]) -> None:
    names = [c.family.chardet_name for c in found if c.family.chardet_name]
    ranked = dict(reversed(chardet_ranking(sample, names))) if len(names) > 1 else {}
    for candidate in found:
        family = candidate.family
        wide = family.name.startswith(("utf-16", "utf-32"))
        value, counted = plausibility(candidate.text, family.language, wide=wide)
        value -= mixed_alphabet_cost(candidate.text, counted)
        hint = ranked.get(codec_name(family.chardet_name)) if family.chardet_name else None
        if candidate.codec in EVIDENT_CODECS:
            value = min(BEST, value + EVIDENT_CODECS[candidate.codec])
        candidate.plausibility = value
        candidate.score = value + CHARDET_WEIGHT * (hint or 0.0)
        if candidate.codec == WEB_DEFAULT:
            candidate.score += WEB_DEFAULT_PRIOR


def quick_detect(data: bytes) -> Guess | None:
    """The legacy CJK encoding of ``data`` when a small sample leaves no doubt, else None.

    Most legacy files are in one encoding, and on a few kilobytes of text the right CJK family
    stands far above the others (the wrong ones fail to decode or give rare characters). Then
    neither chardet nor a large sample is needed: the whole file is decoded once, in C, by the
    winner. Anything less clear-cut (short files, single-byte code pages, close runners-up, a
    winner that fails later in the file) goes the full way through ``detect``.
    """
    sample = data[:QUICK_BYTES]
    truncated = len(sample) < len(data)
    if truncated:  # end on a line break, where no character is cut in two
        cut = sample.rfind(b"\n", QUICK_BYTES // 2)
        if cut > 0:
            sample, truncated = sample[:cut + 1], False
    scored: list[tuple[float, int, str, Family]] = []
    for family in families().values():
        found = decode_with(sample, family)
        for trim in (1, 2, 3) if truncated else ():
            if found is not None:
                break
            found = decode_with(sample[:-trim], family)
        if found is None:
            continue
        value, count = plausibility(found[1], family.language)
        if found[0] in EVIDENT_CODECS:
            value = min(BEST, value + EVIDENT_CODECS[found[0]])
        scored.append((value, count, found[0], family))
    if not scored:
        return None
    scored.sort(key=lambda entry: entry[0], reverse=True)
    value, count, _, family = scored[0]
    margin = value - scored[1][0] if len(scored) > 1 else 1.0
    if count < QUICK_MIN_CHARS or value < QUICK_SURE or margin < QUICK_MARGIN:
        return None
    decoded = decode_with(data, family)
    if decoded is None:
        return None
    # Taken only with a clear margin, so the confidence is the winner's plausibility alone.
    return Guess(decoded[0], round(max(0.0, min(1.0, value)), 3), decoded[1])


def confidence(found: list[Candidate]) -> float:
    """How sure the choice of ``found[0]`` is: its plausibility, lowered by a close runner-up."""
    best = found[0]
    margin = best.score - found[1].score if len(found) > 1 else 1.0
    return round(max(0.0, min(1.0, best.plausibility)) * min(1.0, 0.5 + margin), 3)


def detect(data: bytes, fallback: str | None = None) -> tuple[Guess, list[Candidate]]:
    """The single encoding that decodes all of ``data`` best, with the ranked candidates.

    The guess's text is None when the most plausible candidate does not decode the whole data
    (nor does the fallback): a file made of parts in different encodings, or with bytes that
    belong to no encoding.
    """
    found = candidates(data, fallback)
    best = found[0]
    if best.clean:
        decoded = decode_with(data, best.family)
        if decoded is not None:
            return Guess(decoded[0], confidence(found), decoded[1]), found
    if fallback:
        decoded = decode_with(data, family_of(fallback))
        if decoded is not None:
            return Guess(decoded[0], 0.0, decoded[1]), found
    return Guess(best.codec, confidence(found), None), found
