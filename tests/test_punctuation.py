"""The ``punctuation`` stage: full width in Han context, ASCII in Latin context."""

from __future__ import annotations

import os
import re
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cleanse import Document, clean, make_pipeline
from cleanse.testing import assert_stage, run_stage
from cleanse_plugins.punctuation import PunctuationStage
from cleanse_plugins.punctuation_rules import Counts, Table, fold_width, has_fullwidth_alnum
from cleanse_plugins.punctuation_scan import convert, convert_lines
from tests.helpers import ROOT, scraped_pages

SAMPLES = scraped_pages()

AUTO = [
    ("什么最熱鬧,那非ChatGPT莫屬。", "什么最熱鬧，那非ChatGPT莫屬。"),
    ("3月20日,創新", "3月20日，創新"),
    ("宣布将筹组名为“AI2.0”的项目", "宣布将筹组名为“AI2.0”的项目"),
    ("方向是AIInfra(AI架構),屬於", "方向是AIInfra（AI架構），屬於"),
    ("卡内基梅隆大学(CMU)的学生", "卡内基梅隆大学（CMU）的学生"),
    ("Foundation Model(基础模型)是", "Foundation Model（基础模型）是"),
    ("a Large Language Model (LLM) is", "a Large Language Model (LLM) is"),
    ("大模型Model(LLM)是", "大模型Model(LLM)是"),
    ("大模型Model（LLM）是", "大模型Model(LLM)是"),
    ("大学 (CMU) 的", "大学 （CMU） 的"),
    ("GPT-3,还有", "GPT-3，还有"),
    ("需要什么?”他问", "需要什么？”他问"),
    ("真的吗?!", "真的吗？！"),
    ("好...", "好……"),
    # White space that ends the line is its end, as whitespace leaves it.
    ("一.\t", "一。\t"),
    ("一.\u3000", "一。\u3000"),
    ("一.\t二", "一.\t二"),
    ("AI……ChatGPT", "AI...ChatGPT"),
    ("10:30开会", "10:30开会"),
    ("来源:雪球App", "来源：雪球App"),
    ("見https://x.com/a?b=1,谢谢", "見https://x.com/a?b=1，谢谢"),
    ("邮件a.b@x.com,谢谢", "邮件a.b@x.com，谢谢"),
    ("成立18个月的Jasper.AI就", "成立18个月的Jasper.AI就"),
    ("拿了 1.01 亿美元", "拿了 1.01 亿美元"),
    ("卖出了1,000台", "卖出了1,000台"),
    ("买了A100,H100等", "买了A100,H100等"),
    ("A100，H100", "A100,H100"),
    ("01.为什么ChatGPT没有诞生在中国", "01.为什么ChatGPT没有诞生在中国"),
    ("就这样结束了.", "就这样结束了。"),
    ("版本v2.0发布", "版本v2.0发布"),
    ("ＡＩ在２０２３年", "AI在2023年"),
    ("Hello, world! (yes)", "Hello, world! (yes)"),
    ("比分3:2", "比分3:2"),
    ("用ChatGPT！", "用ChatGPT！"),
    ("本当？はい", "本当？はい"),
    ("정말? 네", "정말? 네"),
    # the CR of a CRLF line end ends the line, as a trailing tab does
    ("一.\r\n二.\t\r\n", "一。\r\n二。\t\r\n"),
    # A line with Hangul is Korean: its ASCII punctuation stays, beside hanja too.
    ("파이썬의 우아(優雅)한 문법", "파이썬의 우아(優雅)한 문법"),
    ("㉯㉯납!! 因九月", "㉯㉯납!! 因九月"),
    ("你好,世界\n우아(優雅)한\n再见,朋友", "你好，世界\n우아(優雅)한\n再见，朋友"),
    ("우아(優雅)\n\n(注)中文\n", "우아(優雅)\n\n（注）中文\n"),
    ("你好,世界#우아#", "你好，世界#우아#"),  # Hangul in a tag only: judged without it
    ("", ""),
    # Judged as the hashtags stage leaves the line: ``中#话题#.`` is ``中.``, ``?式`` a Han ``？``.
    ("中#话题#.", "中#话题#。"),
    ("?$飞(0)$式", "？$飞（0）$式"),
    # An entity that lost its ``&`` keeps its ``;``: ``#xff0c；`` would read as a hashtag.
    ("他说#xff0c;好", "他说#xff0c;好"),
    ("#123;好#", "#123;好#"),
]


@pytest.mark.parametrize(("text", "expected"), AUTO)
def test_auto(text: str, expected: str) -> None:
    assert_stage(PunctuationStage(), text, expected)


@pytest.mark.parametrize(("mode", "text", "expected"), [
    ("fullwidth", "用ChatGPT!", "用ChatGPT！"),
    ("fullwidth", "(注)", "（注）"),
    ("fullwidth", "A100,H100", "A100,H100"),
    ("halfwidth", "你好，世界（AI）。", "你好,世界(AI)."),
    ("halfwidth", "等等……", "等等..."),
    ("halfwidth", "ＡＩ", "AI"),
    ("keep", "你好,世界ＡＩ", "你好,世界ＡＩ"),
])
def test_modes(mode: str, text: str, expected: str) -> None:
    assert_stage(PunctuationStage(mode=mode), text, expected)


def test_counts() -> None:
    doc = run_stage(PunctuationStage(), "你好,世界(AI)\nA100，H100 ＡＩ\n")
    assert doc.metadata["punctuation"] == {"to_fullwidth": 3, "to_halfwidth": 1,
                                           "width_folded": 2}
    assert [change.line for change in doc.changes] == [1, 2]


def test_counts_around_korean_lines() -> None:
    """The runs of lines around a Korean one are counted together, at their own lines."""
    doc = run_stage(PunctuationStage(), "你好,世界\n우아(優雅)한 ＡＩ\nA100，H100 ＡＩ\n")
    assert doc.metadata["punctuation"] == {"to_fullwidth": 1, "to_halfwidth": 1,
                                           "width_folded": 2}
    assert [change.line for change in doc.changes] == [1, 3]


HAN = "[\u3400-\u9fff]"
ASCII_BETWEEN_HAN = re.compile(f"{HAN}[,?:;!()]{HAN}")
# A full-width mark between Latin, or full-width parentheses around Latin-only text that
# touch Latin outside.
FULL_IN_LATIN = re.compile("[A-Za-z0-9][，？：；！][A-Za-z0-9]"
                           "|[A-Za-z0-9] ?（[^（）()\u3400-\u9fff\n]*）"
                           "|（[^（）()\u3400-\u9fff\n]*） ?[A-Za-z0-9]")


@pytest.mark.parametrize("mode", ["auto", "fullwidth", "halfwidth"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_samples(mode: str, path: Path) -> None:
    stage = PunctuationStage(mode=mode)
    once = run_stage(stage, path.read_text(encoding="utf-8")).text
    assert once is not None
    assert_stage(stage, once, once)
    if mode != "halfwidth":
        assert not ASCII_BETWEEN_HAN.search(once)
        assert not FULL_IN_LATIN.search(once)


def test_table_is_data() -> None:
    table = Table.load('[marks]\n"," = "，"\n')
    stage = PunctuationStage()
    stage._table = table
    assert_stage(stage, "你好,世界:", "你好，世界:")


# The whole-page scan must give exactly what the rules give line by line (the path kept for
# tables the scan does not know): text and counts, in every mode.
TABLE = Table.load()
WIDTH_MODES = ["auto", "fullwidth", "halfwidth"]


def line_by_line(text: str, table: Table, mode: str) -> tuple[str, Counts]:
    counts = Counts()
    text, counts.width_folded = fold_width(text)
    return convert_lines(text, table, mode, counts), counts  # type: ignore[arg-type]


def assert_same_as_reference(text: str, mode: str) -> None:
    expected, expected_counts = line_by_line(text, TABLE, mode)
    got, counts = convert(text, TABLE, mode)  # type: ignore[arg-type]
    assert got == expected
    assert asdict(counts) == asdict(expected_counts)


def page_texts() -> list[tuple[str, str]]:
    """Every sample page as it comes, as the stages before ``punctuation`` leave it, and cleaned."""
    before = make_pipeline(stages="decode,mojibake,pinyin,script")
    texts = []
    for path in sorted((ROOT / "samples" / "raw").glob("*.txt")):
        data = path.read_bytes()
        text = before.run(Document(source=str(path), raw=data)).text
        assert text is not None
        texts.append((f"{path.name}:before", text))
        if path in SAMPLES:
            texts.append((f"{path.name}:raw", data.decode("utf-8")))
    for path in [*sorted((ROOT / "samples" / "clean").glob("*.txt")),
                 *sorted((ROOT / "tests" / "data" / "clean_articles").glob("*.txt"))]:
        texts.append((f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8")))
    return texts


PAGES = page_texts()


@pytest.mark.parametrize("mode", WIDTH_MODES)
@pytest.mark.parametrize(("name", "text"), PAGES, ids=[name for name, _ in PAGES])
def test_pages_same_as_reference(name: str, text: str, mode: str) -> None:
    assert_same_as_reference(text, mode)
    for line in text.split("\n"):
        assert_same_as_reference(line, mode)


PIECES = [
    *"中文的是了人在有大学模型", "\U00020000", *"、《》「」【】·", "あ", "ア", "한", *"abcXYZ019é",
    " ", "\t", "\u3000", "\u00a0", "\n", "\r\n", *",;:?!().", *"，；：？！（）。",
    "…", "...", "……", "......", "…………", ".....", *"\"'‘’“”", *"#$＃＄&@/-_%+=*",
    *"ＡＩ２０", "https://x.com/a?b=1,c", "http://a.b/x\",y", "www.a.cn/p", "a.b@x.com",
    "&amp;", "&amp", "#123;", "&#xff0c;", "#xff0c;", "#话题#", "#tag", "$科大讯飞(SZ002230)$",
    "C#", "3.5", "1,000", "10:30", "A100,H100", "(AI架構)", "(CMU)", "（LLM）", "Model(LLM)",
]
pieces_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=2)),
                       max_size=40).map("".join)
DIFF_EXAMPLES = int(os.environ.get("CLEANSE_PUNCTUATION_EXAMPLES", "300"))


@pytest.mark.parametrize("mode", WIDTH_MODES)
@seed(20261201)
@settings(max_examples=DIFF_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=pieces_text)
def test_generated_same_as_reference(mode: str, text: str) -> None:
    assert_same_as_reference(text, mode)


@pytest.mark.parametrize("mode", ["auto", "fullwidth"])
@pytest.mark.parametrize("path", sorted((ROOT / "samples" / "raw").glob("*.txt")),
                         ids=lambda path: path.name)
def test_targets_after_the_pipeline(mode: str, path: Path) -> None:
    """Issue 5's targets on the pages cleaned by the whole pipeline."""
    text = clean(path.read_bytes(), punctuation=mode).text
    assert ASCII_BETWEEN_HAN.findall(text) == []
    assert FULL_IN_LATIN.findall(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("中,文", ["中,文"]), ("中(文", ["中(文"]), ("中，文", []), ("a，b", ["a，b"]),
    ("Model（LLM）是", ["l（LLM）"]), ("大学（CMU）的", []), ("AIInfra（AI架构）", []),
    ("（LLM） is", ["（LLM） i"]),
])
def test_target_patterns(text: str, found: list[str]) -> None:
    assert ASCII_BETWEEN_HAN.findall(text) + FULL_IN_LATIN.findall(text) == found


@pytest.mark.parametrize(("text", "found"), [
    ("Ａ", True), ("ｚ", True), ("０", True), ("中文９", True), ("ａ\U00020000", True),
    ("，：；？！（）", False), ("＠［｀｛～", False), ("abc", False), ("\U00020000", False),
    # 0xFF at an even offset (the low byte of ÿ) after a high byte in range: not one.
    ("\u4e41\u00ff", False), ("\u4e41\u00ffＡ", True),
])
def test_has_fullwidth_alnum(text: str, found: bool) -> None:
    assert has_fullwidth_alnum(text) is found


OTHER_TABLES = [
    '[marks]\n"," = "，"\n',  # scanned: one mark, no parentheses, no sentence or ellipsis
    '[marks]\n"," = "，"\n"(" = "（"\n")" = "）"\n[ellipsis]\n"..." = "……"\n',
    '[marks]\n"," = "，"\n"--" = "——"\n[sentence]\n"." = "。"\n',  # judged line by line
]


@pytest.mark.parametrize("mode", WIDTH_MODES)
@pytest.mark.parametrize("data", OTHER_TABLES)
def test_other_tables_same_as_reference(data: str, mode: str) -> None:
    table = Table.load(data)
    for _, text in PAGES[:6]:
        got, counts = convert(text, table, mode)  # type: ignore[arg-type]
        expected, expected_counts = line_by_line(text, table, mode)
        assert (got, asdict(counts)) == (expected, asdict(expected_counts))


def test_only_the_patterns_of_present_marks_are_compiled() -> None:
    """Start-up: a short text pays for the patterns of the marks it holds, not for all."""
    from cleanse_plugins.punctuation_scan import LazyPattern, _plan, plan_for

    _plan.cache_clear()  # plans are shared by tables of equal content
    table = Table.load()
    assert convert("中文，你好", table, "auto")[0] == "中文，你好"
    plan = plan_for(table, "auto")
    assert plan is not None
    compiled = {trigger.char for trigger in plan.triggers
                for pattern in (trigger.gate, trigger.scan)
                if isinstance(pattern, LazyPattern) and pattern._compiled is not None}
    assert compiled <= {"，"}
