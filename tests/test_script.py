"""The ``script`` stage: conversions per target, idempotence, the sidecar counts."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from cleanse import ConfigError
from cleanse.testing import assert_stage, run_stage
from cleanse_plugins.script import TARGETS, ScriptStage, measure
from cleanse_plugins.script_charsets import SIMPLIFIED, TRADITIONAL
from tests.helpers import scraped_pages

SAMPLES = scraped_pages()

CASES = [
    ("simplified", "頭髮", "头发"),
    ("simplified", "乾燥", "干燥"),
    ("simplified", "後來", "后来"),
    ("simplified", "創(chuàng)業", "创(chuàng)业"),
    ("simplified", "要問2023年的創投圈什么最熱鬧", "要问2023年的创投圈什么最热闹"),
    ("simplified", "顯著的著作", "显著的著作"),
    ("simplified", "軟體和滑鼠", "软体和滑鼠"),
    ("simplified", "乾隆年間", "乾隆年间"),
    ("simplified", "头发和显著", "头发和显著"),
    ("simplified", "毕昇", "毕昇"),
    ("simplified", "畢昇", "毕昇"),
    ("simplified", "乾燥\n毕昇\n乾隆", "干燥\n毕昇\n乾隆"),
    ("traditional", "发展", "發展"),
    ("traditional", "头发", "頭髮"),
    ("traditional", "后来的皇后", "後來的皇后"),
    ("traditional", "若干个", "若干個"),
    ("traditional", "頭髮乾燥", "頭髮乾燥"),
    ("traditional", "創業和创业", "創業和創業"),
    ("taiwan", "软件", "軟體"),
    ("taiwan", "鼠标和内存", "滑鼠和記憶體"),
    ("taiwan", "这个算法", "這個演算法"),
    ("taiwan", "软件的演算法", "軟體的演算法"),
    ("taiwan", "头发", "頭髮"),
    ("taiwan", "演算法和軟體", "演算法和軟體"),
    ("taiwan", "脑梗", "腦梗塞"),
    ("hongkong", "头发", "頭髮"),
    ("hongkong", "台湾的发展", "台灣的發展"),
    ("keep", "創業和创业", "創業和创业"),
    ("simplified", "plain ASCII, 1,000 (ok)", "plain ASCII, 1,000 (ok)"),
    ("traditional", "", ""),
]


@pytest.mark.parametrize(("to", "text", "expected"), CASES)
def test_conversion(to: str, text: str, expected: str) -> None:
    assert_stage(ScriptStage(to=to), text, expected)


REGION_PHRASES = [
    "算法", "演算法", "软件", "軟體", "鼠标", "滑鼠", "内存", "記憶體", "开启", "開啟", "速食面",
    "信息", "資訊", "打印机", "印表機", "出租车", "計程車", "自行车", "著名", "看著", "顯著", "头发",
    "乾隆", "畢昇", "毕昇", "於菟", "皇后", "若干", "脑梗", "腦梗塞", "句柄", "光标", "函数式编程",
]


@pytest.mark.parametrize("to", list(TARGETS))
@pytest.mark.parametrize("text", ["\n".join(REGION_PHRASES), *REGION_PHRASES])
def test_region_phrases_convert_once(to: str, text: str) -> None:
    stage = ScriptStage(to=to)
    once = run_stage(stage, text).text
    assert once is not None
    assert_stage(stage, once, once)


@pytest.mark.parametrize("to", list(TARGETS))
@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_samples_convert_once(to: str, path: Path) -> None:
    stage = ScriptStage(to=to)
    once = run_stage(stage, path.read_text(encoding="utf-8")).text
    assert once is not None
    assert_stage(stage, once, once)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_simplified_is_opencc_t2s(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = run_stage(ScriptStage(), text)
    assert doc.text == opencc.OpenCC("t2s").convert(text)
    assert not set(doc.text) & set(TRADITIONAL)
    assert doc.metadata["script"]["after"]["traditional"] == 0


@pytest.mark.parametrize(("config", "text"), [("s2twp", "脑梗"), ("t2s", "畢昇")])
def test_opencc_alone_is_not_idempotent(config: str, text: str) -> None:
    """The trap the stage avoids: OpenCC changes its own output again."""
    converter = opencc.OpenCC(config)
    once = converter.convert(text)
    assert converter.convert(once) != once
    to = "taiwan" if config == "s2twp" else "simplified"
    stage_once = run_stage(ScriptStage(to=to), text).text
    assert stage_once == once
    assert_stage(ScriptStage(to=to), once, once)


def test_tw2s_damages_simplified() -> None:
    """Why simplified uses t2s: tw2s turns clean simplified 显著 into 显着."""
    assert opencc.OpenCC("tw2s").convert("显著") != "显著"
    assert_stage(ScriptStage(), "显著", "显著")


def test_sidecar_counts() -> None:
    doc = run_stage(ScriptStage(), "創業和创业\n")
    assert doc.metadata["script"] == {
        "before": {"traditional": 2, "simplified": 2, "verdict": "mixed"},
        "after": {"traditional": 0, "simplified": 4, "verdict": "simplified"},
        "config": "t2s",
    }
    assert [(c.kind, c.line, c.before, c.after) for c in doc.changes] == [
        ("convert", 1, "創業和创业", "创业和创业")]


@pytest.mark.parametrize(("text", "verdict"), [
    ("頭髮", "traditional"), ("头发", "simplified"), ("頭发", "mixed"), ("Hello", "none"),
    ("乾隆皇后", "none"),
])
def test_verdict(text: str, verdict: str) -> None:
    assert measure(text)["verdict"] == verdict


def test_no_han_builds_no_converter() -> None:
    stage = ScriptStage(to="traditional")
    doc = run_stage(stage, "ASCII only, résumé 123\n")
    assert stage._converters is None
    assert doc.metadata["script"]["before"]["verdict"] == "none"


def test_custom_config_leaves_unstable_lines() -> None:
    stage = ScriptStage(opencc_config="s2twp")
    doc = assert_stage(stage, "软件\n", "軟體\n")
    assert doc.metadata["script"]["config"] == "s2twp"


def test_custom_config_is_idempotent_on_samples() -> None:
    stage = ScriptStage(opencc_config="s2twp")
    for path in SAMPLES:
        once = run_stage(stage, path.read_text(encoding="utf-8")).text
        assert once is not None
        assert_stage(stage, once, once)


def test_unknown_target_is_rejected() -> None:
    with pytest.raises(ConfigError):
        ScriptStage(to="martian")


def test_charsets_match_installed_opencc() -> None:
    """The generated sets must agree with the OpenCC in use (regenerate them if not)."""
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    assert not set(TRADITIONAL) & set(SIMPLIFIED)
    assert all(out != char for char, out in zip(TRADITIONAL, t2s.convert("\n".join(TRADITIONAL))
                                                .split("\n")))
    assert all(out != char for char, out in zip(SIMPLIFIED, s2t.convert("\n".join(SIMPLIFIED))
                                                .split("\n")))


def test_pipeline_option() -> None:
    from cleanse import clean

    result = clean("头发\n", stages=["script"], to="taiwan")
    assert result.text == "頭髮\n"
    assert result.metadata["script"]["after"]["verdict"] == "traditional"
