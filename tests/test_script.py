"""The ``script`` stage: conversions per target, idempotence, the sidecar counts."""

from __future__ import annotations

import random
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator
from pathlib import Path

import opencc
import pytest

from cleanse import ConfigError
from cleanse.testing import assert_stage, run_stage
from cleanse_plugins.script import HAN, SIMPLIFIED_ONLY, TARGETS, ScriptStage, measure
from cleanse_plugins.script_charsets import SIMPLIFIED, T2S_PHRASES, TRADITIONAL
from cleanse_plugins.script_count import BLOCK, CharClass, has_astral, use_numpy
from cleanse_plugins.script_foreign import FOREIGN
from cleanse_plugins.script_simplified import TRIGGERS, may_change
from tests.helpers import scraped_pages

SAMPLES = scraped_pages()
CJK_TEXTS = sorted((Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings")
                   .glob("*-utf8.txt"))

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
    # t2s's phrases without a character it changes on its own (were left unconverted)
    ("simplified", "深沈", "深沉"),
    ("simplified", "瞭解到", "了解到"),
    ("simplified", "反覆思量", "反复思量"),
    ("simplified", "头发\n深沈", "头发\n深沉"),
    # line by line: a kept t2s output stays kept beside traditional lines (was made 毕升)
    ("simplified", "頭髮\n毕昇", "头发\n毕昇"),
    # where t2s is not idempotent (measured on OpenCC's dictionaries): its output is kept
    ("simplified", "乾清宮", "乾清宫"),
    ("simplified", "乾清宫", "乾清宫"),
    ("simplified", "變徵之聲", "变徵之声"),
    ("simplified", "变徵", "变徵"),
    ("simplified", "幺麼小丑", "幺麽小丑"),
    ("simplified", "幺麽小丑", "幺麽小丑"),
    ("simplified", "蕓薹", "芸薹"),
    ("simplified", "不可貲計", "不可赀計"),
    ("simplified", "蕭乾", "萧乾"),
    ("simplified", "薴烯", "苧烯"),
    ("simplified", "捏壞了", "捏坏了"),
    ("simplified", "捏坏了", "捏坏了"),
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


#: Lines on which t2s is not idempotent (from OpenCC's own dictionaries), and what the stage
#: makes of them: t2s's output where that is stable or already t2s output, kept otherwise.
UNSTABLE_UNDER_T2S = [
    ("畢昇", "毕昇"), ("毕昇", "毕昇"), ("吳育昇", "吴育昇"), ("於梨華", "於梨华"),
    ("於潛縣", "於潜县"), ("楊聯陞", "杨联陞"), ("吳祕", "吴祕"), ("蒐獵", "蒐猎"),
    ("懷釐", "怀釐"), ("氾勝之", "氾胜之"), ("旋乾轉坤", "旋乾转坤"), ("薴", "苧"),
    ("苧", "苧"), ("麼些族", "麽些族"), ("乾闥婆", "乾闼婆"),
]


@pytest.mark.parametrize(("text", "expected"), UNSTABLE_UNDER_T2S)
def test_where_t2s_is_not_idempotent(text: str, expected: str) -> None:
    t2s = opencc.OpenCC("t2s")
    once = t2s.convert(text)
    assert t2s.convert(once) != once or once != text
    assert_stage(ScriptStage(), text, expected)


def test_lines_convert_alone_as_in_a_document() -> None:
    """Line by line or the whole text at once (most lines to convert): the same result."""
    lines = [text for text, _ in UNSTABLE_UNDER_T2S] + REGION_PHRASES + ["頭髮", "深沈", "中文"]
    stage = ScriptStage()
    alone = [run_stage(stage, line).text for line in lines]
    assert run_stage(stage, "\n".join(lines)).text == "\n".join(alone)  # type: ignore[arg-type]
    sparse = "\n".join(lines + ["简体的一行"] * 2000)
    assert run_stage(stage, sparse).text == "\n".join(alone + ["简体的一行"] * 2000)


@pytest.mark.parametrize("path", CJK_TEXTS, ids=lambda path: path.name)
def test_simplified_on_cjkencodings(path: Path) -> None:
    """CPython's CJK codec test texts: the Chinese ones get t2s's output, and keep it; the
    Japanese and Korean ones (every line with Han holds kana or Hangul) are left alone."""
    text = path.read_text(encoding="utf-8")
    with_han = [line for line in text.split("\n") if HAN.search(line)]
    foreign = [line for line in with_han if FOREIGN.search(line)]
    assert foreign in ([], with_han)
    assert_stage(ScriptStage(), text, text if foreign else opencc.OpenCC("t2s").convert(text))


def test_text_without_trigger_builds_no_converter() -> None:
    stage = ScriptStage()
    text = "简体中文的文本，什么都不用改。\n" * 300
    doc = assert_stage(stage, text, text)
    assert stage._converters is None
    assert doc.metadata["script"]["before"] == {"traditional": 0, "simplified": 600,
                                                 "verdict": "simplified"}


def test_triggers_match_installed_opencc() -> None:
    """What proves a text is its own t2s conversion must cover what this OpenCC changes."""
    t2s = opencc.OpenCC("t2s")
    ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
    chars = [chr(code) for start, end in ranges for code in range(start, end + 1)]
    changed = {char for char, out in zip(chars, t2s.convert("\n".join(chars)).split("\n"))
               if out != char}
    assert changed <= TRIGGERS.members
    assert all(t2s.convert(phrase) != phrase for phrase in T2S_PHRASES)
    assert not may_change("简体中文什么都不用改", False)


@pytest.mark.parametrize("to", ["simplified", "traditional"])
@pytest.mark.parametrize("text", [
    "頭髮\n" + "简体的一行\n" * 50,
    "\n".join(["頭髮乾燥"] * 60 + ["毕昇"]),
    "創業和创业\n" * 30,
])
def test_sidecar_counts_match_the_output(to: str, text: str) -> None:
    """The counts after conversion, taken from the changed lines only, are the output's."""
    doc = run_stage(ScriptStage(to=to), text)
    assert doc.metadata["script"]["before"] == measure(text)
    assert doc.metadata["script"]["after"] == measure(doc.text)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [0, 1, 255, 256, 257, 4095, 4096, BLOCK * 3 + 1, 20000])
def test_char_class_counts_exactly(size: int) -> None:
    """Set look-up, one-character regex and block regex all count the same."""
    rng = random.Random(size)
    alphabet = list(SIMPLIFIED[:40] + SIMPLIFIED[-20:] + TRADITIONAL[:30]) + list("的一 \n")
    text = "".join(rng.choice(alphabet) for _ in range(size))
    expected = sum(char in SIMPLIFIED_ONLY.members for char in text)
    assert SIMPLIFIED_ONLY.count(text, has_astral(text)) == expected
    assert CharClass(SIMPLIFIED).count(text, has_astral(text)) == expected
    assert SIMPLIFIED_ONLY.search(text, has_astral(text)) == bool(expected)


@pytest.fixture
def backend() -> Iterator[Callable[[bool], None]]:
    yield use_numpy
    use_numpy(None)


def test_numpy_and_re_agree(backend: Callable[[bool], None]) -> None:
    """Both counting backends give the same text, counts and records, for every target."""
    pages = [path.read_text(encoding="utf-8") for path in SAMPLES]
    lines = [text for text, _ in UNSTABLE_UNDER_T2S] + REGION_PHRASES
    docs = [*pages, "\n".join(pages), "\n".join(lines * 40), "頭髮\n" + "简体的一行\n" * 3000,
            "𠀾𫄷頭髮乾燥\n" * 500]

    def results() -> list[tuple[object, ...]]:
        out = []
        for to in TARGETS:
            stage = ScriptStage(to=to)
            for text in docs:
                doc = run_stage(stage, text)
                out.append((doc.text, doc.metadata["script"], [c.to_dict() for c in doc.changes]))
        return out

    backend(True)
    with_numpy = results()
    backend(False)
    assert results() == with_numpy


def test_start_up_does_not_import_numpy() -> None:
    """numpy is for batch runs: a short run, even on a page, scans with re."""
    code = (
        "import sys\n"
        "from cleanse import Document\n"
        "from cleanse_plugins.script import ScriptStage\n"
        f"text = open({str(SAMPLES[0])!r}, encoding='utf-8').read()\n"
        "for to in ('simplified', 'traditional'):\n"
        "    ScriptStage(to=to)(Document(source='x', text=text))\n"
        "assert 'numpy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# 緗勬噰 simplified is 缃勬噰, whose GBK bytes are the UTF-8 of 罄懇: the mojibake stage, which
# runs before script, would repair it on a second cleaning.
MAKES_MOJIBAKE = "緗勬噰"


@pytest.mark.parametrize(("text", "expected", "kept"), [
    pytest.param(f"{MAKES_MOJIBAKE} 两\n", f"{MAKES_MOJIBAKE} 两\n", [1], id="alone"),
    pytest.param(f"頭髮\n{MAKES_MOJIBAKE}\n", f"头发\n{MAKES_MOJIBAKE}\n", [2], id="line-by-line"),
    # traditional text is converted whole: the guard looks at every changed line
    pytest.param("頭髮乾燥\n" * 40 + MAKES_MOJIBAKE, "头发干燥\n" * 40 + MAKES_MOJIBAKE, [41],
                 id="whole-text"),
    # a run that is mojibake before the conversion is not the conversion's doing
    pytest.param("頭髮 &amp;\n", "头发 &amp;\n", [], id="sign-already-there"),
])
def test_conversion_that_makes_mojibake_is_left(text: str, expected: str,
                                                kept: list[int]) -> None:
    doc = assert_stage(ScriptStage(), text, expected)
    assert [w.line for w in doc.warnings if w.code == "makes-mojibake"] == kept
    assert doc.metadata["script"]["after"] == measure(expected)
    assert_stage(ScriptStage(), expected, expected)


JAPANESE = "Python の開発は、1990 年ごろから開始されています。"


@pytest.mark.parametrize(("to", "text", "expected", "left"), [
    pytest.param("simplified", JAPANESE, JAPANESE, {"japanese": 1}, id="japanese-line"),
    # each line on its own: a kanji-only title is converted (a judgement by the page would
    # change when dedupe drops a copy of a Japanese line; found by the fuzzer)
    pytest.param("simplified", f"開發者\n{JAPANESE}\n{JAPANESE}", f"开发者\n{JAPANESE}\n{JAPANESE}",
                 {"japanese": 2}, id="japanese-page"),
    # a Chinese page quoting one Japanese line: the rest is converted
    pytest.param("simplified", f"頭髮很長\n發展很快\n{JAPANESE}", f"头发很长\n发展很快\n{JAPANESE}",
                 {"japanese": 1}, id="japanese-quote"),
    pytest.param("simplified", "파이썬의 우아(優雅)한 문법\n亞영", "파이썬의 우아(優雅)한 문법\n亞영",
                 {"korean": 2}, id="korean"),
    pytest.param("traditional", "日本語の开発\n发展", "日本語の开発\n發展", {"japanese": 1},
                 id="japanese-to-traditional"),
    # counted only where the conversion would have changed the line
    pytest.param("simplified", "日本の首都です。\n頭髮", "日本の首都です。\n头发", {},
                 id="japanese-line-t2s-leaves"),
    # judged as hashtags leave the line: kana in a tag only make no Japanese line
    pytest.param("simplified", "莫屬。#東京は日本#", "莫属。#东京は日本#", {}, id="kana-in-a-tag"),
    pytest.param("simplified", "東京は#話題#", "東京は#話題#", {"japanese": 1}, id="kana-beside-a-tag"),
    # the katakana middle dot and long-vowel mark are Chinese punctuation too
    pytest.param("simplified", "史蒂夫・喬布斯ー發佈會", "史蒂夫・乔布斯ー发布会", {}, id="middle-dot"),
])
def test_japanese_and_korean_lines_are_left(to: str, text: str, expected: str,
                                            left: dict[str, int]) -> None:
    doc = assert_stage(ScriptStage(to=to), text, expected)
    assert doc.metadata["script"].get("left", {}) == left
    assert doc.metadata["script"]["after"] == measure(expected)
    assert_stage(ScriptStage(to=to), expected, expected)
