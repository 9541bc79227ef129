"""Line folding and normalization shared by ``boilerplate``, ``dedupe`` and ``cleanse learn``.

Rules are written once, in simplified Chinese with ASCII punctuation, and must match a page
whatever its script and punctuation width; so every line is *folded* before matching: width
forms to ASCII (NFKC on non-ASCII characters) and traditional to simplified (OpenCC ``t2s``).

Pages are folded whole, not line by line: a handful of passes in C over the text cost less than
one Python step per character or one OpenCC call per line, and since no OpenCC phrase spans a
line break, the lines of the folded page are the folded lines.

>>> fold("來源：雪球")
'来源:雪球'
>>> normalize("查看: 1024") == normalize("查看：265")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, NamedTuple

#: Punctuation that ends or splits a sentence, after folding (full-width forms become ASCII).
SENTENCE_PUNCT = frozenset(",.!?;:。、…")
_SENTENCE_PUNCT = re.compile("[,.!?;:。、…]")
_DIGITS = re.compile(r"\d+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: Below this many characters the per-character loops are used: the tables the fast paths
#: need cost milliseconds to build, which a small pipe (``echo 中文 | cleanse run``) never repays.
SMALL = 256
#: Distinct characters replaced one ``str.replace`` each before the rest go in one ``re.sub``.
REPLACE_ROUNDS = 32
#: The same for marks, which go to nothing: after a few of the most common (found first), one
#: ``sub`` of the rest costs less than a ``replace`` each (measured on the sample pages).
STRIP_ROUNDS = 6


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # heavy: only when a stage really folds text

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _t2s_char(char: str) -> str:
    converted: str = _converter().convert(char)
    return converted if len(converted) == 1 else char


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond the BMP: its UTF-16 form is then longer than
    two bytes a character (one C pass, several times faster than a regex scan)."""
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _paged() -> bool:
    """Whether whole pages are being folded here (their tables are built): then the tables of
    the line functions pay off too."""
    return _width_table.cache_info().currsize > 0


def _ranges(chars: list[str]) -> str:
    """A regex class body for ``chars``, as ranges: compiling it stays cheap."""
    codes = sorted(map(ord, chars))
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            parts.append(re.escape(chr(start)) if start == previous
                         else f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
        previous = code
    return "".join(parts)


@lru_cache(maxsize=1)
def _width_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """The BMP characters NFKC changes (every one has a decomposition), and their folds.

    Built on first use (a few milliseconds) rather than shipped, so that it always follows the
    running Python's Unicode version; astral characters are folded one by one, they are rare.
    """
    folds: dict[str, str] = {}
    decomposition, nfkc = unicodedata.decomposition, unicodedata.normalize
    for char in map(chr, range(0x80, 0x10000)):
        if decomposition(char):
            folded = nfkc("NFKC", char)
            if folded != char:
                folds[char] = folded
    return re.compile(f"[{_ranges(list(folds))}]"), folds


def _fold_char(match: re.Match[str]) -> str:
    char = match.group()
    folds = _width_table()[1]
    folded = folds.get(char)
    if folded is None:
        folded = folds[char] = unicodedata.normalize("NFKC", char)
    return folded


def width_fold(text: str) -> str:
    """NFKC applied to each non-ASCII character on its own: ``：`` -> ``:``, ``…`` -> ``...``."""
    if text.isascii():
        return text
    if len(text) < SMALL and _width_table.cache_info().currsize == 0:
        return "".join(char if char.isascii() else unicodedata.normalize("NFKC", char)
                       for char in text)
    pattern, folds = _width_table()
    # One ``replace`` per distinct character (found by a search from where the last one was)
    # beats a callback per occurrence; safe since no fold contains a character that folds again
    # (NFKC output is NFKC-stable).
    folded = replace_each(pattern, text, folds)
    if has_astral(folded):
        folded = _ASTRAL.sub(_fold_char, folded)
    return folded


def replace_each(pattern: re.Pattern[str], text: str, table: dict[str, str] | None = None,
                 rounds: int = REPLACE_ROUNDS, rest: re.Pattern[str] | None = None) -> str:
    """Replace every character ``pattern`` (a one-character class) finds by ``table[char]``
    (nothing when ``table`` is None), one ``str.replace`` per distinct character: a page holds
    few distinct marks and full-width forms, and each replace runs in C over the whole text.
    After ``rounds`` distinct characters the rest go in one ``sub`` (of ``rest`` when given:
    the same class with a ``+``, when they go to nothing)."""
    position = 0
    for _ in range(rounds):
        found = pattern.search(text, position)
        if found is None:
            return text
        char, position = found.group(), found.start()
        text = text.replace(char, "" if table is None else table[char])
    if table is None:
        return (rest or pattern).sub("", text)
    return pattern.sub(lambda match: table[match.group()], text)


def _width_fold(line: str) -> tuple[str, list[int]]:
    """``width_fold`` with the position in ``line`` of every folded character."""
    folded = width_fold(line)
    if len(folded) == len(line):  # no character folds to nothing: one for one
        return folded, list(range(len(line)))
    index: list[int] = []
    for position, char in enumerate(line):
        index.extend([position] * len(width_fold(char)))
    return folded, index


def _t2s_line(folded: str) -> str:
    if folded.isascii():
        return folded
    converted: str = _converter().convert(folded)
    if len(converted) != len(folded):  # a phrase conversion changed the length: go char by char
        converted = "".join(_t2s_char(char) for char in folded)
    return converted


def fold_with_index(line: str) -> tuple[str, list[int]]:
    """Fold ``line`` and map every folded character back to its position in ``line``.

    The map lets a rule extract a field from the page's own characters, not the folded ones.
    """
    folded, index = _width_fold(line)
    return _t2s_line(folded), index


def fold(line: str) -> str:
    """Width- and script-insensitive form of ``line``, for matching."""
    return _t2s_line(width_fold(line))


def fold_lines(lines: list[str]) -> list[str]:
    """``[fold(line) for line in lines]``, folding the page in one piece."""
    folded = fold_page("\n".join(lines)).split("\n")
    if len(folded) != len(lines):  # a character folded to a line break (none does today)
        return [fold(line) for line in lines]
    return folded


def fold_page(page: str) -> str:
    """``fold`` of every line of ``page``; the lines stay where they are.

    Only the lines with a character ``t2s`` may change go through OpenCC (``script_charsets``):
    on a simplified page, none.
    """
    wide = width_fold(page)
    if wide.isascii():
        return wide
    if wide.count("\n") != page.count("\n"):  # a character folded to a line break
        return "\n".join(fold(line) for line in page.split("\n"))
    table = _triggers() if len(wide) >= SMALL or _triggers.cache_info().currsize else None
    if table is None or has_astral(wide):
        return "\n".join(_t2s_lines(wide.split("\n")))
    some, chars, phrases, _astral = table
    spans = [(start, end) for start, end in _lines_with(some, wide)
             if chars.search(wide, start, end) or phrases.search(wide, start, end)]
    if not spans:
        return wide
    converted = _t2s_lines([wide[start:end] for start, end in spans])
    pieces: list[str] = []
    cursor = 0
    for (start, end), line in zip(spans, converted):
        pieces += [wide[cursor:start], line]
        cursor = end
    pieces.append(wide[cursor:])
    return "".join(pieces)


def lines_with(pattern: re.Pattern[str], text: str) -> list[int]:
    """Indexes of the lines of ``text`` where ``pattern`` is found, one search a line."""
    found: list[int] = []
    position = index = 0
    while (match := pattern.search(text, position)) is not None:
        index += text.count("\n", position, match.start())
        found.append(index)
        end = text.find("\n", match.end())
        if end < 0:
            break
        position, index = end + 1, index + 1
    return found


def _lines_with(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` where ``pattern`` is found, one search a line."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (found := pattern.search(text, position)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        spans.append((start, end))
        position = end + 1
    return spans


def _t2s_lines(wide: list[str]) -> list[str]:
    """``[_t2s_line(line) for line in wide]`` with one OpenCC call for all of them: no OpenCC
    phrase spans a line break, so the lines of the converted text are the converted lines."""
    converted = _converter().convert("\n".join(wide)).split("\n")
    if len(converted) != len(wide):
        return [_t2s_line(line) for line in wide]
    return [new if len(new) == len(old) and not old.isascii() else _t2s_line(old)
            for old, new in zip(wide, converted)]


@lru_cache(maxsize=1)
def _triggers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]] | None:
    """What ``t2s`` may change (``script_charsets``): a class of the BMP characters that change
    on their own and of those the phrases change, to find the lines to look at in one search;
    the characters alone and the phrases, to tell whether such a line changes; the astral
    characters. None when the table was made for another OpenCC (every non-ASCII line is
    then converted)."""
    import opencc

    from cleanse_plugins.script_charsets import (
        OPENCC_VERSION,
        T2S_ALSO_CHANGED,
        T2S_PHRASE_CHARS,
        T2S_PHRASES,
        TRADITIONAL,
    )

    TRIGGERS, PHRASES, PHRASE_CHARS = TRADITIONAL + T2S_ALSO_CHANGED, T2S_PHRASES, T2S_PHRASE_CHARS

    if getattr(opencc, "__version__", None) != OPENCC_VERSION:
        return None
    bmp = [char for char in TRIGGERS if ord(char) < 0x10000]
    astral = frozenset(char for char in TRIGGERS if ord(char) >= 0x10000)
    phrases = "|".join(re.escape(text) for text in sorted(PHRASES, key=len, reverse=True))
    some = sorted({*bmp, *(char for char in PHRASE_CHARS if ord(char) < 0x10000)})
    return (re.compile(f"[{_ranges(some)}]"), re.compile(f"[{_ranges(bmp)}]"),
            re.compile(phrases), astral)


@lru_cache(maxsize=1)
def _dropped() -> re.Pattern[str]:
    """Characters no key keeps: white space, punctuation, symbols and controls (not ``\\n``)."""
    category = unicodedata.category
    chars = [char for char in map(chr, range(0x10000))
             if char != "\n" and (char.isspace() or category(char)[0] in "PSC")]
    return re.compile(f"[{_ranges(chars)}]+")


@lru_cache(maxsize=1)
def _dropped_char() -> re.Pattern[str]:
    """``_dropped`` one character at a time, for ``replace_each``."""
    return re.compile(_dropped().pattern.removesuffix("+"))


def _kept(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char)[0] not in "PSC"


def strip_marks(text: str) -> str:
    """``text`` without white space, punctuation, symbols or controls; line breaks stay."""
    if len(text) < SMALL and _dropped.cache_info().currsize == 0:
        return "".join(char for char in text if char == "\n" or _kept(char))
    stripped = replace_each(_dropped_char(), text, rounds=STRIP_ROUNDS, rest=_dropped())
    if has_astral(stripped):
        stripped = _ASTRAL.sub(lambda match: match.group() if _kept(match.group()) else "",
                               stripped)
    return stripped


def _han(char: str) -> bool:
    """Whether ``han_counts`` counts ``char``: the ideograph blocks of the BMP (U+3400 to
    U+9FFF, by the high byte of their UTF-16 form) and the supplementary ideographic planes."""
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003ffff"


class HanTables(NamedTuple):
    """What ``han_counts`` needs (``_han_tables``)."""

    #: turn the high bytes of a page's UTF-16 form into one ``h`` per Han character (translate
    #: with ``table``, deleting ``delete``) and a line break per line
    table: bytes
    delete: bytes
    #: deleting these leaves the high bytes of the blocks with a character whose key holds
    #: another number of Han characters than it (``㈠`` -> ``(一)``, ``豈`` -> ``豈``, ``⼀`` ->
    #: ``一``, ``䷀`` dropped), those characters; and those of the block U+3000, looked for one
    #: by one (Chinese punctuation lives there)
    unsafe_blocks: bytes
    unsafe: re.Pattern[str]
    unsafe_3000: str
    #: the same for the characters whose key is longer than they are (``ß``, ``™``, ``㍿``): the
    #: blocks but U+0000, U+2000 and U+3000, and those three blocks' characters
    longer_blocks: bytes
    longer: re.Pattern[str]
    longer_common: str


@lru_cache(maxsize=1)
def _han_tables() -> HanTables:
    unsafe, longer = [], []
    folds = _width_table()[1]
    for code in range(0x10000):
        char = chr(code)
        if char in folds or char.casefold() != char:
            key = "".join(filter(_kept, unicodedata.normalize("NFKC", char).casefold()))
            if _han(char) != sum(map(_han, key)):
                unsafe.append(char)
            if len(key) > 1:
                longer.append(char)
        elif _han(char) and not _kept(char):  # its key is empty
            unsafe.append(char)
    table = bytearray(range(256))
    for high in range(0x34, 0xA0):
        table[high] = ord("h")
    keep = {*range(0x34, 0xA0), 0x0A}
    # 0A: the line breaks' high byte here (no character of that block is left by then)
    common = {0x00, 0x0A, 0x20, 0x30}

    def blocks(chars: list[str], leave: set[int]) -> bytes:
        found = {ord(char) >> 8 for char in chars} - leave
        return bytes(high for high in range(256) if high not in found)

    return HanTables(
        bytes(table), bytes(high for high in range(256) if high not in keep),
        blocks(unsafe, {0x0A, 0x30}), re.compile(f"[{_ranges(unsafe)}]"),
        "".join(char for char in unsafe if ord(char) >> 8 == 0x30),
        blocks(longer, common), re.compile(f"[{_ranges(longer)}]"),
        "".join(char for char in longer if ord(char) >> 8 in common - {0x0A}))


class HanCounts(NamedTuple):
    """``han_counts`` of a page."""

    #: the number of Han characters on each line
    counts: list[int]
    #: whether no line's key can be longer than the line (no ``ß``, ``™``, ``㍿``...)
    bounded: bool


#: Astral characters whose key holds a Han character they are not counted as (enclosed
#: ideographs ``🈐``, compatibility ideographs), or counted ones (the pages with any go the long way).
_ASTRAL_HAN = re.compile("[\U0001F200-\U0001F2FF\U00020000-\U0003FFFF]")


def han_counts(page: str) -> HanCounts | None:
    """The number of Han characters on each line of ``page``, in a few C-level passes over its
    UTF-16 form; None for a page with a character whose key would count otherwise.

    Folding keeps the count (``t2s`` turns Han into Han, one for one; width forms and marks hold
    none), so two lines with one ``dedupe_key`` have one count: lines whose count no other line
    has repeat no line, and need no key to tell it. None also when OpenCC is not the one the
    trigger table was made for, or a character of the block U+0A00 could pass for a line break,
    or for a small page while the tables are not built yet.
    """
    if len(page) < SMALL and _han_tables.cache_info().currsize == 0 or _triggers() is None:
        return None  # a small pipe: the tables cost more than they save
    tables = _han_tables()
    data = page.replace("\n", "\u0a0a").encode("utf-16-le", "surrogatepass")
    astral = len(data) != 2 * len(page)
    if astral and _ASTRAL_HAN.search(page):
        return None
    high = data[1::2]
    # "\n" went to U+0A0A: its high byte is 0A, which no other character may have
    if high.count(b"\n") != page.count("\n"):
        return None
    if high.translate(None, tables.unsafe_blocks) and tables.unsafe.search(page):
        return None
    for char in tables.unsafe_3000:
        if char in page:
            return None
    bounded = not astral and not (high.translate(None, tables.longer_blocks)
                                  and tables.longer.search(page))
    if bounded:
        bounded = not any(char in page for char in tables.longer_common)
    counts = list(map(len, high.translate(tables.table, tables.delete).split(b"\n")))
    return HanCounts(counts, bounded)


def copy_candidates(lines: list[str], found: HanCounts, min_chars: int) -> list[int]:
    """Indexes of the non-empty ``lines`` that may repeat another or be repeated, their keys
    being ``min_chars`` long at least (``han_counts``): those whose count another line has too,
    and, when no key is longer than its line, that long themselves."""
    counts = found.counts
    seen = Counter(counts)
    if len(seen) == len(counts):
        return []
    shared = {count for count, times in seen.items() if times > 1}
    if found.bounded:
        return [i for i, count in enumerate(counts)
                if count in shared and len(lines[i]) >= min_chars]
    return [i for i, count in enumerate(counts) if count in shared and lines[i]]


def normalize(line: str) -> str:
    """CCNet-style key of a line: folded, lower case, digit runs to 0, no punctuation or space.

    CCNet maps every digit to 0; here a digit *run* becomes one 0 so that counters of any size
    (``查看: 265``, ``查看: 1024``) give one template line.
    """
    return strip_marks(_DIGITS.sub("0", fold(line).lower()).replace("\n", ""))


def normalize_folded(folded: list[str]) -> list[str]:
    """``normalize`` of lines already folded, computed in one piece."""
    return strip_marks(_DIGITS.sub("0", "\n".join(folded).lower())).split("\n")


def line_hash(line: str) -> str:
    """Hash of the normalized line, as written by ``cleanse learn`` (16 hex digits)."""
    return hash_normalized(normalize(line))


def hash_normalized(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4096)
def weight(folded: str) -> int:
    """Visible size of a line: each Han character and each Latin word or number counts one."""
    latin = _LATIN_WORD.findall(folded)
    rest = _LATIN_WORD.sub("", folded)
    if rest.isascii():  # no letter is left in ASCII once the Latin words are gone
        return len(latin)
    if len(rest) < SMALL and _letters.cache_info().currsize == 0 and not _paged():
        return len(latin) + sum(1 for char in rest if unicodedata.category(char)[0] == "L")
    letters = _letters().subn("", rest)[1]
    if has_astral(rest):
        letters += sum(1 for char in _ASTRAL.findall(rest)
                       if unicodedata.category(char)[0] == "L")
    return len(latin) + letters


@lru_cache(maxsize=1)
def _letters() -> re.Pattern[str]:
    """The BMP letters (category L*), counted by ``re`` instead of one call per character."""
    category = unicodedata.category
    letters = [char for char in map(chr, range(0x10000)) if category(char)[0] == "L"]
    return re.compile(f"[{_ranges(letters)}]")


def has_sentence_punct(folded: str) -> bool:
    return _SENTENCE_PUNCT.search(folded) is not None
