"""Plausibility of decoded text: how much of it is made of the common characters of a language.

A wrong legacy decoding still gives characters, but not the ones people write: Chinese bytes read
as Latin-1 give accented letters and symbols, GBK read as UTF-16 gives random ideographs. The
"common characters" of each language are the first levels of its national standard (GB 2312,
Big5 level 1, JIS X 0208 level 1, KS X 1001's 2,350 Hangul), taken from the codecs themselves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

#: For each language: the codec and the two-byte ranges (lead bytes, trail bytes) holding its
#: punctuation, native letters (kana, Hangul) and first-level ideographs. Rows of foreign
#: scripts (Greek, Cyrillic, box drawing, and kana in Chinese) are left out on purpose: wrong
#: decodings land there.
_COMMON_RANGES: dict[str, tuple[str, tuple[tuple[range, range], ...]]] = {
    "zh-hans": ("gb2312", (
        (range(0xA1, 0xA4), range(0xA1, 0xFF)), (range(0xB0, 0xD8), range(0xA1, 0xFF)),
    )),
    "zh-hant": ("big5", (
        (range(0xA1, 0xC6), range(0x40, 0x7F)), (range(0xA1, 0xC6), range(0xA1, 0xFF)),
        (range(0xC6, 0xC7), range(0x40, 0x7F)),
    )),
    "ja": ("euc_jp", (
        (range(0xA1, 0xA6), range(0xA1, 0xFF)), (range(0xB0, 0xD0), range(0xA1, 0xFF)),
    )),
    "ko": ("euc_kr", (
        (range(0xA1, 0xA4), range(0xA1, 0xFF)), (range(0xB0, 0xC9), range(0xA1, 0xFF)),
    )),
}
LANGUAGES = tuple(_COMMON_RANGES)
#: Weight of a CJK letter outside the common set (rare characters are real, but rarer).
RARE = 0.3
#: Extra weight of the most frequent characters of the language (``data/decode_frequent.tsv``).
FREQUENT_BONUS = 0.5
#: The highest plausibility a text can reach.
BEST = 1.0 + FREQUENT_BONUS
#: Weight of a common kana or Hangul in text of another language (Korean quoted in Chinese).
FOREIGN_LETTER = 0.8
#: Weight of characters no text contains: controls, private use, unassigned, U+FFFD.
BAD = -2.0


@cache
def common_chars(language: str) -> frozenset[str]:
    """The common characters of ``language`` (``zh-hans``, ``zh-hant``, ``ja``, ``ko``)."""
    codec, ranges = _COMMON_RANGES[language]
    chars = set()
    for leads, trails in ranges:
        for lead in leads:
            for trail in trails:
                try:
                    char = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if not _FOREIGN_IN_ROWS.match(char):
                    chars.add(char)
    chars.discard("\ufffd")
    return frozenset(chars)


#: Scripts that share rows with common characters (Big5's row A3 holds Greek and bopomofo, which
#: running Chinese text hardly uses) but are what wrong decodings produce.
_FOREIGN_IN_ROWS = re.compile("[\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\u3100-\u312f]")


@cache
def frequent_chars(language: str) -> frozenset[str]:
    """The most frequent characters of ``language``, from ``data/decode_frequent.tsv``."""
    text = files("cleanse_plugins").joinpath("data/decode_frequent.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith(language + "\t"):
            return frozenset(line.split("\t", 1)[1].strip())
    return frozenset()


@cache
def any_common() -> frozenset[str]:
    return frozenset().union(*(common_chars(language) for language in LANGUAGES))


def _is_cjk_letter(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7A3
        or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
    )


def _weight(char: str, common: frozenset[str]) -> float:
    if char in common:
        return 1.0
    if ("\uac00" <= char <= "\ud7a3" or "\u3040" <= char <= "\u30ff") and char in any_common():
        return FOREIGN_LETTER
    if char == "\ufffd":
        return BAD
    if _is_cjk_letter(char):
        return RARE
    category = unicodedata.category(char)
    if category in ("Cc", "Co", "Cn", "Cs"):
        return BAD
    if category.startswith("L"):
        return 0.5
    return 0.1


def plausibility(text: str, language: str | None, *, wide: bool = False) -> tuple[float, int]:
    """Average weight of the characters that tell encodings apart, and how many there were.

    Only non-ASCII characters count for byte-oriented encodings, since every candidate decodes
    ASCII alike; for UTF-16/32 (``wide``) every character counts, ASCII as common. The weight is
    1 for a common character of ``language`` (of any language for UTF-16/32; none for other
    encodings), less for rarer letters, negative for controls, private use and unassigned code
    points.
    """
    return summary(classes(text, language, wide=wide))


def summary(classified: str) -> tuple[float, int]:
    """(average weight, count) of a string of class letters made by ``classes``."""
    count = len(classified) - classified.count("\n")
    if not count:
        return 1.0, 0
    common, frequent = classified.count(COMMON), classified.count(FREQUENT)
    if common + frequent == count:  # the usual line of right text: two counts suffice
        return (common + frequent * _LETTER_WEIGHTS[FREQUENT]) / count, count
    total = 0.0
    for letter, weight in _LETTER_WEIGHTS.items():
        times = classified.count(letter)
        if times:
            total += times * weight
    return total / count, count


def surprise(classified: str) -> float:
    """How unlikely a line of class letters (``classes``) is as text of its language.

    The plausibility weights rank characters; this turns them into something like the negative
    log-likelihood of a unigram model (a frequent character costs nothing, a merely common one
    about 2.5 nats, which is what the frequent list's share of real text makes it, a rare one,
    a foreign letter or a symbol more), so that lines and runs of lines can be compared by sum:
    a run of Korean read as GBK gives common but seldom frequent Han characters, and loses to
    the Hangul of its right reading by a margin that grows with its length.
    """
    total = 0.0
    for letter, weight in _LETTER_WEIGHTS.items():
        times = classified.count(letter)
        if times:
            total += times * _surprise(weight)
    return total


def _surprise(weight: float) -> float:
    if weight >= BEST:
        return 0.0
    if weight >= 1.0:
        return COMMON_SURPRISE * (BEST - weight) / FREQUENT_BONUS
    return COMMON_SURPRISE + (1.0 - weight) * RARER_SURPRISE


#: ``surprise`` of a common but not frequent character, and the extra per unit of weight below.
COMMON_SURPRISE = 2.5
RARER_SURPRISE = 3.0


def classes(text: str, language: str | None, *, wide: bool = False) -> str:
    """``text`` with each character that counts replaced by the letter of its weight class.

    ASCII is dropped for byte-oriented encodings (it tells nothing) and line breaks are kept,
    so that the result splits into the same lines as ``text``. One ``str.translate`` does the
    work at C speed, with a table indexed by code point (a list: twice as fast as a dict) that
    learns the characters it has not seen yet; the rare astral ones go through a second pass.
    """
    key = (language, wide)
    table = _tables.get(key)
    if table is None:
        table = _tables[key] = _bmp_table(wide)
    classified = text.translate(table)
    if not classified.isascii():
        astral = _astral.setdefault(key, {})
        learnt: dict[int, str] = {}
        for char in set(_UNSEEN.findall(classified)):
            code = ord(char)
            letter = astral.get(code) or _letter(_char_weight(char, language, wide))
            learnt[code] = letter
            if code < len(table):
                table[code] = letter
            elif len(astral) < WEIGHT_CACHE:
                astral[code] = letter
        classified = classified.translate(learnt)
    return classified


#: Weights of astral characters are kept in a dict; random binary-like text could make it
#: grow without end, so it stops learning past this size.
WEIGHT_CACHE = 100_000
_tables: dict[tuple[str | None, bool], list[int | str | None]] = {}
_astral: dict[tuple[str | None, bool], dict[int, str]] = {}
#: Each distinct weight gets a letter (a handful of values: see ``_char_weight``).
_LETTER_WEIGHTS: dict[str, float] = {}
_WEIGHT_LETTERS: dict[float, str] = {}
_UNSEEN = re.compile("[^\x00-\x7f]")


def _letter(weight: float) -> str:
    weight = round(weight, 6)
    letter = _WEIGHT_LETTERS.get(weight)
    if letter is None:
        letter = chr(ord("A") + len(_WEIGHT_LETTERS))
        assert letter <= "Z", "too many weight classes"
        _WEIGHT_LETTERS[weight] = letter
        _LETTER_WEIGHTS[letter] = weight
    return letter


#: The letters of a common character, and of a common and frequent one.
COMMON = _letter(1.0)
FREQUENT = _letter(1.0 + FREQUENT_BONUS)


def _bmp_table(wide: bool) -> list[int | str | None]:
    """A translate table for the BMP: ASCII classified (or dropped), the rest not seen yet
    (mapped to itself, which ``classes`` notices as non-ASCII left in the result)."""
    table: list[int | str | None] = list(range(0x10000))
    for code in range(0x80):
        char = chr(code)
        if char == "\n":
            table[code] = "\n" if not wide else _letter(1.0)
        elif wide:
            table[code] = _letter(_char_weight(char, None, wide))
        else:
            table[code] = None
    return table


def _char_weight(char: str, language: str | None, wide: bool) -> float:
    if char < "\x80":
        return 1.0 if (char.isprintable() or char in "\t\n\r") else BAD
    if language:
        common = common_chars(language)
    else:
        common = any_common() if wide else frozenset()
    bonus = FREQUENT_BONUS if language and char in frequent_chars(language) else 0.0
    return _weight(char, common) + bonus
