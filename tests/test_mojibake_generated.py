"""Generated mojibake from real sentences: how much the stage repairs, and that it never harms.

Sentences of the sample pages, in simplified and traditional script (OpenCC), plus Japanese and
Korean, are encoded and decoded with the wrong codec, the way such text is damaged in the wild.
Where the wrong decoder kept every byte (GB18030 with ``surrogateescape``, Latin-1, Big5 read as
Latin-1) the repair must be near complete; where it threw bytes away (``errors="replace"``) a lost
byte often cannot be pinned and is left as U+FFFD. Either way no output may hold a character that
neither the sentence nor its mojibake had: a repair is right, or absent, or flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import opencc
import pytest

from cleanse.testing import run_stage
from cleanse_plugins.mojibake import MojibakeStage
from tests.helpers import scraped_pages

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "raw"
NOISE = re.compile(r"\?|\([a-zàáǎāèéěēìíǐīòóǒōùúǔūǘǚǜü]+\)")
OTHERS = [
    "日本語のテキストを正しく読み込めませんでした。", "東京は日本の首都です。",
    "ソフトウェアのテストは重要です。", "한국어 텍스트입니다.", "서울은 대한민국의 수도입니다.",
]


@cache
def sentences() -> tuple[str, ...]:
    found = []
    for path in scraped_pages():
        for line in path.read_text("utf-8").splitlines():
            if NOISE.search(line):
                continue
            found += [s.strip() for s in re.split(r"(?<=[。！？!；])", line) if len(s.strip()) > 1]
    converted = [opencc.OpenCC(c).convert(s) for c in ("t2s", "s2t") for s in found]
    return tuple(dict.fromkeys([*converted, *OTHERS]))


def as_windows_1252(data: bytes) -> str:
    """``data`` read as windows-1252 the way browsers read it (WHATWG): the five bytes cp1252
    leaves undefined become the C1 controls of the same value, so no byte is lost."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes((b,)).decode("cp1252")
                   for b in data)


GENERATORS: dict[str, Callable[[str], str]] = {
    "utf8-as-gb18030-lossless": lambda s: s.encode().decode("gb18030", "surrogateescape"),
    "utf8-as-gbk-replace": lambda s: s.encode().decode("gbk", "replace"),
    "utf8-as-gb18030-replace": lambda s: s.encode().decode("gb18030", "replace"),
    "gbk-as-latin1": lambda s: s.encode("gbk").decode("latin-1"),
    "gbk-as-cp1252": lambda s: as_windows_1252(s.encode("gbk")),
    "gbk-as-cp1252-replace": lambda s: s.encode("gbk").decode("cp1252", "replace"),
    "big5-as-latin1": lambda s: s.encode("big5").decode("latin-1"),
    "big5-as-cp1252": lambda s: as_windows_1252(s.encode("big5")),
}
# Share of sentences of 10 characters or more repaired exactly. Where the wrong decoder kept
# every byte it is all of them; where it threw bytes away, the measured share is kept as a floor.
FLOORS = {
    "utf8-as-gb18030-lossless": 1.0, "utf8-as-gbk-replace": 0.0,
    "utf8-as-gb18030-replace": 0.02, "gbk-as-latin1": 1.0, "gbk-as-cp1252": 1.0,
    "gbk-as-cp1252-replace": 0.77, "big5-as-latin1": 1.0, "big5-as-cp1252": 1.0,
}


def outcomes(name: str) -> list[tuple[str, str, str]]:
    stage = MojibakeStage()
    results = []
    for sentence in sentences():
        try:
            damaged = GENERATORS[name](sentence)
        except UnicodeError:
            continue
        if damaged != sentence:
            results.append((sentence, damaged, run_stage(stage, damaged).text))
    return results


@pytest.mark.parametrize("name", GENERATORS)
def test_long_sentences_are_repaired(name: str) -> None:
    long = [(s, out) for s, _, out in outcomes(name) if len(s) >= 10]
    rate = sum(s == out for s, out in long) / len(long)
    assert len(long) > 100
    assert rate >= FLOORS[name], f"{name}: {rate:.3f}"


LOSSLESS = [name for name, floor in FLOORS.items() if floor == 1.0]


@pytest.mark.parametrize("name", LOSSLESS)
def test_short_sentences_are_repaired_or_left_alone(name: str) -> None:
    """Under 10 characters a run may be too short to call (``ÆÀ·Ö`` is 评分 in GBK, and reads
    in Big5 too): then it is left exactly as it was, never half repaired."""
    for sentence, damaged, out in outcomes(name):
        if len(sentence) < 10:
            assert out in (sentence, damaged), (sentence, damaged, out)


@pytest.mark.parametrize("name", GENERATORS)
def test_nothing_is_made_worse(name: str) -> None:
    for sentence, damaged, out in outcomes(name):
        invented = set(out) - set(sentence) - set(damaged) - {"\ufffd"}
        assert not invented, (sentence, damaged, out)
