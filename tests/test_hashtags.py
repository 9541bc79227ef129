"""The hashtags stage: topics, tags and cashtags, and the look-alikes that must stay."""

from __future__ import annotations

import pytest

from cleanse import ConfigError
from cleanse.testing import assert_stage
from cleanse_plugins.hashtags import HashtagsStage

TAG_LINE = ("#英伟达推出“核弹”芯片!算力概念再度爆发# $科大讯飞(SZ002230)$ "
            "#三六零称公司技术与ChatGPT相比有代差落后# $百度集团-SW(09888)$ #AI智能谁称王#")


@pytest.mark.parametrize(("text", "removed", "unwrapped"), [
    ("#话题# 今天天气很好", "今天天气很好", "话题 今天天气很好"),
    ("今天 #话题# 天气很好", "今天 天气很好", "今天 话题 天气很好"),
    ("#话题#今天天气很好", "今天天气很好", "话题今天天气很好"),
    ("我喜欢 #旅行 和 #美食", "我喜欢 和", "我喜欢 旅行 和 美食"),
    ("$科大讯飞(SZ002230)$ 涨停了", "涨停了", "科大讯飞(SZ002230) 涨停了"),
    ("$腾讯控股（00700）$ 回购", "回购", "腾讯控股（00700） 回购"),
    ("#ChatGPT# is everywhere", "is everywhere", "ChatGPT is everywhere"),
    (f"正文一段。\n{TAG_LINE}\n正文二段。", "正文一段。\n\n正文二段。",
     "正文一段。\n英伟达推出“核弹”芯片!算力概念再度爆发 科大讯飞(SZ002230) "
     "三六零称公司技术与ChatGPT相比有代差落后 百度集团-SW(09888) AI智能谁称王\n正文二段。"),
    ("#美食 #旅行 #探店", "", "美食 旅行 探店"),
    # A "#" right after a removed topic is judged by what is left before it.
    ("好#话题##tag 天气", "好 天气", "好话题tag 天气"),
])
def test_remove_and_unwrap(text: str, removed: str, unwrapped: str) -> None:
    assert_stage(HashtagsStage(), text, removed)
    assert_stage(HashtagsStage(mode="unwrap"), text, unwrapped)
    assert_stage(HashtagsStage(mode="keep"), text, text)


@pytest.mark.parametrize("text", [
    "C# 和 F# 都是编程语言",
    "C#和F#",
    "Ｃ#和２０２３#话题# 都不是",  # full-width letters and digits are ASCII to punctuation
    "排名第 #1 的选手",
    "#1 第一名",
    "HTML 实体 &#123; 和 &#x4e00;",
    "见 https://a.com/#frag 一节",
    "见 a.com/page#section 一节",
    "# 标题",
    "## 第二节",
    "#标题",
    "#include <stdio.h>",
    "  #define MAX 10",
    "#!/bin/bash",
    "颜色用 #fff 或 #FF0000",
    "价格 $100 到 $200 之间",
    "#没人能复制Chat| 来源: 网络整理| 查看: 265".replace("#", "C#"),
    "abc#xff0c;",
    "#xff0c;话题#",
    "#123;好#",
    "见 #x4e00; 和 #65292; 两处",
])
def test_look_alikes_stay(text: str) -> None:
    assert_stage(HashtagsStage(), text, text)


def test_changes_are_recorded() -> None:
    doc = assert_stage(HashtagsStage(), f"第一行\n{TAG_LINE}\n今天 #话题# 天气", "第一行\n\n今天 天气")
    assert [(c.kind, c.line, c.reason) for c in doc.changes] == [
        ("removed-line", 2, "hashtag-line"), ("hashtag", 3, "remove")]
    assert doc.changes[1].before == "#话题#"
    assert doc.changes[1].offset == len("第一行\n" + TAG_LINE + "\n今天 ")


def test_bad_mode() -> None:
    with pytest.raises(ConfigError):
        HashtagsStage(mode="strip")
