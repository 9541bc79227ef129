"""The pinyin stage: converter readings go, every other parenthetical stays."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleanse.testing import assert_stage, run_stage
from cleanse_plugins.pinyin import PinyinStage

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "raw"

REMOVED = [
    ("創(chuàng)業(yè)", "創業"),
    ("架構(gòu)", "架構"),
    ("方向是AIInfra(AI架構(gòu)),屬於", "方向是AIInfra(AI架構),屬於"),
    ("創(chuang4)業(ye4)", "創業"),
    ("的(de5)", "的"),
    ("的(de)", "的"),
    ("了(liǎo)解", "了解"),
    ("行(háng)業", "行業"),
    ("長(zhǎng)大", "長大"),
    ("創(chuang)業(ye)", "創業"),
    ("創(Chuàng)", "創"),
    ("創(CHUANG4)", "創"),
    ("張(Zhāng)先生", "張先生"),
    ("張(zhang)先生", "張先生"),
    ("綠(lǜ)", "綠"),
    ("綠(lv4)", "綠"),
    ("綠(lü4)", "綠"),
    ("綠(lu:4)", "綠"),
    ("女(nv3)", "女"),
    ("創（chuàng）業（yè）", "創業"),
    ("創（chuàng)業(yè）", "創業"),
    ("創(chua\u0300ng)", "創"),
    ("創(chuàng)(chuàng)業", "創業"),
    ("嗯(ńg)", "嗯"),
    ("呣(ḿ)", "呣"),
    ("〇(líng)", "〇"),
    ("𠀀(hē)", "𠀀"),
    ("中(ㄓㄨㄥ)", "中"),
    ("中(ㄓㄨㄥˉ)", "中"),
    ("的(˙ㄉㄜ)", "的"),
    ("的(ㄉㄜ˙)", "的"),
    ("北京(jīng)", "北京"),
    ("第一行\n學(xué)習(xí)(CMU)\n", "第一行\n學習(CMU)\n"),
]

KEPT = [
    "卡內基梅隆大學(CMU)",
    "論(FOCS)",
    "面(CVPR、KDD)",
    "NLP(語言生成模型)",
    "北京(Běijīng)",
    "北京(Beijing)",
    "北京 (Beijing)",
    "張(Zhang)",
    "張(ZHANG)",
    "安(AN)",
    "業(chuàng)",
    "的(dé)",
    "的(de6)",
    "創(chuang0)",
    "創(chuàng4)",
    "綠(lu4)",
    "創 (chuàng)",
    "(chuàng)",
    "Zhāng(zhāng)",
    "摳呖萍己臀磥砥髽I(yè)的走向",
    "中(ㄓㄨㄤ)",
    "米(m)",
    "弗(左)",
    "份(SZ002229)",
    "(ID:TheValley101)",
    "f(x)",
    "創業",
    "",
]


@pytest.mark.parametrize("text, expected", REMOVED)
def test_removes_readings(text: str, expected: str) -> None:
    assert_stage(PinyinStage(), text, expected)


@pytest.mark.parametrize("text", KEPT)
def test_keeps_everything_else(text: str) -> None:
    assert_stage(PinyinStage(), text, text)


@pytest.mark.parametrize(
    "text, expected",
    [("他(ta)們(men)", "他(ta)們(men)"), ("他(tā)們(men5)", "他們"), ("他(ta1)", "他")],
)
def test_keep_toneless(text: str, expected: str) -> None:
    assert_stage(PinyinStage(keep_toneless=True), text, expected)


def test_judged_once_per_setting() -> None:
    """Verdicts are remembered per (character, candidate) and per setting, not across them."""
    for _ in range(2):
        assert_stage(PinyinStage(), "他(ta)和他(ta)", "他和他")
        assert_stage(PinyinStage(keep_toneless=True), "他(ta)和他(ta)", "他(ta)和他(ta)")


def test_both_openers_in_text_order() -> None:
    """Candidates of the two openers, found by two patterns, are taken in text order: a chain
    across them belongs to the first character."""
    doc = assert_stage(PinyinStage(), "創(chuàng)（chuàng）業（yè）(yè)", "創業")
    assert [(c.before, c.offset) for c in doc.changes] == [
        ("(chuàng)", 1), ("（chuàng）", 9), ("（yè）", 18), ("(yè)", 22)]


def test_records_count_positions_and_lines() -> None:
    doc = assert_stage(PinyinStage(), "一\n創(chuàng)業(yè)\n\n學(xué)", "一\n創業\n\n學")
    assert doc.metadata["pinyin"] == {"removed": 3}
    assert [(c.kind, c.before, c.after, c.line, c.offset) for c in doc.changes] == [
        ("pinyin-annotation", "(chuàng)", "", 2, 3),
        ("pinyin-annotation", "(yè)", "", 2, 12),
        ("pinyin-annotation", "(xué)", "", 4, 19),
    ]
    assert doc.changes[0].reason == "chuàng is a reading of 創"


def test_no_candidate_records_zero() -> None:
    doc = run_stage(PinyinStage(), "卡內基梅隆大學(CMU)")
    assert doc.metadata["pinyin"] == {"removed": 0}
    assert not doc.changes and not doc.warnings


def test_warns_about_pinyin_it_keeps() -> None:
    doc = run_stage(PinyinStage(), "砥髽I(yè)的\n業(chuàng)")
    assert [(w.code, w.line, w.offset) for w in doc.warnings] == [
        ("pinyin-kept", 1, 3),
        ("pinyin-kept", 2, 10),
    ]


def test_sample_page_keeps_no_annotation_but_every_other_parenthetical() -> None:
    """Only the two annotations inside misaligned GBK runs (after a letter) survive: mojibake's."""
    raw = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8", errors="replace")
    doc = run_stage(PinyinStage(), raw)
    left = re.findall(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+[)）]", doc.text or "")
    assert left == ["(yè)", "(xué)"]
    assert doc.metadata["pinyin"]["removed"] == len(doc.changes) == 434
    others = re.compile(r"[(（][^()（）]*[^()（）a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ][^()（）]*[)）]")
    crude = re.sub(r"(?<=[^\x00-\x7f])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", "", raw)
    before = others.findall(crude)
    assert others.findall(doc.text or "") == before
    assert "(AI架構)" in before and "(語言生成模型)" in before


def _modules_after(text: str) -> bool:
    code = (
        "import sys\n"
        "from cleanse import Document\n"
        "from cleanse_plugins.pinyin import PinyinStage\n"
        "assert 'pypinyin' not in sys.modules, 'imported before the stage ran'\n"
        f"PinyinStage()(Document(source='t', text={text!r}))\n"
        "print('pypinyin' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip() == "True"


def test_pypinyin_imported_only_for_a_bopomofo_candidate() -> None:
    """Its phrase table (45 MB a process) comes with the package: Latin readings are read from
    its table of single characters alone."""
    assert not _modules_after("卡內基梅隆大學(CMU)，NLP(語言生成模型)，I(yè)，f(x)")
    assert not _modules_after("創(chuàng)業")
    assert _modules_after("創(ㄔㄨㄤˋ)業")


def test_readings_table_is_pypinyins() -> None:
    """Read on its own, the table equals the one the package imports."""
    code = (
        "from cleanse_plugins.pinyin import readings_table\n"
        "table = readings_table()\n"
        "from pypinyin.pinyin_dict import pinyin_dict\n"
        "assert table is not pinyin_dict, 'the package was imported'\n"
        "print(table == pinyin_dict, len(table) > 20000)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["True", "True"]
