"""Indented JSON exactly as ``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=N)``
writes it, but written mostly by json's C encoder.

With ``indent`` set, the standard library falls back to its pure-Python encoder, which costs
more than cleaning the page when a sidecar lists hundreds of changes. Here Python walks only the
containers that hold other containers; a container of plain values (a change, a warning) is one
call to the C encoder, whose item separator carries the newline and the indent of its level.
Anything this does not handle the same way (keys that are not strings, very deep nesting) goes
to ``json.dumps`` itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import chain
from json.encoder import encode_basestring
from typing import Any

#: Types the C encoder writes as one token; their containers are "flat".
PLAIN = frozenset({str, int, float, bool, type(None)})
STR = frozenset({str})
DICT = frozenset({dict})


def dumps_indented(value: Any, indent: int = 2) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)``, faster."""
    try:
        chunks: list[str] = []
        _Writer(indent).write(value, 0, chunks)
        return "".join(chunks)
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


class _Unusual(Exception):
    """A value whose output only json.dumps knows exactly."""


class _Writer:
    def __init__(self, indent: int) -> None:
        self.indent = indent
        self.flat: dict[int, Callable[[Any], str]] = {}
        self.plain = json.JSONEncoder(ensure_ascii=False).encode

    def encoder(self, level: int) -> Callable[[Any], str]:
        """The C encoder for a flat container at ``level``: items split by newline + indent."""
        encode = self.flat.get(level)
        if encode is None:
            inner = "\n" + " " * (self.indent * (level + 1))
            encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True,
                                      separators=("," + inner, ": ")).encode
            self.flat[level] = encode
        return encode

    def flat_records(self, records: list[dict[str, Any]] | tuple[dict[str, Any], ...],
                     level: int) -> str:
        """A list of flat, non-empty dicts (a sidecar's changes) in one call to the C encoder.

        Encoded with the separator of the records' members, the text is right but for the
        borders of the records, which are the only places where ``}``, a newline and ``{`` meet
        (a newline inside a string is always escaped).
        """
        outer, inner, member = (" " * (self.indent * (level + step)) for step in (0, 1, 2))
        text = self.encoder(level + 1)(records)
        body = text[2:-2].replace(f"}},\n{member}{{", f"\n{inner}}},\n{inner}{{\n{member}")
        return f"[\n{inner}{{\n{member}{body}\n{inner}}}\n{outer}]"

    def write(self, value: Any, level: int, out: list[str]) -> None:
        if isinstance(value, dict):
            members = value.values()
        elif isinstance(value, (list, tuple)):
            members = value
        elif type(value) is str:
            out.append(encode_basestring(value))
            return
        else:
            out.append(self.plain(value))
            return
        if not members:
            out.append("{}" if isinstance(value, dict) else "[]")
            return
        inner = "\n" + " " * (self.indent * (level + 1))
        outer = "\n" + " " * (self.indent * level)
        if PLAIN.issuperset(map(type, members)) and (
                not isinstance(value, dict) or STR.issuperset(map(type, value))):
            text = self.encoder(level)(value)
            out.append(text[0] + inner + text[1:-1] + outer + text[-1])
            return
        if (not isinstance(value, dict) and DICT.issuperset(map(type, value)) and all(value)
                and PLAIN.issuperset(map(type, chain.from_iterable(map(dict.values, value))))
                and STR.issuperset(map(type, chain.from_iterable(value)))):
            out.append(self.flat_records(value, level))
            return
        if isinstance(value, dict):
            if not all(type(key) is str for key in value):
                raise _Unusual
            out.append("{")
            separator = inner
            for key in sorted(value):
                out.append(separator + encode_basestring(key) + ": ")
                self.write(value[key], level + 1, out)
                separator = "," + inner
            out.append(outer + "}")
        else:
            out.append("[")
            separator = inner
            for item in value:
                out.append(separator)
                self.write(item, level + 1, out)
                separator = "," + inner
            out.append(outer + "]")
