"""The whitespace stage, case by case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import Document
from cleanse.testing import assert_stage
from cleanse_plugins.whitespace import WhitespaceStage

CASES = [
    ("  测试  ", "测试\n"),
    ("测试", "测试\n"),
    ("", ""),
    ("\n\n\n", ""),
    ("a\r\nb\rc\n", "a\nb\nc\n"),
    ("第一段\n\n\n\n第二段\n", "第一段\n\n第二段\n"),
    ("\u3000\u3000段落缩进。\u3000\n", "段落缩进。\n"),
    ("零\u200b宽\ufeff字\u2060符\n", "零宽字符\n"),
    ("控\x07制\x1b字符\t保留\n", "控制字符\t保留\n"),
    ("e\u0301\n", "\u00e9\n"),
    ("全角标点，不动：“引号”！\n", "全角标点，不动：“引号”！\n"),
    ("行尾空格   \n\t\n下一行\n", "行尾空格\n\n下一行\n"),
    ("👨\u200d👩\u200d👧 家庭\n", "👨\u200d👩\u200d👧 家庭\n"),
    ("a\u2028b\n", "a\nb\n"),
    ("Silben\u00adtrennung\n", "Silben\u00adtrennung\n"),
    # An invisible character between a letter and its accent: NFC once it is gone (idempotent).
    ("e\u200b\u0301\n", "\u00e9\n"),
    ("\u1100\ufeff\u1161 \n", "\uac00\n"),
    # Code keeps its indent (a tab, or two spaces or more, before ASCII); a Chinese paragraph's
    # indent and a single stray space go.
    ("def a():\n    return 1  \n\tpass\n", "def a():\n    return 1\n\tpass\n"),
    ("    return x  # ok\n", "    return x  # ok\n"),
    # ... but a line with CJK text is prose, whatever it starts with.
    ("    2023年，我们\n", "2023年，我们\n"),
    ("      CopyRight 2018 某某网 版权所有\n", "CopyRight 2018 某某网 版权所有\n"),
    ("  中文段落\n \tx\n", "中文段落\n \tx\n"),
    (" single\n", "single\n"),
    ("  \u3000x\n", "x\n"),
    ("\u3000\u3000  x\n", "x\n"),
    ("\xa0 x\n", "x\n"),
    # Spaces beside full-width marks go (whitespace_marks); inside brackets, after Han before an
    # opening bracket, on a line with a hashtag mark and ideographic spaces, they stay.
    ("速度， 我们很快\n", "速度，我们很快\n"),
    ("的时候 ，很多非 AI\n", "的时候，很多非 AI\n"),
    ("Super Data（超级数据）， Super Talent （超级人才）和\n", "Super Data（超级数据），Super Talent（超级人才）和\n"),
    ("好。 Then 他说 ：好 、坏 ！\n", "好。Then 他说：好、坏！\n"),
    ("好。\u00a0Then 信息，\u00a0 中文\u00a0，好\n", "好。Then 信息，中文，好\n"),
    ("好。\u00a0é\u00a0，Ä 。他说： “你好”\n", "好。\u00a0é\u00a0，Ä 。他说： “你好”\n"),
    ("（注） 见下文\n", "（注）见下文\n"),
    ("創 （chuàng）業（ yè ）\n", "創 （chuàng）業（ yè ）\n"),
    ("#话题， #标签 还在\n", "#话题， #标签 还在\n"),
    ("一、\u3000总则\n", "一、\u3000总则\n"),
    ("甲 \u200b，乙\n", "甲，乙\n"),  # the space beside the mark once the zero-width one is gone
    ("우아（優雅）한 ， 말\n", "우아（優雅）한 ， 말\n"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_whitespace(text: str, expected: str) -> None:
    assert_stage(WhitespaceStage(), text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [("  indented\n    more  \n", "  indented\n    more\n"), ("   \n\n\nx\n", "x\n")],
)
def test_keep_indent(text: str, expected: str) -> None:
    assert_stage(WhitespaceStage(keep_indent=True), text, expected)


def test_changes_are_recorded_by_line() -> None:
    doc = assert_stage(WhitespaceStage(), "a \nb\nc  \n", "a\nb\nc\n")
    assert [(c.line, c.before, c.after) for c in doc.changes] == [(1, "a ", "a"), (3, "c  ", "c")]


# (text, keep_indent, expected text, expected changes as (kind, line, before, after))
RECORDED = [
    ("a", False, "a\n", [("whitespace", 1, "", "\n")]),
    ("a\r\nb", False, "a\nb\n",
     [("line-endings", None, "\\r\\n", "\\n"), ("whitespace", 2, "", "\n")]),
    ("\n\na\n", False, "a\n", [("whitespace", 1, "\n\n", "")]),
    ("a\n  \nb\n", False, "a\n\nb\n", [("whitespace", 2, "  ", "")]),
    ("a\n \n\n\t\nb\n", False, "a\n\nb\n",
     [("whitespace", 2, " ", ""), ("whitespace", 3, "\n\t\n", "")]),
    ("a\n\n\n", False, "a\n", [("whitespace", 2, "\n\n", "")]),
    ("a  \n\n\n  \nb \n\n", False, "a\n\nb\n",
     [("whitespace", 1, "a  ", "a"), ("whitespace", 3, "\n  \n", ""), ("whitespace", 5, "b ", "b"),
      ("whitespace", 6, "\n", "")]),
    ("e\u0301 \n", False, "\u00e9\n", [("whitespace", 1, "e\u0301 ", "\u00e9")]),
    ("x\u200b\n\u200b\ny\n", False, "x\n\ny\n",
     [("whitespace", 1, "x\u200b", "x"), ("whitespace", 2, "\u200b", "")]),
    ("  a\n   \n\n b \n", True, "  a\n\n b\n",
     [("whitespace", 2, "   ", ""), ("whitespace", 3, "\n", ""), ("whitespace", 4, " b ", " b")]),
    ("\r\n\r\n", False, "", [("line-endings", None, "\\r\\n", "\\n"), ("whitespace", 1, "\n\n", "")]),
    ("a\u2028\u2028b", False, "a\n\nb\n",
     [("line-endings", None, "\\u2028", "\\n"), ("whitespace", 3, "", "\n")]),
    # Only the line endings changed: no "final newline" change (there was one already).
    ("a\r\nb\r\n", False, "a\nb\n", [("line-endings", None, "\\r\\n", "\\n")]),
    ("甲\r\n\r\n乙\r\n", False, "甲\n\n乙\n", [("line-endings", None, "\\r\\n", "\\n")]),
]


@pytest.mark.parametrize("text, keep_indent, expected, changes", RECORDED)
def test_changes_recorded(text: str, keep_indent: bool, expected: str,
                          changes: list[tuple[str, int | None, str, str]]) -> None:
    doc = assert_stage(WhitespaceStage(keep_indent=keep_indent), text, expected)
    assert [(c.kind, c.line, c.before, c.after) for c in doc.changes] == changes


# (text, keep_indent, is clean): what the one-scan check decides
CLEAN_CHECK = [
    ("", False, True),
    ("a\n", False, True),
    ("甲\n\n乙\n", False, True),
    ("中\t间\u3000有\u00a0空白\n", False, True),
    ("👨\u200d👩\u200d👧 家庭\n", False, True),
    ("  indented\n", True, True),
    ("    return 1\n", False, True),
    ("\tpass\n", False, True),
    ("  中文\n", False, False),
    ("a", False, False),
    ("\na\n", False, False),
    ("a\n\n", False, False),
    ("a\n\n\nb\n", False, False),
    (" a\n", False, False),
    ("a \n", False, False),
    ("a\n \nb\n", False, False),
    ("   \nb\n", True, False),
    ("\u3000段\n", False, False),
    ("段\u3000\n", False, False),
    ("a\r\n", False, False),
    ("a\u2028b\n", False, False),
    ("a\x85b\n", False, False),
    ("e\u0301\n", False, False),
    ("零\u200b宽\n", False, False),
    ("控\x07制\n", False, False),
    ("甲， 乙\n", False, False),
    ("甲，#话题 乙\n", False, True),
]


@pytest.mark.parametrize("text, keep_indent, clean", CLEAN_CHECK)
def test_clean_check(text: str, keep_indent: bool, clean: bool) -> None:
    stage = WhitespaceStage(keep_indent=keep_indent)
    assert stage.is_clean(text) is clean
    doc = stage(Document(source="<test>", text=text))
    assert (doc.text == text and not doc.changes) is clean


TRICKY = st.text(alphabet=st.sampled_from(
    list("ab中 \t\n\r\u3000\u00a0\u2003\u2028\u2029\x85\u200b\ufeff\x07e\u0301\u00ad\u200d")),
    max_size=16)


@settings(max_examples=500, deadline=None)
@given(text=TRICKY, keep_indent=st.booleans())
def test_clean_check_agrees_with_the_stage(text: str, keep_indent: bool) -> None:
    """The fast check says "clean" exactly when the full pass would change and record nothing."""
    stage = WhitespaceStage(keep_indent=keep_indent)
    doc = stage(Document(source="<test>", text=text))
    assert stage.is_clean(text) is (doc.text == text and not doc.changes)
    again = stage(Document(source="<test>", text=doc.text))
    assert stage.is_clean(doc.text) and again.text == doc.text and not again.changes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(list(" \u00a0，。（）《》a中#é우\t")), max_size=12), max_size=6))
def test_tighten_lines_looks_at_every_line_that_changes(lines: list[str]) -> None:
    from cleanse_plugins.whitespace_marks import tighten, tighten_lines

    assert tighten_lines(lines) == [tighten(line) for line in lines]
