"""Stage ``mojibake``: repair text that was decoded with the wrong codec before it reached us.

Passes, each on the text the previous one left, each cheap on clean text (a compiled regex finds
where to look, and nothing else runs where it finds nothing):

1. byte-misaligned GBK with ``?pinyin)`` clues (``cleanse_plugins.gbk_realign``, DESIGN.md §2);
2. UTF-8 read as GBK or Big5, ``浣犲ソ`` (``mojibake_utf8``);
3. GBK or Big5 read as Latin-1/cp1252, ``ÄãºÃ`` (``mojibake_dbcs``);
4. Latin-script mojibake, ``æ–‡å­—``, by ftfy set up to leave East Asian text alone
   (``mojibake_latin``);
5. HTML entities, including those that lost their ``&`` (``mojibake_entities``);
6. unrecoverable damage, 锟斤拷, 烫烫烫, U+FFFD runs: flagged, removed with ``--remove-damage``.

The passes judge the page as the later stages will leave it (``mojibake_view``: without its
hashtags, with full-width letters beside a run folded), and run again while a repair changes
what is left, so a second cleaning finds nothing to do.

A CJK repair is accepted only when it decodes cleanly and reads as more plausible text than what
it replaces (``mojibake_score``); anything in doubt is left as it is. Every repair is a Change
whose reason carries its confidence; offsets and lines refer to the text the stage received.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from cleanse import Document, Option, Stage, hookimpl
from cleanse_plugins import (
    mojibake_clues,
    mojibake_damage,
    mojibake_dbcs,
    mojibake_entities,
    mojibake_latin,
    mojibake_utf8,
    mojibake_view,
)
from cleanse_plugins.mojibake_edits import Fix, Flag, OffsetMap, apply, line_of
from cleanse_plugins.whitespace import EDGE_SPACE

# C0 controls and zero-width characters (the whitespace stage drops them at the end) are dropped
# first, because one of them inside a mojibake run hides it: the run would only be seen, and
# repaired, on a second cleaning, and cleaning twice must equal cleaning once. C1 controls and
# the soft hyphen stay: they are themselves bytes of cp1252/Latin-1 mojibake (å\xad— is 字).
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff\u180e]+")
# Line breaks that split a line where ``\n`` does not: the line-based stages (boilerplate,
# hashtags, dedupe) must see the lines the output will have. CRLF splits the same way and stays.
_LINE_BREAK = re.compile("\r(?!\n)|[\u2028\u2029]")
# What the passes left that the whitespace stage drops goes here, and the repairs are looked for
# again without it, as a second cleaning would: a C1 control no repair used, wherever it stands
# (NEL becomes a line break; inside a run of high characters it was a byte no reading took, and
# whitespace drops it all the same), a soft hyphen no repair used that stands alone, and a
# no-break space at either end of a line beside a run of high characters (it is byte A0, and
# shifts the pairs the run is read in).
_HIGH = "\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122"
_EDGE = "".join(c for c in EDGE_SPACE if c != "\u00a0")


@cache
def _leftover_pattern() -> re.Pattern[str]:
    # Compiled on first use, like the passes' patterns: clean text never needs it.
    return re.compile(f"[\x80-\x9f]+|(?<![{_HIGH}])\u00ad+(?![{_HIGH}])"
                      f"|^[{_EDGE}]*\u00a0[{_EDGE}\u00a0]*(?=[{_HIGH}])(?!\u00a0)"
                      f"|(?<=[{_HIGH}])(?<!\u00a0)[{_EDGE}\u00a0]*\u00a0[{_EDGE}]*$",
                      re.MULTILINE)


@cache
def _edge_space() -> re.Pattern[str]:
    """White space at either end of a line, which whitespace strips."""
    return re.compile(f"^[{EDGE_SPACE}]|[{EDGE_SPACE}]$", re.MULTILINE)


_ROUNDS = 3
# Texts up to this length are screened by a set of characters before the page-wide scan: the
# screen costs a set look-up a character, the scan's first use a compile of some 20 ms.
_SHORT = 1000
_PINYIN_CLUE = re.compile(r"\?[a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜḿńňǹ\u0300-\u036f]{1,8}\)")


PASSES: tuple[tuple[str, Callable[[str], list[Fix]]], ...] = (
    ("gbk", lambda text: mojibake_utf8.find(text, mojibake_utf8.GBK)),
    ("big5", lambda text: mojibake_utf8.find(text, mojibake_utf8.BIG5)),
    ("dbcs", mojibake_dbcs.find),
    ("latin", mojibake_latin.fix_lines),
)


def sign_parts(utf8_parts: Callable[[mojibake_utf8.Legacy], tuple[str, str]]
               = mojibake_utf8.clue_parts) -> dict[str, tuple[str, str]]:
    """Each pass's sign, and damage's, as (class of first characters, rest of the pattern).

    ``utf8_parts`` gives the UTF-8 passes' parts: those stored in the data file, or
    (``mojibake_build_clues``) those derived from the codecs."""
    return {
        "gbk": utf8_parts(mojibake_utf8.GBK),
        "big5": utf8_parts(mojibake_utf8.BIG5),
        "dbcs": mojibake_dbcs.clue_parts(),
        "latin": mojibake_latin.clue_parts(),
        "damage": mojibake_damage.clue_parts(),
    }


@cache
def _parts() -> dict[str, tuple[str, str]]:
    return sign_parts()


@cache
def _signs(names: tuple[str, ...]) -> re.Pattern[str]:
    parts = {name: _parts()[name] for name in names}
    first = "".join(f for f, _ in parts.values())
    branches = "|".join(f"(?<=[{f}])(?P<{name}>{rest})" for name, (f, rest) in parts.items())
    return re.compile(f"[{first}](?:{branches})")


def signs(text: str) -> set[str]:
    """Which passes have work to do: each pass's own test, searched for on its own.

    The stage calls this on single lines, where a search per pass is cheapest; the page-wide
    scan for all of them at once is ``_anything``.
    """
    return {name for name in _parts() if _signs((name,)).search(text)}


def shows_repair_sign(text: str) -> bool:
    """Whether ``text`` shows a sign one of the repair passes acts on (not damage, entities or
    what the clean-up passes drop): what a conversion between scripts can make, as it changes
    only Han characters."""
    return _signs(tuple(name for name, _ in PASSES)).search(text) is not None


@cache
def _anything(damage: bool = True) -> re.Pattern[str]:
    """One scan for everything the stage may act on: the passes' signs and damage, and what
    the view and the clean-up passes look for (an invisible or a line-break character, a "?" or
    "&", a hashtag mark, a full-width letter or digit). Clean text shows none, and the scan is
    at the regex engine's speed for a character class, so that is all it costs."""
    parts = scan_parts(_parts(), damage)
    branches = "|".join(f"(?<=[{f}]){rest}" if rest else f"(?<=[{f}])"
                        for f, rest in parts.values())
    return re.compile(f"[{first_class(parts)}](?:{branches})")


def first_class(parts: dict[str, tuple[str, str]]) -> str:
    """The class of the first character of every branch of the scan of ``parts``."""
    return "".join(f for f, _ in parts.values())


def scan_parts(parts: dict[str, tuple[str, str]], damage: bool = True
               ) -> dict[str, tuple[str, str]]:
    """The parts of the page-wide scan: the signs (``parts``, damage's only with ``damage``)
    and what the view and the clean-up passes look for."""
    invisible = _INVISIBLE.pattern[1:-2]
    fullwidth, high = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a", _byte_chars()
    extras = {"invisible": (f"{invisible}\r\u2028\u2029", ""),
              # a hashtag mark (whether its line holds a byte is checked at the hit)
              "marks": ("#＃$＄", ""),
              # a full-width letter or digit the view folds: beside a byte
              "folded": (fullwidth, f"(?:(?=[{high}])|(?<=[{high}][{fullwidth}]))"),
              "clue": ("?", _PINYIN_CLUE.pattern[2:]),  # a "?" is only a sign before "pinyin)"
              "entity": ("&＆", "[#＃A-Za-zＡ-Ｚａ-ｚ]")}
    parts = {**parts, **extras}
    if not damage:
        del parts["damage"]
    return parts


def may_show_sign(text: str) -> bool:
    """Whether the page-wide scan (``_anything()``) finds something in ``text``.

    Until the scan is compiled, a short text is first screened by the set of characters a
    branch of the scan can start with (``[{first}]`` is every branch's mandatory first
    character): one with none of them cannot match, and needs neither the scan compiled nor its
    parts read. Once compiled, the scan alone is faster.
    """
    if (len(text) <= _SHORT and not _anything.cache_info().currsize
            and mojibake_clues.first_chars().isdisjoint(text)):
        return False
    return _anything().search(text) is not None


@cache
def _byte_chars() -> str:
    return "".join(re.escape(c) for c in sorted(mojibake_dbcs.byte_of()))


@cache
def _byte_or_entity() -> re.Pattern[str]:
    """What makes a hashtag matter: a Latin-1 character on its line (a tag may split a run of
    misread bytes), or a lost-& entity after the mark (``#xff0c;``)."""
    return re.compile("[\x80-\xff]|[#＃][xX0-9ｘＸ０-９]")


def _candidate_lines(text: str, damage: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the lines where a sign, a clue or (with ``damage``) damage shows, in one
    scan that skips to the next line at each hit: C-speed searches, about one per such line."""
    spans: list[tuple[int, int]] = []
    search, pos = _anything(damage).search, 0
    while (hit := search(text, pos)) is not None:
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.start())
        end = len(text) if end < 0 else end
        if hit.group() in "#＃$＄" and not _byte_or_entity().search(text, start, end):
            pos = hit.end()  # a plain hashtag: the view of this line is the line
            continue
        spans.append((start, end))
        pos = end + 1
    return spans


def _has_sign(line: str) -> bool:
    """Whether ``line`` shows something for a repair round (damage is flagged after them)."""
    return bool(_candidate_lines(line, damage=False))


class MojibakeStage(Stage):
    name = "mojibake"
    description = "Repair mis-decoded text (Latin and CJK mojibake, HTML entities); flag damage"
    default_config = {"remove_damage": False}
    options = (
        Option("remove_damage", "--remove-damage",
               "Remove unrecoverable runs (锟斤拷, 烫烫烫, U+FFFD, unpinned '?pinyin)' clues) "
               "instead of only flagging them, e.g. 'cleanse run --remove-damage page.txt'.",
               is_flag=True),
    )

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        original = doc.text
        if not may_show_sign(original) and (
                original.isascii() or unicodedata.is_normalized("NFC", original)):
            return doc  # the fast path: clean text has nothing for any pass
        history = OffsetMap()
        text = self._apply(doc, original, history, original, _nfc(original))
        text = self._apply(doc, original, history, text, _invisible(text))
        text = self._apply(doc, original, history, text, _line_breaks(text))
        candidates = _candidate_lines(text)
        if candidates:
            text = self._lines(doc, original, history, text, candidates)
        doc.text = text
        return doc

    def _lines(self, doc: Document, original: str, history: OffsetMap, text: str,
               candidates: list[tuple[int, int]]) -> str:
        """Repair line by line, and only the lines with a sign: every repair is line-local, and
        the rounds below cost little on a line but much on a whole page."""
        out, done = [], 0
        for start, end in candidates:
            line = text[start:end]
            part = Document(source=doc.source, text=line)
            out += [text[done:start], self._repair_line(part, line)]
            done = end
            for change in part.changes:
                offset = history.original(start + (change.offset or 0))
                doc.record(self.name, change.kind, change.before, change.after,
                           line=line_of(original, offset), offset=offset, reason=change.reason)
            for warning in part.warnings:
                offset = history.original(start + (warning.offset or 0))
                doc.warn(self.name, warning.code, warning.message,
                         line=line_of(original, offset), offset=offset)
        out.append(text[done:])
        return "".join(out)

    def _repair_line(self, doc: Document, text: str) -> str:
        """Rounds until nothing changes, as cleaning again would: a repair can change what is
        left beside it (a hashtag, a run cut short), and a second cleaning must find nothing."""
        original, history = text, OffsetMap()
        for _ in range(_ROUNDS):
            # A line that shows no sign is one whose rounds a second cleaning would skip.
            if not _has_sign(text):
                break
            before = text
            text, history = self._round(doc, original, history, text)
            if text == before:
                break
        if mojibake_damage.triggers().search(text):
            text = self._damage(doc, original, history, text)
        # Each round warns again about what it left: once is enough.
        doc.warnings[:] = list({(w.code, w.message, w.line, w.offset): w
                                for w in reversed(doc.warnings)}.values())[::-1]
        return text

    def _round(self, doc: Document, original: str, history: OffsetMap, text: str
               ) -> tuple[str, OffsetMap]:
        """The passes on the page as punctuation and hashtags will leave it (mojibake_view).

        A hashtag that holds misread bytes (#Ã»ÈË) may be one only until the run is repaired
        (#没人): then the page is judged with its hashtags, if that is stable.
        """
        changes, warnings = len(doc.changes), len(doc.warnings)
        hiding, hidden = mojibake_view.hide(text)
        result = self._judged(doc, original, history, text, hiding, hidden)
        if hiding and (result is None or mojibake_view.holds_bytes(hidden)):
            kept = result, doc.changes[changes:], doc.warnings[warnings:]
            del doc.changes[changes:], doc.warnings[warnings:]
            plain = self._judged(doc, original, history, text, [], [])
            if kept[0] is not None and (plain is None or not self._stable(plain[0])):
                doc.changes[changes:], doc.warnings[warnings:] = kept[1], kept[2]
                plain = kept[0]
            elif kept[0] is None and plain is not None and not self._stable(plain[0]):
                # Neither holds: the repair changes the tag (``Ã#õ¶_``: ftfy's ö makes
                # ``#õö_`` one tag) and the page without it is not repaired. Then the repair
                # with the hashtag put back stands if what the hashtag leaves of it is stable.
                kept = plain, doc.changes[changes:], doc.warnings[warnings:]
                del doc.changes[changes:], doc.warnings[warnings:]
                plain = self._judged(doc, original, history, text, hiding, hidden, lenient=True)
                if plain is None:
                    doc.changes[changes:], doc.warnings[warnings:] = kept[1], kept[2]
                    plain = kept[0]
            result = plain
        return result if result is not None else (text, history)

    def _judged(self, doc: Document, original: str, history: OffsetMap, text: str,
                hiding: list[Fix], hidden: list[mojibake_view.Hidden], lenient: bool = False
                ) -> tuple[str, OffsetMap] | None:
        """The passes on the view; None when the repairs changed what the hashtags are (unless
        ``lenient`` and what the changed hashtags leave is stable)."""
        trial = OffsetMap([*history.passes, hiding])
        mark = len(trial.passes)
        view = self._passes(doc, original, trial, apply(text, hiding) if hiding else text)
        restoring = mojibake_view.restore(view, hidden, trial.passes[mark:])
        if hiding and not mojibake_view.agrees(view, apply(view, restoring)) and not (
                lenient and self._stable(apply(view, restoring))):
            return None
        trial.add(restoring)
        return apply(view, restoring), trial

    def _stable(self, text: str) -> bool:
        """Whether the passes find nothing left to do in ``text`` once hashtags are gone."""
        hiding, _ = mojibake_view.hide(text)
        view = apply(text, hiding) if hiding else text
        scratch = Document(source="<check>", text=view)
        return self._passes(scratch, view, OffsetMap(), view) == view and not scratch.changes

    def _passes(self, doc: Document, original: str, history: OffsetMap, text: str) -> str:
        """Repairs, then what no repair used removed, in rounds."""
        for _ in range(_ROUNDS):
            text, _ = self._repair(doc, original, history, text)
            edges = self._edges(text)
            if edges:
                text = self._apply(doc, original, history, text, edges)
                text, _ = self._repair(doc, original, history, text)
            leftover = _leftover(text)
            if not leftover:
                break
            text = self._apply(doc, original, history, text, leftover)
        return text

    def _edges(self, text: str) -> list[Fix]:
        """The white space at the ends of lines whose repairs no repair used and which the
        passes judge differently without it: whitespace strips it, so a second cleaning sees
        the line without it (ftfy reads ``\xa0РџСЂРёРІРµС‚`` as it stands, ``РџСЂРёРІРµС‚`` as
        Привет). Elsewhere it is left to whitespace."""
        if not _edge_space().search(text):
            return []
        fixes, start = [], 0
        for line in text.split("\n"):
            core = line.strip(EDGE_SPACE)
            if core != line and core and _has_sign(core) and self._changes(core):
                head = len(line) - len(line.lstrip(EDGE_SPACE))
                tail = len(line) - len(line.rstrip(EDGE_SPACE))
                fixes += [Fix(start + a, start + b, "", "edge-space-removed", 1.0,
                              "white space at the end of a line, which whitespace strips")
                          for a, b in ((0, head), (len(line) - tail, len(line))) if a < b]
            start += len(line) + 1
        return fixes

    def _changes(self, line: str) -> bool:
        """Whether the passes repair something in ``line`` (beyond dropping what whitespace
        drops anyway)."""
        scratch = Document(source="<check>", text=line)
        repaired = self._passes(scratch, line, OffsetMap(), line)
        return repaired != line and repaired != apply(line, _leftover(line))

    def _repair(self, doc: Document, original: str, history: OffsetMap, text: str
                ) -> tuple[str, set[str]]:
        """Every repair pass once; returns the text and the signs found in it."""
        text = self._realign(doc, original, history, text)
        found = signs(text)
        for name, find in PASSES:
            if name in found:
                text = self._apply(doc, original, history, text, find(text))
        # Entities last: one whose "&" was lost is decoded after an East Asian character, which
        # a repair above may just have made (æ–‡å­—#xff0c; is 文字，).
        text = self._apply(doc, original, history, text, mojibake_entities.find_complete(text))
        text = self._apply(doc, original, history, text, mojibake_entities.find_lost(text))
        return text, found

    def _apply(self, doc: Document, original: str, history: OffsetMap, text: str,
               fixes: list[Fix]) -> str:
        # A repair's text in NFC, as whitespace leaves it: the stages between must see the
        # output's characters (ftfy and ``&#x37e;`` give U+037E, which NFC makes ";", a mark
        # punctuation widens).
        fixes = [fix if fix.after.isascii() or unicodedata.is_normalized("NFC", fix.after)
                 else replace(fix, after=unicodedata.normalize("NFC", fix.after))
                 for fix in fixes]
        for fix in fixes:
            offset = history.original(fix.start)
            doc.record(self.name, fix.kind, text[fix.start:fix.end], fix.after,
                       line=line_of(original, offset), offset=offset,
                       reason=f"{fix.note} (confidence {fix.confidence:.2f})")
        history.add(fixes)
        return apply(text, fixes) if fixes else text

    def _realign(self, doc: Document, original: str, history: OffsetMap, text: str) -> str:
        if "?" not in text:
            return text
        from cleanse_plugins.gbk_realign import realign

        result = realign(text)
        fixes = [Fix(r.offset, r.offset + len(r.before), r.after, "misaligned-gbk", r.confidence,
                     "misaligned GBK re-read from its pinyin clue") for r in result.repairs
                 if text.startswith(r.before, r.offset)]
        removals = []
        for item in result.unresolved:
            offset = history.original(item.offset)
            doc.warn(self.name, "unpinned-misalignment",
                     f"misaligned GBK left as it is: {item.snippet!r} ({item.reason})",
                     line=line_of(original, offset), offset=offset)
            clue = _PINYIN_CLUE.match(text, item.offset)
            if self.config["remove_damage"] and clue:
                removals.append(Fix(clue.start(), clue.end(), "", "damage-removed", 1.0,
                                    "unpinned misalignment clue removed"))
        fixes = sorted([*fixes, *removals], key=lambda fix: fix.start)
        fixes = [f for i, f in enumerate(fixes) if i == 0 or f.start >= fixes[i - 1].end]
        return self._apply(doc, original, history, text, fixes)

    def _damage(self, doc: Document, original: str, history: OffsetMap, text: str) -> str:
        removals: list[Fix] = []
        for flag in mojibake_damage.find(text):
            offset = history.original(flag.start)
            doc.warn(self.name, flag.code, flag.message, line=line_of(original, offset),
                     offset=offset)
            if self.config["remove_damage"] and (not removals or flag.start >= removals[-1].end):
                removals.append(_removal(flag))
        return self._apply(doc, original, history, text, removals)


def _nfc(text: str) -> list[Fix]:
    """NFC first, line by line: later stages (script) must see what the output will hold.

    A CJK compatibility ideograph (decoded from cp932's IBM rows, say) is a different code point
    from the character NFC makes of it, and only the latter is in OpenCC's tables; converting
    the former would wait for a second cleaning.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return []
    fixes, start = [], 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            normal = unicodedata.normalize("NFC", line)
            fixes.append(Fix(start, start + len(line), normal, "normalized", 1.0, "NFC"))
        start += len(line) + 1
    return fixes


def _invisible(text: str) -> list[Fix]:
    if not _INVISIBLE.search(text):
        return []
    return [Fix(m.start(), m.end(), "", "invisible-removed", 1.0, "control or zero-width character")
            for m in _INVISIBLE.finditer(text)]


def _line_breaks(text: str) -> list[Fix]:
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return []
    return [Fix(m.start(), m.end(), "\n", "line-break", 1.0, "line break")
            for m in _LINE_BREAK.finditer(text)]


_LEFTOVER_CHARS = re.compile("[\x80-\xa0\xad]")


def _leftover(text: str) -> list[Fix]:
    if text.isascii() or not _LEFTOVER_CHARS.search(text) or not _leftover_pattern().search(text):
        return []
    return [Fix(m.start(), m.end(), "\n" * m.group().count("\x85"), "invisible-removed",
                1.0, "character no repair used, which whitespace drops")
            for m in _leftover_pattern().finditer(text)]


def _removal(flag: Flag) -> Fix:
    return Fix(flag.start, flag.end, "", "damage-removed", 1.0, f"{flag.code} removed")


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(MojibakeStage)
