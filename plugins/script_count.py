"""Finding and counting the characters of a large set (thousands of Han characters) at C speed.

Measured on the sample pages (MB/s of UTF-8, the same run): a one-character class ``[...]`` scans
text without a member at 350-550 MB/s, but every match costs Python a slice, so counting a class
that makes up a fifth of the text with ``subn`` runs at 40-100 MB/s; ``findall`` on runs 50-60,
``str.translate`` and ``collections.Counter`` about 22. A *block* pattern, one member followed
by up to ``BLOCK - 1`` more with anything between (``[C](?:[^C]*+[C]){0,255}``), lets the regex
engine step over 256 members per match: 120-230 MB/s on the same text, with the standard library
only. Every match but the last holds exactly ``BLOCK`` members, so only the last is counted.

numpy's table look-up (``take`` on the text's code points) reaches 650-1200 MB/s, a few times
faster than any scan ``re`` can do, but takes about 0.1 s to import. So it is used only once it
pays: when some other module has already imported it, or once this process has scanned
``NUMPY_AFTER`` characters with ``re`` (a batch run, not ``echo 中文 | cleanse run``), and only on
texts of ``NUMPY_MIN`` characters or more. Both ways give the same answers (tested).
"""

from __future__ import annotations

import re
import sys
from typing import Any

BLOCK = 256
#: Characters scanned with ``re`` in this process after which numpy is imported.
NUMPY_AFTER = 4_000_000
#: Shorter texts are scanned with ``re``: numpy's fixed cost per call is a few microseconds.
NUMPY_MIN = 2048


class _Backend:
    """numpy's state: whether it is in use, one table of class bits for every code point (all
    classes share it, so it stays in cache: 64 kB for the BMP), and the bits of the last two
    texts looked at (a stage asks several questions about its input and its output)."""

    mode = "auto"  # "auto", "re" or "numpy" (see ``use_numpy``)
    scanned = 0
    module: Any = None
    classes: list[CharClass] = []
    tables: dict[int, Any] = {}
    recent: list[tuple[str, Any, Any]] = []  # (text, code points, class bits)
    breaks: tuple[Any, Any] | None = None  # (code points, offsets of their line breaks)


def use_numpy(choice: bool | None) -> None:
    """Force numpy on (``True``) or off (``False``), or back to automatic (``None``)."""
    _Backend.mode = "auto" if choice is None else ("numpy" if choice else "re")
    _Backend.module = None
    _Backend.recent, _Backend.breaks = [], None


def _numpy(size: int) -> Any:
    """numpy if it is in use for a text of ``size`` characters, else ``None``."""
    if _Backend.mode == "re":
        return None
    if _Backend.module is None:
        _Backend.scanned += size
        if (_Backend.mode == "numpy" or "numpy" in sys.modules
                or _Backend.scanned >= NUMPY_AFTER):
            try:
                import numpy
            except ImportError:  # pragma: no cover - numpy is a dependency
                _Backend.mode = "re"
                return None
            _Backend.module = numpy
        else:
            return None
    return _Backend.module if size >= NUMPY_MIN else None


def numpy_in_use(size: int) -> bool:
    """Whether a text of ``size`` characters is looked at with numpy (a count costs little)."""
    return _numpy(size) is not None


def _table(np: Any, size: int) -> Any:
    """Class bits of code points below ``size`` (0x10000, or all for astral text)."""
    table = _Backend.tables.get(size)
    if table is None:
        table = np.zeros(size, dtype=np.uint8)
        for bit, chars in enumerate(_Backend.classes):
            codes = np.frombuffer(chars.chars.encode("utf-32-le"), dtype=np.uint32)
            table[codes[codes < size]] |= 1 << bit
        _Backend.tables[size] = table
    return table


def _bits(np: Any, text: str) -> tuple[Any, Any]:
    """Code points and class bits of ``text``."""
    for seen, codes, bits in _Backend.recent:
        if seen is text:
            return codes, bits
    encoded = text.encode("utf-16-le")
    if len(encoded) == 2 * len(text):
        codes = np.frombuffer(encoded, dtype=np.uint16)
        bits = np.take(_table(np, 0x10000), codes)
    else:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        bits = np.take(_table(np, 0x110000), codes)
    _Backend.recent = [(text, codes, bits), *_Backend.recent[:1]]
    return codes, bits


def _breaks(np: Any, text: str) -> Any:
    """Offsets of the line breaks of one of the recent texts."""
    codes, _ = _bits(np, text)
    last = _Backend.breaks
    if last is not None and last[0] is codes:  # held, so its id cannot pass to another array
        return last[1]
    found = np.flatnonzero(codes == 10)
    _Backend.breaks = (codes, found)
    return found


def has_astral(text: str) -> bool:
    """Whether ``text`` has characters beyond U+FFFF; encoding is faster than a regex scan."""
    return len(text.encode("utf-16-le")) != 2 * len(text)


class CharClass:
    """A set of characters with fast ``search`` and ``count``.

    ``re`` keeps a fast table for a class of BMP characters only, so astral members get a class
    of their own, scanned only in a text that has astral characters. The patterns are compiled on
    first use and only for a text long enough to repay it (the block pattern takes 30 ms): a short
    text is looked up in a set.
    """

    SMALL = 256
    LARGE = 4096

    def __init__(self, chars: str) -> None:
        self.chars = chars
        self.members = frozenset(chars)
        bmp = "".join(char for char in chars if char <= "\uffff")
        astral = "".join(char for char in chars if char > "\uffff")
        self._bmp_chars = re.escape(bmp)
        self._astral_chars = re.escape(astral)
        self._one: re.Pattern[str] | None = None
        self._astral: re.Pattern[str] | None = None
        self._block: re.Pattern[str] | None = None
        self.bit = 0
        if len(_Backend.classes) < 8:  # a class beyond the table's bits is scanned with re
            self.bit = 1 << len(_Backend.classes)
            _Backend.classes.append(self)
            _Backend.tables.clear()

    def _numpy(self, size: int) -> Any:
        return _numpy(size) if self.bit else None

    def _members(self, np: Any, text: str) -> Any:
        return _bits(np, text)[1] & self.bit

    @property
    def one(self) -> re.Pattern[str]:
        """One BMP member."""
        if self._one is None:
            self._one = re.compile(f"[{self._bmp_chars}]")
        return self._one

    @property
    def astral(self) -> re.Pattern[str] | None:
        """One astral member, or ``None`` if the set has none."""
        if self._astral is None and self._astral_chars:
            self._astral = re.compile(f"[{self._astral_chars}]")
        return self._astral

    @property
    def block(self) -> re.Pattern[str]:
        """Up to ``BLOCK`` BMP members and what lies between them, in one match."""
        if self._block is None:
            chars = self._bmp_chars
            self._block = re.compile(f"[{chars}](?:[^{chars}]*+[{chars}]){{0,{BLOCK - 1}}}")
        return self._block

    def search(self, text: str, astral: bool) -> bool:
        """Whether ``text`` has a member (``astral``: whether it has astral characters at all)."""
        if len(text) < self.SMALL and self._one is None:
            return not self.members.isdisjoint(text)
        np = self._numpy(len(text))
        if np is not None:
            return bool(self._members(np, text).any())
        if self.one.search(text):
            return True
        astral_class = self.astral
        return bool(astral and astral_class is not None and astral_class.search(text))

    def count(self, text: str, astral: bool) -> int:
        """How many characters of ``text`` are members."""
        if len(text) < self.SMALL and self._one is None:
            return sum(char in self.members for char in text)
        np = self._numpy(len(text))
        if np is not None:
            return int(np.count_nonzero(self._members(np, text)))
        found = 0
        if self.one.search(text):
            if len(text) < self.LARGE and self._block is None:
                found = self.one.subn("", text)[1]
            else:
                blocks = self.block.findall(text)
                found = BLOCK * (len(blocks) - 1) + self.one.subn("", blocks[-1])[1]
        astral_class = self.astral
        if astral and astral_class is not None:
            found += astral_class.subn("", text)[1]
        return found

    def lines(self, text: str, astral: bool, limit: int | None = None) -> set[int] | None:
        """Indices of the lines holding a member; ``None`` as soon as there are more than
        ``limit``."""
        np = self._numpy(len(text))
        if np is None:
            return hit_lines(text, self.patterns(astral), limit)
        lines = np.searchsorted(_breaks(np, text), np.flatnonzero(self._members(np, text)))
        if len(lines) > 1:
            lines = lines[np.concatenate(([True], lines[1:] != lines[:-1]))]
        if limit is not None and len(lines) > limit:
            return None
        return set(lines.tolist())

    def patterns(self, astral: bool) -> list[re.Pattern[str]]:
        found = [self.one]
        if astral and self.astral is not None:
            found.append(self.astral)
        return found


def hit_lines(text: str, patterns: list[re.Pattern[str]],
              limit: int | None = None) -> set[int] | None:
    """Indices of the lines where a pattern matches (none matches a line break); ``None`` as
    soon as there are more than ``limit``. One search per such line, not per match."""
    found: set[int] = set()
    find, count = text.find, text.count
    for pattern in patterns:
        search = pattern.search
        pos = line = 0
        while (match := search(text, pos)) is not None:
            start = match.start()
            line += count("\n", pos, start)
            found.add(line)
            if limit is not None and len(found) > limit:
                return None
            pos = find("\n", start) + 1
            if not pos:
                break
            line += 1
    return found
