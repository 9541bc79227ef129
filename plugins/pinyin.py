"""Stage ``pinyin``: drop the readings a broken converter left after characters.

Some converters annotate one character at a time: ``創(chuàng)業(yè)`` for ``創業``. An annotation
is removed only when it directly follows a Han character and is one of that character's readings
(pypinyin, every reading), written with tone marks (``chuàng``), a tone number (``chuang4``,
``de5``), without a tone (``chuang``), with ``v``/``u:`` for ``ü``, in either case, in ASCII or
full-width parentheses, or as bopomofo (``ㄔㄨㄤˋ``). Everything else stays: ``(CMU)``,
``(語言生成模型)``, a gloss after a whole word (``北京(Běijīng)``), a reading of another
character (``業(chuàng)``, kept with a warning).

The one judgement call is case. A tone-less annotation that is not all lowercase (``張(Zhang)``,
``安(AN)``) is kept: a converter writes lowercase, and a capitalised tone-less word is far more
often a deliberate gloss, a name or English. With a tone (``張(Zhāng)``, ``張(Zhang1)``) the
annotation is the converter's whatever its case, and is removed. ``--keep-toneless-pinyin`` keeps
lowercase tone-less annotations too, for text where ``他(ta)`` may be deliberate.

Cost: candidates are found by one regex per opening parenthesis, which ``re`` skips to as fast as
``str.find`` does, so text without a candidate is scanned at close to ``str.count`` speed; each
distinct (character, candidate) pair is judged once per process (an annotated page repeats them),
so a candidate costs a match, a dictionary look-up and its record. pypinyin's table of
single-character readings is read once a candidate appears, from its module file on its own
where it can be: importing the package loads its phrase table too (0.2 s, and 45 MB in every
worker), which readings of single characters never use. The package itself is imported only for
a bopomofo annotation.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from cleanse import Change, Document, Option, Stage, hookimpl

OPENERS = ("(", "\uff08")
BOPOMOFO_TONES = "\u02c9\u02ca\u02c7\u02cb\u02d9"
# What may stand between the parentheses: one syllable of Latin letters (precomposed or
# combining tone marks, ``u:``) with an optional tone number, or one bopomofo syllable.
BODY = re.compile(
    "(?:([a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0300-\u030c:]{1,10}[0-5]?)"
    f"|([\u3105-\u312f\u31a0-\u31bf{BOPOMOFO_TONES}]{{1,6}}))[)\uff09]"
)
HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
SYLLABLE = re.compile("[a-z\u00fc\u00ea]{1,6}")


class Syllable(NamedTuple):
    """A Latin reading reduced to comparable parts: ``chuàng`` and ``chuang4`` give the same."""

    base: str
    tone: int | None
    """1-4, 5 for the neutral tone; ``None`` for an annotation written without any tone."""


class Annotation(NamedTuple):
    start: int
    end: int
    char: str
    text: str
    note: str
    """Why: the reason recorded for a removed annotation, the reading for a kept one."""


@lru_cache(maxsize=4096)
def parse_syllable(text: str) -> Syllable | None:
    """Split one Latin syllable into base and tone, or ``None`` if it is not one syllable.

    >>> parse_syllable("chuàng"), parse_syllable("lv4")
    (Syllable(base='chuang', tone=4), Syllable(base='lü', tone=4))
    """
    text = text.lower().replace("u:", "\u00fc").replace("v", "\u00fc")
    tone: int | None = None
    if text[-1:].isdigit():
        tone, text = int(text[-1]), text[:-1]
        if tone == 0:
            return None
    base = []
    for ch in unicodedata.normalize("NFD", text):
        mark = TONE_MARKS.get(ch)
        if mark is None:
            base.append(ch)
        elif tone is None:
            tone = mark
        else:
            return None
    joined = unicodedata.normalize("NFC", "".join(base))
    return Syllable(joined, tone) if joined.isalpha() else None


@cache
def readings_table() -> dict[int, str]:
    """pypinyin's readings of single characters (code point -> ``"chuàng,chuāng"``): its
    ``pinyin_dict`` module run on its own, unless the package is imported already or its layout
    is not the one expected, when the package's own module is used."""
    if "pypinyin" not in sys.modules:
        package = importlib.util.find_spec("pypinyin")
        if package is not None and package.origin:
            path = Path(package.origin).with_name("pinyin_dict.py")
            spec = importlib.util.spec_from_file_location("cleanse_plugins._pinyin_dict", path)
            if path.is_file() and spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                table = getattr(module, "pinyin_dict", None)
                if isinstance(table, dict):
                    return table
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict  # type: ignore[no-any-return]


@cache
def latin_readings(char: str) -> frozenset[Syllable]:
    """Every reading pypinyin knows for ``char``, neutral tone as 5; empty for a non-Han char."""
    found = set()
    for reading in readings_table().get(ord(char), "").split(","):
        syllable = parse_syllable(reading) if reading else None
        if syllable is not None:
            found.add(Syllable(syllable.base, syllable.tone or 5))
    return frozenset(found)


def _bopomofo_key(text: str) -> tuple[str, str]:
    """Letters and tone of a bopomofo syllable; the first-tone mark and ˙'s place do not count."""
    letters = "".join(ch for ch in text if ch not in BOPOMOFO_TONES)
    return letters, "".join(ch for ch in text if ch in BOPOMOFO_TONES and ch != "\u02c9")


@cache
def bopomofo_readings(char: str) -> frozenset[tuple[str, str]]:
    """Every bopomofo reading pypinyin gives ``char``, as ``_bopomofo_key`` keys."""
    from pypinyin import Style, pinyin

    return frozenset(
        _bopomofo_key(r) for r in pinyin(char, style=Style.BOPOMOFO, heteronym=True)[0]
    )


@lru_cache(maxsize=65536)
def is_reading(char: str, latin: str | None, bopomofo: str | None,
               keep_toneless: bool = False) -> bool:
    """Whether the annotation is a converter's reading of ``char`` (see the module docstring)."""
    if not char or not HAN.match(char):
        return False
    if bopomofo is not None:
        return _bopomofo_key(bopomofo) in bopomofo_readings(char)
    assert latin is not None
    syllable = parse_syllable(latin)
    if syllable is None:
        return False
    if syllable.tone is not None:
        return syllable in latin_readings(char)
    if keep_toneless or not latin.islower():
        return False
    return any(reading.base == syllable.base for reading in latin_readings(char))


def looks_tone_marked(latin: str | None) -> bool:
    """A lowercase single syllable with a tone mark: pinyin for sure, worth a warning if kept."""
    if latin is None or not latin.islower():
        return False
    syllable = parse_syllable(latin)
    return (syllable is not None and syllable.tone is not None and not latin[-1].isdigit()
            and SYLLABLE.fullmatch(syllable.base) is not None)


#: A candidate: an opener, then ``BODY``. One pattern per opener, so that ``re`` can skip to
#: the opener as fast as ``str.find`` (a class of two openers scans 6 times slower).
CANDIDATES = tuple(re.compile(re.escape(opener) + BODY.pattern) for opener in OPENERS)


def _candidates(text: str) -> list[re.Match[str]]:
    """Parenthesised single-syllable bodies, in text order (a match starts at its opener)."""
    found: list[re.Match[str]] = []
    kinds = 0
    for opener, pattern in zip(OPENERS, CANDIDATES):
        if opener in text:
            found.extend(pattern.finditer(text))
            kinds += 1
    if kinds > 1:
        found.sort(key=lambda match: match.start())
    return found


#: What a candidate is, by (character before it, candidate): the reason to remove it, the
#: reading if it is kept with a warning, or ``None``. Candidates repeat (a converter annotates
#: every character), so each is judged once; cleared when full.
_VERDICTS: tuple[dict[tuple[str, str], tuple[bool, str] | None], ...] = ({}, {})
_KEEP_VERDICTS = 1 << 16


def _verdict(char: str, found: re.Match[str], keep_toneless: bool) -> tuple[bool, str] | None:
    latin, bopomofo = found.group(1, 2)
    if is_reading(char, latin, bopomofo, keep_toneless):
        return True, f"{latin or bopomofo} is a reading of {char}"
    if looks_tone_marked(latin):
        return False, latin or ""
    return None


def find_annotations(text: str, keep_toneless: bool = False
                     ) -> tuple[list[Annotation], list[Annotation]]:
    """Return (annotations to remove, tone-marked ones kept because they fit no character).

    An annotation right after a removed one belongs to the same character
    (``創(chuàng)(chuàng)``), so removing both at once keeps the stage idempotent.
    """
    removed: list[Annotation] = []
    kept: list[Annotation] = []
    verdicts = _VERDICTS[keep_toneless]
    last_end, last_char = -1, ""
    for found in _candidates(text):
        start, end = found.span()
        char = last_char if start == last_end else (text[start - 1] if start else "")
        body = found.group()
        key = (char, body)
        if key in verdicts:
            verdict = verdicts[key]
        else:
            if len(verdicts) >= _KEEP_VERDICTS:
                verdicts.clear()
            verdict = verdicts[key] = _verdict(char, found, keep_toneless)
        if verdict is None:
            continue
        if verdict[0]:
            last_end, last_char = end, char
            removed.append(Annotation(start, end, char, body, verdict[1]))
        else:
            kept.append(Annotation(start, end, char, body, verdict[1]))
    return removed, kept


def _line_numbers(text: str, offsets: list[int]) -> list[int]:
    lines, line, last = [], 1, 0
    count = text.count
    for offset in offsets:
        line += count("\n", last, offset)
        lines.append(line)
        last = offset
    return lines


class PinyinStage(Stage):
    name = "pinyin"
    description = "remove pinyin readings a converter left after characters: 創(chuàng) -> 創"
    default_config = {"keep_toneless": False}
    options = (
        Option("keep_toneless", "--keep-toneless-pinyin",
               "Keep lowercase annotations without a tone, e.g. 他(ta); 他(tā) and 他(ta1) are "
               "still removed.", is_flag=True),
    )

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        text = doc.text
        removed, kept = find_annotations(text, bool(self.config["keep_toneless"]))
        if removed:
            name = self.name
            lines = _line_numbers(text, [a[0] for a in removed])
            doc.changes.extend(
                Change(name, "pinyin-annotation", body, "", line, start, reason)
                for (start, _, _, body, reason), line in zip(removed, lines))
        for (start, _, char, body, _), line in zip(kept, _line_numbers(text, [a[0] for a in kept])):
            where = f"after {char}" if char else "at the start"
            doc.warn(self.name, "pinyin-kept",
                     f"{body} {where} looks like pinyin but is no reading of the "
                     "character before it; kept", line=line, offset=start)
        if removed:
            pieces, last = [], 0
            for start, end, _, _, _ in removed:
                pieces.append(text[last:start])
                last = end
            pieces.append(text[last:])
            doc.text = "".join(pieces)
        doc.metadata["pinyin"] = {"removed": len(removed)}
        return doc


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(PinyinStage)
