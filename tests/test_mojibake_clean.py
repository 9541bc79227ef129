"""Correct text passes the ``mojibake`` stage byte-identical, however much it looks misread."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from cleanse.testing import run_stage
from cleanse_plugins.mojibake import MojibakeStage
from tests.helpers import scraped_pages

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "raw"
# Lines with a broken converter's annotation or a misaligned segment are not clean.
NOISE = re.compile(r"\?|\([a-zàáǎāèéěēìíǐīòóǒōùúǔūǘǚǜü]+\)")

TRICKY = [
    # Chinese made of characters that GBK mojibake is full of.
    "浣纱的西施在涓涓细流边，晫然一笑；锟铻之剑，烫手山芋，屯兵边境。",
    "水很烫，烫烫的，別碰。",
    "觉醒年代，鏖战，鐮刀與錘子，餅乾和鍋貼。",
    "“你好”，他说——“世界……”。‘单引号’也在。",
    "全角标点：，。！？；：「」『』【】（）〔〕《》〈〉",
    "ＡＢＣ１２３　全角字母与数字，半角ABC123。",
    "豈 更 車 賈 (compatibility ideographs stay as they are)",
    # Japanese and Korean.
    "東京は日本の首都であり、世界でも有数の大都市です。「ありがとう」と彼は言った。",
    "ソフトウェアのテストは重要です。ｶﾀｶﾅの半角もある。",
    "서울은 대한민국의 수도이며, 한강이 도시를 가로질러 흐릅니다. “안녕하세요”라고 말했다.",
    # Latin-1 words and symbols that look like GBK read as Latin-1.
    "café, naïve, résumé, crème brûlée, Äpfel, Öl, Übergrößenträger, Þjóðhátíð, créée",
    "São Paulo, ação, coração; señor; « guillemets » ; 25 °C ± 2 ; ½ × ¼ ; © ® ™ § ¶",
    "“Smart quotes” and ‘single ones’ — with an em dash… and a bullet •.",
    "Привет, мир! Καλημέρα κόσμε. שלום עולם. مرحبا بالعالم.",
    # Text with # and &.
    "R&D, AT&T, Q&A, a && b, x &= y, &nbsp without semicolon, ?a=1&copy=2",
    "#话题# #hashtag, C#, issue #12; 第#3;号, #xyz; 颜色#ff0000;",
    "Emoji 😀🎉 and symbols ①②③ ※ ★ → ← ∑ √ ∞ ≠ ≤ ≥",
]


def _sample_lines() -> list[str]:
    lines = [line for path in scraped_pages()
             for line in path.read_text("utf-8").splitlines()
             if line.strip() and not NOISE.search(line)]
    return lines


def _corpus() -> list[str]:
    lines = _sample_lines()
    text = "\n".join(lines)
    simplified = opencc.OpenCC("t2s").convert(text)
    traditional = opencc.OpenCC("s2t").convert(text)
    return [simplified, traditional, "\n".join(TRICKY)]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_clean_text_is_untouched(text: str) -> None:
    doc = run_stage(MojibakeStage(), text)
    assert doc.text == text
    assert not doc.changes


@pytest.mark.parametrize("name", ["simplified", "traditional", "tricky"])
def test_clean_corpus_is_byte_identical(name: str) -> None:
    text = dict(zip(["simplified", "traditional", "tricky"], _corpus()))[name]
    doc = run_stage(MojibakeStage(), text)
    assert doc.text.encode("utf-8") == text.encode("utf-8")
    assert not doc.changes and not doc.warnings


def test_many_real_words_are_untouched() -> None:
    """Every phrase of pypinyin's dictionary, fifteen to a line, simplified and traditional."""
    from pypinyin.phrases_dict import phrases_dict

    words = sorted(phrases_dict)
    text = "\n".join("".join(words[i:i + 15]) for i in range(0, len(words), 15))
    for variant in (text, opencc.OpenCC("s2t").convert(text)):
        doc = run_stage(MojibakeStage(), variant)
        assert doc.text == variant and not doc.changes
