"""HTML entities left in scraped text: ``&amp;``, ``&#20320;``, ``&#xff0c;``, and ``#xff0c;``.

Only complete entities are decoded (with their ``;``): ``&copy`` in a URL's query string is not
one. Entities escaped twice (``&amp;lt;``) are decoded all the way, so a second run finds nothing.
A numeric entity whose ``&`` was lost in the scrape (``中#xff0c;``) is decoded only right after
an East Asian character (or after one and its inline pinyin, which the pinyin stage removes
later), where ``#`` followed by a code point and ``;`` is never meant; a ``?``
left in place of the ``&`` goes with it (``中?#xff0c;`` is ``中，``).

>>> [fix.after for fix in find("AT&amp;T &amp;lt;b&gt; 你好#xff0c;世界?#65292;")]
['&', '<', '>', '，', '，']
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

from cleanse_plugins.mojibake_edits import Fix
from cleanse_plugins.punctuation_rules import QUOTES_AND_SPACES
from cleanse_plugins.whitespace import INVISIBLE

ENTITY = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
LOST_AMP = re.compile(r"#(?:[0-9]{2,7}|[xX][0-9a-fA-F]{2,6});")
#: Full-width letters and digits and an entity's marks as ASCII, one character for one (so the
#: offsets hold): punctuation folds them later, and an entity it would make (``&ａｍｐ;`` is
#: ``&amp;`` then) is decoded now, not on a second cleaning.
_FOLD = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                         *range(0xFF41, 0xFF5B), 0xFF06, 0xFF03, 0xFF1B)}


def _folded(text: str) -> str:
    return text if text.isascii() else text.translate(_FOLD)


def find(text: str) -> list[Fix]:
    """A Fix for every entity in ``text`` that decodes to a character text may hold.

    Complete entities and those that lost their ``&`` are found on the same text; use
    ``find_complete`` then ``find_lost`` on its result where the first may make context for the
    second (``&#xff0c;#xff0c;``).
    """
    return sorted([*find_complete(text), *find_lost(text)], key=lambda fix: fix.start)


def find_complete(text: str) -> list[Fix]:
    """Entities with their ``&``: ``&amp;``, ``&#20320;``, ``&#xff0c;``."""
    fixes = []
    text = _folded(text)
    if "&" in text:
        for match in ENTITY.finditer(text):
            decoded = _unescape(match.group())
            if decoded is not None:
                fixes.append(Fix(match.start(), match.end(), decoded, "html-entity", 1.0,
                                 "html entity"))
    return fixes


def find_lost(text: str) -> list[Fix]:
    """Numeric entities whose ``&`` was lost, after an East Asian character: ``中#xff0c;``."""
    fixes: list[Fix] = []
    text = _folded(text)
    if "#" in text:
        for match in LOST_AMP.finditer(text):
            start = match.start()
            after_east_asian = _after_east_asian(text, start)  # looking past a "?" too
            if start and text[start - 1] == "?":
                start -= 1
            follows_fix = bool(fixes) and fixes[-1].end == start and \
                bool(_east_asian().match(fixes[-1].after[-1:]))
            if not (follows_fix or after_east_asian) or \
                    text[start - 1:start + 1] == "&#":
                continue
            decoded = _unescape("&" + match.group())
            if decoded is not None:
                fixes.append(Fix(start, match.end(), decoded, "html-entity", 0.9,
                                 "entity without its &"))
    return fixes


_EAST_ASIAN = ("\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff"
               "\uff00-\uffef\U00020000-\U000323af")


# Ideographs beyond the BMP (𠀀) count too: punctuation turns a "?" after one into "？", after
# which the entity would be decoded on a second cleaning.
@cache
def _east_asian() -> re.Pattern[str]:
    """Compiled on first use, as the other patterns of the stage's passes: its ranges cost some
    milliseconds of every start-up otherwise."""
    return re.compile(f"[{_EAST_ASIAN}]")


@cache
def _annotation_end() -> re.Pattern[str]:
    """An inline reading ending where the search ends: ``(yè)``, not ``(中)``, whose brackets
    punctuation widens (East Asian context, as ``（中）`` is on a second cleaning)."""
    return re.compile(f"[(（][^()（）\\s{_EAST_ASIAN}]{{1,10}}[)）]$")


def _after_east_asian(text: str, start: int) -> bool:
    """After an East Asian character, looking back past closing brackets and inline pinyin.

    ``業(yè)#xff0c;``, ``(AI架構(gòu))#xff0c;``, ``。,#xff0c;`` and ``中 ?#xff0c;`` count: the
    pinyin stage removes the annotation and the punctuation stage widens the brackets and marks
    later (judging a mark by the nearest character past spaces and quotes), and the decision must
    not depend on whether they already ran (cleaning twice must equal cleaning once). So a
    bracket is looked past in either width: ``(#xff0c;東京`` and ``（#xff0c;東京`` (what
    punctuation makes of it) are both at the start of the line.
    """
    index = start
    while index:  # every step moves left: past a reading, or a mark
        annotation = _annotation_end().search(text, max(index - 12, 0), index)
        if annotation:
            index = annotation.start()
        elif text[index - 1] in _WIDTH_DECIDED:  # punctuation decides their width later
            index -= 1
            # ... judging the context past spaces and quotes (``中\t?`` is ``中\t？``)
            while index and text[index - 1] in QUOTES_AND_SPACES:
                index -= 1
        else:
            return _east_asian().match(text, index - 1) is not None
    return False


#: The marks punctuation may widen (ASCII ones) or narrow (brackets: decided as a pair, by what
#: they hold, so a bracket's width before an entity can change with the text after it).
_WIDTH_DECIDED = frozenset("()[],.;:!?（）")


#: Invisible characters an entity may stand for and text keeps: joiners (emoji, Indic scripts),
#: the soft hyphen, the direction marks.
KEPT_INVISIBLE = frozenset("\u200c\u200d\u00ad\u200e\u200f")


def _unescape(entity: str) -> str | None:
    """What ``entity`` stands for, or None when it stands for nothing text should hold (a
    control, a line break other than ``\n``, a bidi override). ``&nbsp;`` is a no-break space;
    an invisible character whitespace drops (``&#8203;``, zero width) is dropped here, so that
    what stands around it is judged joined now, as a second cleaning would see it."""
    decoded = entity
    for _ in range(8):
        again = html.unescape(decoded)
        if again == decoded:
            break
        decoded = again
    if decoded == entity or "\ufffd" in decoded:
        return None
    if not all(map(_may_hold, decoded)):
        return None
    return INVISIBLE.sub("", decoded)


def _may_hold(char: str) -> bool:
    """A character an entity may decode to: printable, a tab or ``\n``, a space of any width,
    one of ``KEPT_INVISIBLE``, or an invisible format character whitespace drops."""
    if char.isprintable() or char in "\t\n" or char in KEPT_INVISIBLE:
        return True
    category = unicodedata.category(char)
    return category == "Zs" or category == "Cf" and INVISIBLE.match(char) is not None
