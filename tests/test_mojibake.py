"""The ``mojibake`` stage: repairs, records, warnings, the option and the gbk_realign wiring."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleanse import Document
from cleanse.testing import assert_stage, run_stage
from cleanse_plugins.mojibake import MojibakeStage


def utf8_as(codec: str, text: str) -> str:
    return text.encode("utf-8").decode(codec, "replace")


def utf8_as_gb18030(text: str) -> str:
    """Every byte kept: what GB18030 cannot read (0x80, a lead byte alone) is escaped."""
    return text.encode("utf-8").decode("gb18030", "surrogateescape")


def legacy_as_latin1(codec: str, text: str) -> str:
    return text.encode(codec).decode("latin-1")


REPAIRS = [
    # UTF-8 read as GBK, alone, beside correct text; a last byte the decoder dropped (。 is
    # E3 80 82: 銆 and U+FFFD) cannot be pinned (】 is E3 80 91) and stays flagged as U+FFFD.
    ("浣犲ソ涓栫晫", "你好世界"),
    ("他说：" + utf8_as("gbk", "今天天气很好") + "。", "他说：今天天气很好。"),
    (utf8_as("gbk", "万事大吉"), "万事大吉"),
    (utf8_as("gbk", "你好世界。") + "\n第二行", "你好世界\ufffd\n第二行"),
    (utf8_as("gbk", "今天天气很好。"), "今天天气很好\ufffd"),
    ("他说浣犲ソ涓栫晫銆?", "他说你好世界\ufffd"),
    (utf8_as("gbk", "萬事大吉，天氣很好。"), "萬事大吉，天氣很好\ufffd"),
    (utf8_as("gbk", "日本語のテキストです"), "日本語のテキストです"),
    # 0x80 read by GB18030 becomes U+FFFD; inside a run it can only be 0x80 (一 is E4 B8 80).
    (utf8_as("gb18030", "一个人走在路上"), "一个人走在路上"),
    # The last byte lost before a following correct character cannot be pinned: U+FFFD.
    (utf8_as("gbk", "你好世界。") + "好", "你好世界\ufffd好"),
    # UTF-8 read as Big5 where no byte was lost.
    (utf8_as("big5", "大禹治水"), "大禹治水"),
    (utf8_as("big5", "空空导弹"), "空空导弹"),
    # GBK and Big5 read as Latin-1 / cp1252.
    (legacy_as_latin1("gbk", "你好，世界"), "你好，世界"),
    ("ÄãºÃ£¬ÊÀ½ç", "你好，世界"),
    ("ChatGPT" + legacy_as_latin1("gbk", "是什么"), "ChatGPT是什么"),
    ("‚ƒÕfß@‚€–|Î÷ºÜºÃÓÃ", "們說這個東西很好用"),
    (legacy_as_latin1("big5", "這是繁體中文的測試"), "這是繁體中文的測試"),
    (legacy_as_latin1("gbk", "也可以在 Apple 的 M1、M2,包括 Intel 的 CPU 上都可以去做推理。"),
     "也可以在 Apple 的 M1、M2,包括 Intel 的 CPU 上都可以去做推理。"),
    # HTML entities: named, decimal, hexadecimal, escaped twice, and with a lost &.
    ("AT&amp;T", "AT&T"),
    ("a &lt;b&gt; &#20320;&#x597D;", "a <b> 你好"),
    ("&amp;quot;", '"'),
    # Spaces and invisible characters: a no-break space stays one, a zero-width space goes
    # (whitespace would drop it, joining what is around it: ``#xff0c;`` here); a line break or a
    # bidi override is no text and the entity stays.
    ("以及&nbsp;空格", "以及\xa0空格"),
    ("a&ensp;b&zwj;c", "a\u2002b\u200dc"),
    ("中文&#8203;零宽", "中文零宽"),
    ("中#&#8203;xff0c;文", "中，文"),
    ("a&#x202e;b&#8232;c", "a&#x202e;b&#8232;c"),
    ("中国#xff0c;美国", "中国，美国"),
    ("中国?#xff0c;美国", "中国，美国"),
    ("中国#65292;美国", "中国，美国"),
    # Entities in full-width letters and digits, which punctuation folds later.
    ("x&ａｍｐ;y", "x&y"),
    ("中＃ｘｆｆ０ｃ；文", "中，文"),
    ("莫屬。::?..!#xff0c;", "莫屬。::?..!，"),
    # A lone C1 control no repair used goes here, as whitespace would drop it later; a line
    # break other than \n becomes \n, so the line-based stages see the output's lines.
    ("中\x9d,好", "中,好"),
    ("(\x8d\x90要", "(要"),
    ("上\r下\u2028左", "上\n下\n左"),
    # Runs judged as the later stages leave them: a hashtag that splits a run goes after its
    # repair, a lost "&" is looked for beside what the hashtag leaves, full-width letters beside
    # a run are its trail bytes (punctuation folds them), a no-break space at the start of a line
    # is not its lead byte (whitespace strips it), nor is a soft hyphen once the tag goes.
    ("Ö#话题#R¤¡", "諶ぁ#话题#"),
    ("中。#话题##xff0c;", "中。#话题#，"),
    ("¤@¤ＡＩ２０２３", "一乙Ｉ２０２３"),
    ("\xa0¤@¤@", "一一"),
    ("0:#¹\xad", "0:#¹"),
    # A tag that holds misread bytes is judged with them: it is #Ã before the repair, #没人 after.
    ("#Ã»ÈËÄÜ¸´ÖÆChat", "#没人能复制Chat"),
    # A whole line misread is read back whole: what the runs alone do not show comes back too,
    # a no-break space and a middle dot among ASCII (聽, 路), a character read with an ASCII
    # byte (禖), a run as plausible as its repair (鍋氬緱寰堝ソ), a lone 》 after digits, a
    # letters-only run (ÐÅÑö), a rare character of traditional text (爲) in a short run.
    (utf8_as_gb18030("AIGC是指Artificial Intelligence\xa0Generated Content,比如DALL·E·2。"),
     "AIGC是指Artificial Intelligence\xa0Generated Content,比如DALL·E·2。"),
    (utf8_as_gb18030("艺术在我们看来是非常难的一件事情,但是 AI 做得很好;"),
     "艺术在我们看来是非常难的一件事情,但是 AI 做得很好;"),
    (utf8_as_gb18030("他带着他的儿子在 2020 年去做了自己的一家 AI 公司,但是他从 2020 年就走了,"),
     "他带着他的儿子在 2020 年去做了自己的一家 AI 公司,但是他从 2020 年就走了,"),
    (legacy_as_latin1("gbk", "《硅谷101》:AIGC有很多 To B 的应用。"), "《硅谷101》:AIGC有很多 To B 的应用。"),
    (legacy_as_latin1("gbk", "因爲 Stable Diffusion,它是從模型的權重上就完全開源"),
     "因爲 Stable Diffusion,它是從模型的權重上就完全開源"),
    (legacy_as_latin1("gbk", "信仰:AGI神教"), "信仰:AGI神教"),
    # A hashtag that holds misread UTF-8 is judged with it: the view without #娌 cuts the run.
    (utf8_as_gb18030("#没人能复制Chat| 来源: 网络整理| 查看: 265"),
     "#没人能复制Chat| 来源: 网络整理| 查看: 265"),
    (utf8_as_gb18030("#英伟达推出“核弹”芯片!"), "#英伟达推出“核弹”芯片!"),
    # Korean read as GBK: the syllables of KS X 1001 are common letters.
    (utf8_as_gb18030("서울은 한국의 수도입니다."), "서울은 한국의 수도입니다."),
    # Latin mojibake, through ftfy.
    ("æ–‡å­—", "文字"),
    ("The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."),
    ("cafÃ© “quoted” ，", "café “quoted” ，"),
]


@pytest.mark.parametrize(("text", "expected"), REPAIRS)
def test_repairs(text: str, expected: str) -> None:
    assert_stage(MojibakeStage(), text, expected)


LEFT_ALONE = [
    "锟斤拷锟斤拷",
    "烫烫烫烫烫",
    "好\ufffd\ufffd的",
    "café &copy 2023 &unknown; a#b; R&D",
    "x#xff0c;",
    "評分",
    "µû¤À",
    "ÆÀÂÛ",
    # 你好 in GBK, 斕疑 in Big5: too close to call, and lost bytes after it must not tip it.
    "ÄãºÃ",
    "ÄãºÃ\ufffd\ufffd",
    "Äpfel, naïve, Größe, créée, Þjóðhátíð",
    # Simplified characters whose GBK bytes are UTF-8 for 뵛糜: a Hangul syllable outside
    # KS X 1001 is no evidence of Korean.
    "氲涚硿",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(text: str) -> None:
    assert_stage(MojibakeStage(), text, text)


def test_records_carry_kind_offset_line_and_confidence() -> None:
    text = "第一行\n浣犲ソ涓栫晫\nAT&amp;T ÄãºÃ£¬ÊÀ½ç"
    doc = run_stage(MojibakeStage(), text)
    assert doc.text == "第一行\n你好世界\nAT&T 你好，世界"
    found = [(c.kind, c.before, c.after, c.line, c.offset) for c in doc.changes]
    assert found == [
        ("utf8-as-gbk", "浣犲ソ涓栫晫", "你好世界", 2, 4),
        ("gbk-as-latin1", "ÄãºÃ£¬ÊÀ½ç", "你好，世界", 3, 20),
        ("html-entity", "&amp;", "&", 3, 13),
    ]
    assert all("confidence" in c.reason for c in doc.changes)


def test_offsets_refer_to_the_received_text_after_earlier_repairs() -> None:
    text = "&amp;&amp;&amp; 锟斤拷"
    doc = run_stage(MojibakeStage(), text)
    assert [(w.code, w.offset, w.line) for w in doc.warnings] == [("replacement-roundtrip", 16, 1)]


DAMAGE = [
    ("好锟斤拷锟斤拷的", "replacement-roundtrip", 1, "好的"),
    ("内存烫烫烫烫烫", "uninitialised-memory", 2, "内存"),
    ("内存屯屯屯", "uninitialised-memory", 2, "内存"),
    ("坏了\ufffd\ufffd\ufffd吗", "replacement-chars", 2, "坏了吗"),
]


@pytest.mark.parametrize(("text", "code", "offset", "removed"), DAMAGE)
def test_damage_is_flagged_and_removed_on_request(text: str, code: str, offset: int,
                                                   removed: str) -> None:
    doc = assert_stage(MojibakeStage(), text, text)
    assert [(w.code, w.offset, w.line) for w in doc.warnings] == [(code, offset, 1)]
    doc = assert_stage(MojibakeStage(remove_damage=True), text, removed)
    assert [c.kind for c in doc.changes] == ["damage-removed"]


def test_real_reduplication_is_not_damage() -> None:
    assert not run_stage(MojibakeStage(), "水很烫，烫烫的").warnings


@dataclass(frozen=True)
class FakeRepair:
    offset: int
    before: str
    after: str
    confidence: float


@dataclass(frozen=True)
class FakeUnresolved:
    offset: int
    snippet: str
    reason: str


@dataclass(frozen=True)
class FakeResult:
    text: str
    repairs: list[FakeRepair]
    unresolved: list[FakeUnresolved]


@pytest.fixture
def fake_realign(monkeypatch: pytest.MonkeyPatch) -> None:
    """gbk_realign is another module's job: stand in for it with one repair and one failure."""

    def realign(text: str) -> FakeResult:
        if "?wù)" not in text:
            return FakeResult(text, [], [])
        before = "?wù)摳呖萍"
        start = text.index(before)
        unpinned = text.index("?ma)")
        return FakeResult(text.replace(before, "論高科"),
                          [FakeRepair(start, before, "論高科", 0.87)],
                          [FakeUnresolved(unpinned, text[unpinned:unpinned + 6], "two bytes fit")])

    module = types.ModuleType("cleanse_plugins.gbk_realign")
    module.realign = realign  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cleanse_plugins.gbk_realign", module)


@pytest.mark.usefixtures("fake_realign")
def test_realign_runs_first_and_is_recorded() -> None:
    text = "第一行\n談?wù)摳呖萍 還有?ma)呢 &amp;"
    doc = run_stage(MojibakeStage(), text)
    assert doc.text == "第一行\n談論高科 還有?ma)呢 &"
    change = doc.changes[0]
    assert (change.kind, change.before, change.after, change.line, change.offset) == (
        "misaligned-gbk", "?wù)摳呖萍", "論高科", 2, 5)
    assert "0.87" in change.reason
    assert [(w.code, w.line, w.offset) for w in doc.warnings] == [
        ("unpinned-misalignment", 2, 15)]
    removed = run_stage(MojibakeStage(remove_damage=True), text)
    assert removed.text == "第一行\n談論高科 還有呢 &"


def test_option_is_a_flag_and_unknown_keys_are_rejected() -> None:
    (option,) = MojibakeStage.options
    assert (option.key, option.flag, option.is_flag) == ("remove_damage", "--remove-damage", True)
    with pytest.raises(Exception, match="unknown option"):
        MojibakeStage(remove_damge=True)


def test_stage_modules_import_only_the_public_api() -> None:
    plugins = Path(__file__).resolve().parent.parent / "plugins"
    for path in sorted(plugins.glob("mojibake*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("cleanse."), f"{path.name}: {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("cleanse.") for a in node.names), path.name


def test_heavy_libraries_load_only_when_needed() -> None:
    code = ("import sys\nfrom cleanse import Document\nfrom cleanse_plugins.mojibake import "
            "MojibakeStage\nMojibakeStage()(Document(source='x', text='中文，“引号”'))\n"
            "print(sorted(m for m in ('ftfy', 'pypinyin', 'opencc') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_document_without_text_is_an_error() -> None:
    with pytest.raises(AssertionError):
        MojibakeStage()(Document(source="x", raw=b"abc"))


@pytest.mark.parametrize("module", ["mojibake_damage", "mojibake_dbcs", "mojibake_edits",
                                    "mojibake_entities", "mojibake_latin", "mojibake_score",
                                    "mojibake_utf8"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"cleanse_plugins.{module}"))
    assert result.attempted and not result.failed


@pytest.mark.parametrize(
    "text, expected",
    [
        ("×\x1f\x82", "\u05c2"),  # a control inside the run hid it until a second cleaning
        ("æ–\x1f‡å\xad—", "文字"),  # the soft hyphen is byte AD of 字 and must survive
        ("ok\x00 fine", "ok fine"),
        ("業(yè)#xff0c;好", "業(yè)，好"),  # the entity follows the character's inline pinyin
        ("f(x)#xff0c;", "f(x)#xff0c;"),  # not after an East Asian character: left alone
        ("(中)#xff0c;", "(中)，"),  # Han in brackets is no reading: punctuation widens them
        ("(AI架構(gòu))#xff0c;", "(AI架構(gòu))，"),  # past a bracket and the pinyin inside it
        ("æ–‡å\xad—#xff0c;", "文字，"),  # after the character a repair just made
        ("&#xff0c;#xff0c;", "，，"),  # after the character a complete entity just made
        ("好#xff0c;#xff0c;", "好，，"),  # after the character the entity before it makes
        ("莫屬。,#xff0c;", "莫屬。,，"),  # past a mark punctuation widens later
        ("莫屬。.,#xff0c;", "莫屬。.,，"),
    ],
)
def test_invisible_characters_do_not_hide_mojibake(text: str, expected: str) -> None:
    assert_stage(MojibakeStage(), text, expected)
