"""The shipped pack's stored facts equal what compiling it gives, and its rules, compiled on
their first search, find what the rules compiled at load find."""

from __future__ import annotations

import json
import re
import sys

import pytest

from cleanse_plugins import boilerplate_build_pack
from cleanse_plugins.boilerplate import PACK, PACK_FACTS
from cleanse_plugins.boilerplate_rules import RuleSet, load_rules
from cleanse_plugins.boilerplate_text import fold


def facts() -> dict:
    return json.loads(PACK_FACTS.read_text("utf-8"))


def lazy() -> RuleSet:
    return load_rules(PACK, "zh-web", facts())


def test_facts_file_is_what_compiling_the_pack_gives() -> None:
    expected = boilerplate_build_pack.render(boilerplate_build_pack.derive())
    assert PACK_FACTS.read_text("utf-8") == expected, (
        "data/boilerplate_zh.facts.json is stale: run python -m "
        "cleanse_plugins.boilerplate_build_pack")


def test_pack_with_facts_is_the_pack_with_every_check() -> None:
    rules = lazy()
    assert rules == load_rules(PACK, "zh-web")
    assert len(rules.regex_rules) == PACK.read_text("utf-8").count("[[rules]]")
    assert all(rule.regex is None for rule in rules.regex_rules)  # none compiled yet


def test_a_rule_whose_pattern_changed_is_compiled_and_checked() -> None:
    stale = facts()
    stale["rules"]["counter"]["source"] = "(?:old)"
    stale["rules"]["meta-line"]["source"] = "(?:old)"
    rules = load_rules(PACK, "zh-web", stale)
    compiled = {rule.id for rule in rules.regex_rules if rule.regex is not None}
    assert compiled == {"counter", "meta-line"}
    assert rules == load_rules(PACK, "zh-web")


def test_fields_whose_table_changed_are_folded() -> None:
    stale = facts()
    stale["fields"]["labels"]["source"] = ["stale"]  # used while the table is as written
    assert load_rules(PACK, "zh-web", stale).labels["source"] == ["stale"]
    stale["fields"]["source"]["placeholders"] = ["网络"]
    assert load_rules(PACK, "zh-web", stale).labels == load_rules(PACK, "zh-web").labels


FOUND = [
    ("中文", None),
    ("今天天气很好，我们去公园散步。", None),
    ("第一段正文", None),
    ("", None),
    ("首页 > 新闻 > 正文", "breadcrumb-home"),
    ("HOME > News", "breadcrumb-home"),
    ("Copyright © 2020 example.com", "copyright"),
    ("本站 all rights reſerved", "copyright"),  # ſ is s to re.IGNORECASE
    ("ICP备12345号", "copyright"),
    ("关注我们", "navigation-word"),
    ("来源：新华社", "meta-line"),
    ("2024-01-02", "date-line"),
    ("责任编辑：王小明", "byline"),
    ("扫码关注", "follow-prompt"),
    ("微信ID：abc", "account-id"),
    ("阅读 1234", "counter"),
    ("上一篇：标题", "previous-next"),
]


@pytest.mark.parametrize(("line", "expected"), FOUND, ids=[line or "empty" for line, _ in FOUND])
def test_rules_compiled_on_demand_find_what_compiled_rules_find(line: str, expected: str | None
                                                                ) -> None:
    folded = fold(line)
    for rules in (lazy(), load_rules(PACK, "zh-web")):
        hit = rules.find(line, folded, head=True, tail=True)
        assert (hit[0].id if hit else None) == expected


def test_a_line_without_case_or_needed_strings_compiles_nothing() -> None:
    rules = lazy()
    for line in ("中文", "今天天气很好。我们去公园散步。"):
        assert rules.find(line, fold(line), head=True, tail=True) is None
    assert [rule.id for rule in rules.regex_rules if rule.regex is not None] == []


def test_characters_without_case_match_only_themselves() -> None:
    """What ``Rule.may_match`` stands on, for every character the pack's rules need: under
    ``re.IGNORECASE`` a character without case matches only itself, and one with case matches
    no character without case."""
    caseless = "".join(c for c in map(chr, range(sys.maxunicode + 1))
                       if c.lower() == c == c.upper())
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    needed = {char for rule in lazy().regex_rules for text in rule.needs or () for char in text}
    assert len(needed) > 300
    for char in needed:
        pattern = re.compile(re.escape(char), re.IGNORECASE)
        if char.lower() == char == char.upper():
            assert pattern.findall(everything) == [char]
        else:
            assert pattern.findall(caseless) == []
