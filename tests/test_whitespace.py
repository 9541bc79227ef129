"""The whitespace stage, case by case."""

from __future__ import annotations

import pytest

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
