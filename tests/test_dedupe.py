"""The dedupe stage: later copies of a line go, short lines that repeat stay."""

from __future__ import annotations

import pytest

from cleanse import ConfigError
from cleanse.testing import assert_stage
from cleanse_plugins.dedupe import DedupeStage

TITLE = "中国能长出自己的OpenAI吗?"
ATTRIBUTION = "本文来自微信公众号:硅谷101 (ID:TheValley101),采访:泓君"
P = "这是正文的一段话，内容完整。"


@pytest.mark.parametrize(("text", "expected"), [
    (f"{TITLE}\n{TITLE}\n{TITLE}\n{P}", f"{TITLE}\n\n\n{P}"),
    (f"{ATTRIBUTION}\n{P}\n{ATTRIBUTION}", f"{ATTRIBUTION}\n{P}\n"),
    (f"{TITLE}\n{P}\n中國能長出自己的OpenAI嗎？", f"{TITLE}\n{P}\n"),
    (f"{TITLE}\n{P}\n  中国能长出自己的 openai 吗  ", f"{TITLE}\n{P}\n"),
    (f"{P}\n\n{P}", f"{P}\n\n"),
])
def test_removes_copies(text: str, expected: str) -> None:
    assert_stage(DedupeStage(), text, expected)


@pytest.mark.parametrize("text", [
    "记者：会后悔吗？\n李老师：是的。\n记者：真的？\n李老师：是的。",
    "是的\n是的\n是的",
    "《硅谷101》：\n第一个问题的回答很长。\n《硅谷101》：\n第二个问题的回答也很长。",
    "第1条规定的内容如下所示\n第2条规定的内容如下所示",
    "《硅谷101》:AIGC方向特别火\n《硅谷101》:为什么只融1亿呢",
])
def test_keeps_short_or_different_lines(text: str) -> None:
    assert_stage(DedupeStage(), text, text)


def test_min_chars() -> None:
    assert_stage(DedupeStage(min_chars=2), "是的\n是的", "是的\n")
    with pytest.raises(ConfigError):
        DedupeStage(min_chars=0)


def test_reason_points_at_the_copy_kept() -> None:
    doc = assert_stage(DedupeStage(), f"{P}\n\n{P}", f"{P}\n\n")
    assert [(c.kind, c.line, c.reason) for c in doc.changes] == [
        ("removed-line", 3, "duplicate-of-line-1")]
