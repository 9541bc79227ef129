"""Reading fields (source, author, date, views, url...) out of the boilerplate lines that carry them.

Four sources, in this order, first value wins per field: the rule pattern's named groups
(``(?P<date>...)``), ``label: value`` segments whose labels come from the rule packs'
``[fields.labels]`` table, a full date without a label (``2024-03-15 10:23 来源: ...``, taken
by whichever rule matched first; none inside a URL), and URLs. Values are taken from the page's own characters (not the
folded ones) and tidied: ``(ID:xxx)`` tails, brackets and separators go, dates become ISO,
view counts become integers (``1.2万`` is 12000).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cleanse_plugins.boilerplate_rules import RuleSet

URL = r"https?://[^\s()（）<>\"'，,|]+"
_DATE = (r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
         r"(?:\s*(\d{1,2}:\d{2}(?::\d{2})?))?")
_COUNT = r"(\d+(?:\.\d+)?)\s*(万|w|k|千)?"
_ID_TAIL = r"\s*\((?:id|微信号|微信id)\s*:[^)]*\)\s*$"


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """The patterns above, compiled when a page first has a field to read (not at start-up)."""
    return re.compile(pattern, flags)
_EDGE = " \t,;|丨:()[]【】<>-—/\\·"
_MULTIPLIERS = {"万": 10000, "w": 10000, "k": 1000, "千": 1000}


class FieldReader:
    """Extracts fields from one line; built once per stage from the merged rule packs."""

    def __init__(self, rules: RuleSet) -> None:
        self.placeholders = rules.placeholders
        self.field_of: dict[str, str] = {}
        for name, labels in rules.labels.items():
            for label in labels:
                self.field_of.setdefault(label.lower(), name)
        names = sorted(self.field_of, key=len, reverse=True)
        alternatives = "|".join(re.escape(label) for label in names) or r"(?!x)x"
        self.segment = re.compile(
            rf"(?:^|(?<=[\s,|;丨(\[【#]))(?P<label>{alternatives})\s*:\s*"
            rf"(?P<value>.*?)\s*(?=[,|;丨]|(?:{alternatives})\s*:|$)",
            re.IGNORECASE,
        )

    def read(self, line: str, folded: str, index: list[int], found: re.Match[str] | None
             ) -> dict[str, Any]:
        values: dict[str, Any] = {}

        def original(start: int, end: int) -> str:
            if start >= end or len(index) != len(folded):
                return folded[start:end]
            return line[index[start]:index[end - 1] + 1]

        def put(name: str, raw: str) -> None:
            value = tidy(name, raw)
            if value not in (None, "") and name not in values:
                if isinstance(value, str) and value.strip(_EDGE) in self.placeholders:
                    return
                values[name] = value

        if found is not None:
            for name, text in found.groupdict().items():
                if text:
                    put(name, original(*found.span(name)))
        for segment in self.segment.finditer(folded):
            name = self.field_of.get(segment["label"].lower())
            if name:
                put(name, original(*segment.span("value")))
        if "date" not in values:
            bare = _compiled(_DATE).search(_compiled(URL).sub(" ", folded))
            if bare is not None:
                put("date", bare.group())
        for url in _compiled(URL).finditer(folded):
            put("url", original(*url.span()))
        return values


def tidy(name: str, raw: str) -> Any:
    """Clean one extracted value for the sidecar; ``None`` when nothing useful is left."""
    value = _compiled(URL).sub("", raw) if name != "url" else raw
    if name in ("source", "author", "editor"):
        value = _compiled(_ID_TAIL, re.IGNORECASE).sub("", value.strip().rstrip(",;|丨"))
    value = value.strip().strip(_EDGE).strip()
    if name == "url":
        return raw.strip().rstrip(".,;)") or None
    if name == "views":
        return count(value)
    if name == "date":
        return iso_date(value)
    return value or None


def count(text: str) -> int | None:
    """``265`` -> 265, ``1.2万`` -> 12000; ``None`` without a number."""
    found = _compiled(_COUNT, re.IGNORECASE).search(text.replace(",", ""))
    if not found:
        return None
    return round(float(found[1]) * _MULTIPLIERS.get((found[2] or "").lower(), 1))


def iso_date(text: str) -> str | None:
    """``2022年12月17日`` -> ``2022-12-17``; a time, when given, follows after a space."""
    found = _compiled(_DATE).search(text)
    if not found:
        return text or None
    year, month, day, time = found.groups()
    date = f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{date} {time}" if time else date
