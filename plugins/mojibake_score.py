"""How plausible a piece of East Asian text is: the judge every CJK mojibake repair must pass.

A repair is accepted only when its result reads like real text and the text it replaces does not.
Real text is made almost entirely of *common* characters: the ideographs the national standards
put in their first, most frequent level (GB2312 level 1, Big5 level 1, JIS X 0208 level 1), kana
and the Hangul syllables of KS X 1001. Mojibake is not: misread bytes land all over the code table, in rare ideographs, GBK's
extension rows, symbols and the private use area. The sets come from the stdlib codecs, so they
need no data file and cannot drift from the encodings they describe.

>>> weight("的"), weight("浣"), weight("a"), weight("\\ue000")
(1, -1, 0, -2)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

COMMON, NEUTRAL, RARE, BAD = 1, 0, -1, -2
_ASCII_TRAILS = range(0x40, 0x7F)


def _pairs(codec: str, leads: Iterable[int], trails: Iterable[int]) -> Iterable[str]:
    trail_list = list(trails)
    for lead in leads:
        for trail in trail_list:
            try:
                yield bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue


@cache
def common_ideographs() -> frozenset[str]:
    """The level-1 ideographs of GB2312, Big5 and JIS X 0208: the everyday characters."""
    chars: set[str] = set()
    chars.update(_pairs("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)))
    chars.update(_pairs("big5", range(0xA4, 0xC7), [*_ASCII_TRAILS, *range(0xA1, 0xFF)]))
    chars.update(_pairs("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF)))
    chars.add("\u3007")
    return frozenset(c for c in chars if len(c) == 1 and _is_ideograph(c) and c <= "\u9fff")


@cache
def common_hangul() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001, the ones Korean text is written in; the other
    8,822 of Unicode's block are as rare as GBK's extension rows (뵛 from 氲涚 read as UTF-8)."""
    return frozenset(c for c in _pairs("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))
                     if "\uac00" <= c <= "\ud7a3")


def _is_ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


@lru_cache(maxsize=16384)
def weight(char: str) -> int:
    """+1 common letter, 0 neutral (ASCII, punctuation, other scripts), -1 rare, -2 not text."""
    if char < "\x80":
        return NEUTRAL if char.isprintable() or char in "\t\n\r" else BAD
    if "\u3040" <= char <= "\u30ff":
        return COMMON
    if "\uac00" <= char <= "\ud7a3":
        return COMMON if char in common_hangul() else RARE
    category = unicodedata.category(char)
    if category in ("Cn", "Co", "Cs", "Cc") or char == "\ufffd" or "\uf900" <= char <= "\ufaff":
        return BAD
    if _is_ideograph(char):
        return COMMON if char in common_ideographs() else RARE
    if "\u2500" <= char <= "\u257f" or "\u2460" <= char <= "\u24ff" or "\u3100" <= char <= "\u312f":
        return RARE
    return NEUTRAL


@dataclass(frozen=True)
class Verdict:
    """Why a repair was accepted: the scores of both sides and a confidence in [0, 1]."""

    before: float
    after: float
    confidence: float


@cache
def east_asian_punctuation() -> frozenset[str]:
    """The punctuation rows of GB2312 and Big5 (、。·—…“”《》，！), CJK symbols, full-width forms."""
    chars = set(_pairs("gb2312", (0xA1, 0xA3), range(0xA1, 0xFF)))
    chars.update(_pairs("big5", (0xA1,), [*_ASCII_TRAILS, *range(0xA1, 0xFF)]))
    chars.update(map(chr, range(0x3000, 0x3040)))
    return frozenset(c for c in chars if len(c) == 1 and not c.isalnum() and
                     (c >= "\u2000" or c == "\u00b7"))


def _is_east_asian_punctuation(char: str) -> bool:
    return char in east_asian_punctuation()


def _is_kana(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff"


def judge(before: str, after: str, *, min_common: int = 2,
          bytes_before: bool = False) -> Verdict | None:
    """Accept ``after`` as the reading of ``before`` only if it is clean and clearly more plausible.

    ``after`` may hold no character that never occurs in text (but for a few U+FFFD standing for
    bytes lost before the text reached us), needs ``min_common`` common letters (with 0, East
    Asian punctuation will do),
    and its share of rare ideographs must be small: none at all in short runs, where chance
    agreement is likeliest, and at most a quarter in long ones (names and terms are rare too).
    Kana count as common only where there are enough of them to be Japanese: a lone ``セ`` among
    Chinese characters is a misread symbol row, not a word.

    A U+FFFD counts on neither side: the byte it stands for is lost whether or not the run around
    it is repaired, so it must not make a repair look better than the same run without it would
    (``ÄãºÃ`` is 你好 in GBK and 斕疑 in Big5 alike; two holes after it must not decide).

    With ``bytes_before`` the characters of ``before`` below U+0100 are bytes read as Latin-1,
    not text: ``·`` there is no middle dot (``¡·`` is 》), so it scores as no punctuation.

    >>> judge("浣犲ソ涓栫晫", "你好世界").confidence
    0.97
    >>> judge("的是", "滑") is None
    True
    """
    weights = [weight(c) for c in after if c != "\ufffd"]
    if BAD in weights:
        return None
    common, rare = weights.count(COMMON), weights.count(RARE)
    kana = sum(map(_is_kana, after))
    if kana and kana * 10 < common * 3:
        common, rare = common - kana, rare + kana
    if common < min_common or 2 * (len(after) - len(weights)) > common:
        return None
    punctuation = sum(map(_is_east_asian_punctuation, after))
    if not common and not punctuation:
        return None
    if rare and (common + rare < 6 or rare * 4 > common + rare):
        return None
    marks = (c for c in before if c >= "\u0100") if bytes_before else before
    score_before = sum(weight(c) for c in before if c != "\ufffd") \
        + sum(map(_is_east_asian_punctuation, marks)) / 2
    score_after = common - rare + punctuation / 2
    if score_after <= score_before:
        return None
    share = common / (common + rare) if common + rare else 1.0
    confidence = share * (1 - 0.5 ** (common + 1)) * min(1.0, (score_after - score_before) / 3)
    return Verdict(score_before, score_after, round(confidence, 2))
