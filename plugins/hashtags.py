"""Stage ``hashtags``: Weibo/Xueqiu topics ``#话题#``, ``#tag`` and cashtags ``$名称(代码)$``.

``--hashtags remove`` (default) drops them, and a line made only of them goes entirely;
``unwrap`` keeps the words and drops the marks (``#话题#`` -> ``话题``, ``$科大讯飞(SZ002230)$``
-> ``科大讯飞(SZ002230)``); ``keep`` leaves them. Only real hashtags count: a ``#`` glued to a
letter, digit, ``&`` or ``/`` (``C#``, ``&#123;``, ``a.com/#frag``), followed by a digit or a
space (``#1``, ``# 标题``), a preprocessor line (``#include``) or a colour (``#fff``) stays.
Like ``boilerplate``, a removed line is left empty so line numbers stay those of the page.
"""

from __future__ import annotations

import re
from typing import Any

from cleanse import Document, Option, Stage, hookimpl

#: Characters after which a ``#`` is no hashtag; checked by hand (:func:`real_matches`) against
#: the character the hashtags before it will leave there. Full-width letters and digits count as
#: the ASCII ones punctuation makes of them: a stage before punctuation that asks what hashtags
#: will leave (``later_stages``) sees ``２０２３#话题#`` where this stage sees ``2023#话题#``.
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
NOT_AFTER = frozenset(_ALNUM + "".join(chr(ord(char) + 0xFEE0) for char in _ALNUM) + "&/#＃_\\")
# ``#xff0c;`` and ``#65292;`` are numeric entities that lost their ``&``: such a ``#`` neither
# opens nor closes a hashtag, also once punctuation has widened the ``;`` before Han text.
_MARK = r"[#＃](?!(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6})[;；])"
PATTERN = re.compile(
    _MARK + r"(?P<topic>[^#＃\s][^#＃\n]{0,48}?)(?<!\s)" + _MARK
    + r"|[$＄](?P<cash>[^$＄\s()（）][^$＄\n()（）]{0,30}?)[(（](?P<code>[A-Za-z]{0,4}\d{0,6}"
    r"(?:\.[A-Za-z]{1,3})?)[)）][$＄]"
    r"|" + _MARK + r"(?P<tag>[^\W\d_][\w-]{0,39})"
)
DIRECTIVE = re.compile(r"\s*#\s*(?:include|define|undef|if|ifdef|ifndef|elif|else|endif|pragma|"
                       r"import|error|warning|line|region|endregion)\b")
HEX_COLOUR = re.compile(r"[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8}")
WORDLESS = re.compile(r"[\W_]*")


def has_han(topic: str) -> bool:
    """Whether a topic (48 characters at most) holds a Han character: a loop over it costs less
    than compiling a class of the Han blocks, some milliseconds of every start-up."""
    return any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in topic)


def real_matches(line: str, mode: str = "remove") -> list[re.Match[str]]:
    """The hashtags and cashtags of ``line``, without the look-alikes.

    Whether a ``#`` follows a letter is judged on what this stage leaves before it, so a second
    cleaning finds nothing new: in ``#话题##tag`` the tag follows ``#话题#``, which goes.
    """
    if DIRECTIVE.match(line) or line.lstrip().startswith("#!"):
        return []
    found: list[re.Match[str]] = []
    pos, end, before = 0, -1, ""
    while (match := PATTERN.search(line, pos)) is not None:
        start = match.start()
        previous = before if start == end else line[start - 1:start]
        if match["cash"] is None and previous in NOT_AFTER and previous:
            pos = start + 1
            continue
        pos = max(match.end(), start + 1)
        if match["topic"] is not None:
            topic = match["topic"]
            if not has_han(topic) and re.search(r"\s", topic):
                continue
        elif match["cash"] is not None:
            if not match["code"]:
                continue
        elif HEX_COLOUR.fullmatch(match["tag"]):
            continue
        found.append(match)
        before = unwrapped(match)[-1:] if mode == "unwrap" else previous
        end = match.end()
    tags = [m for m in found if m["tag"] is not None]
    if len(found) == 1 and tags and line.strip() == tags[0][0]:
        return []  # "#标题" alone on a line reads as a heading, not a tag
    return found


def bare_mark_before(line: str, start: int, cursor: int) -> bool:
    """A lone ``#`` right before a hashtag or cashtag (``#$科大讯飞(SZ002230)$``) goes with it:
    left behind, it would open a new tag with whatever follows (``#要问…``) on a second cleaning.
    ``C#`` keeps its ``#``."""
    return (start - 1 >= cursor and line[start - 1] in "#＃"
            and (start < 2 or line[start - 2] not in NOT_AFTER))


def unwrapped(match: re.Match[str]) -> str:
    if match["topic"] is not None:
        return str(match["topic"])
    if match["cash"] is not None:
        return match[0][1:-1]
    return str(match["tag"])


class HashtagsStage(Stage):
    name = "hashtags"
    description = "remove or unwrap #话题#, #tag and $名称(代码)$ cashtags; drop lines of only those"
    default_config: dict[str, Any] = {"mode": "remove"}
    options = (
        Option("mode", "--hashtags",
               "What to do with hashtags and cashtags, e.g. --hashtags unwrap "
               "(#话题# -> 话题); default remove.",
               choices=("remove", "unwrap", "keep")),
    )

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None
        mode = self.config["mode"]
        if mode == "keep" or ("#" not in doc.text and "$" not in doc.text
                              and "＃" not in doc.text and "＄" not in doc.text):
            return doc
        lines = doc.text.split("\n")
        start = 0
        for number, line in enumerate(lines, start=1):
            text = line
            for _ in range(3):  # unwrapping a topic can bare a cashtag inside it: unwrap that too
                matches = real_matches(text, mode)
                if not matches:
                    break
                text = self.clean_line(doc, text, matches, number, start, mode)
            lines[number - 1] = text
            start += len(line) + 1
        doc.text = "\n".join(lines)
        return doc

    def clean_line(self, doc: Document, line: str, matches: list[re.Match[str]], number: int,
                   start: int, mode: str) -> str:
        pieces: list[str] = []
        cursor = 0
        for match in matches:
            before = line[cursor:match.start()]
            if bare_mark_before(line, match.start(), cursor):
                before = before[:-1]
            cursor = match.end()
            if mode == "unwrap":
                pieces += [before, unwrapped(match)]
                continue
            rest = line[cursor:]
            if before.endswith(" ") and (not rest or rest.startswith(" ")):
                before = before[:-1]
            elif not before.strip() and rest.startswith(" ") and not "".join(pieces).strip():
                cursor += 1
            pieces.append(before)
        pieces.append(line[cursor:])
        text = "".join(pieces)
        if mode == "remove" and WORDLESS.fullmatch(text):
            doc.record(self.name, "removed-line", line, "", line=number, reason="hashtag-line")
            return ""
        for match in matches:
            after = unwrapped(match) if mode == "unwrap" else ""
            doc.record(self.name, "hashtag", match[0], after, line=number,
                       offset=start + match.start(), reason=mode)
        return text


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(HashtagsStage)
