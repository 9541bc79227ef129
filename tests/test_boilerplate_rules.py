"""Rule files: format, validation (bad regex, catastrophic patterns), packs and --rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cleanse
from cleanse import ConfigError
from cleanse.testing import assert_stage
from cleanse_plugins.boilerplate import PACK, BoilerplateStage
from cleanse_plugins.boilerplate_rules import load_rules, nested_repeat
from cleanse_plugins.boilerplate_text import line_hash

BODY = "这是文章的第一段，讲述了一个完整的故事，内容相当丰富。\n第二段继续展开论述，给出了具体的数据。"
PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def write(tmp_path: Path, text: str, name: str = "site.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_pack_is_registered_through_the_hook() -> None:
    packs = {(name, path) for _plugin, name, path in cleanse.rule_packs()}
    assert ("zh-web", PACK) in packs
    assert load_rules(PACK).regex_rules


def test_user_rule_file(tmp_path: Path) -> None:
    path = write(tmp_path, """
[[rules]]
id = "ad-banner"
pattern = '^廣告[:：]'
match = "start"
scope = "page"
""")
    stage = BoilerplateStage(rules=(str(path),))
    doc = assert_stage(stage, f"{BODY}\n广告：买一送一\n{BODY}", f"{BODY}\n\n{BODY}")
    assert doc.changes[0].reason == "ad-banner"
    assert doc.metadata["boilerplate"]["rules"] == {"ad-banner": "site.toml"}


@pytest.mark.parametrize("rule", [
    'kind = "normalized"\nline = "查看: 1"',
    f'kind = "hash"\nhash = "{line_hash("查看: 1")}"',
])
def test_normalized_and_hash_rules_ignore_digits_and_punctuation(tmp_path: Path, rule: str
                                                                 ) -> None:
    path = write(tmp_path, f'[[rules]]\nid = "counter"\n{rule}\n')
    stage = BoilerplateStage(rules=(str(path),), rule_packs=False)
    assert_stage(stage, f"{BODY}\n查看：1024\n{BODY}", f"{BODY}\n\n{BODY}")


def test_rules_option_through_make_pipeline(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rules]]\nid = "x"\npattern = "^本站公告"\n')
    pipeline = cleanse.make_pipeline(stages="boilerplate", rules=(str(path),))
    doc = pipeline.run(cleanse.Document(source="t", text=f"本站公告：维护\n{BODY}"))
    assert [change.reason for change in doc.changes] == ["x"]


def test_disable_rules() -> None:
    stage = BoilerplateStage(disable_rules=("copyright",))
    text = f"{BODY}\n版权所有 某某网"
    assert_stage(stage, text, text)


@pytest.mark.parametrize(("body", "message"), [
    ('[[rules]]\nid = "broken"\npattern = "来源(("\n', "rule 'broken': invalid regex"),
    ('[[rules]]\nid = "slow"\npattern = "(a+)+$"\n', "rule 'slow': pattern nests"),
    ('[[rules]]\nid = "slow2"\npattern = "^(?:\\\\s*>\\\\s*[^>]+)*$"\n', "rule 'slow2': pattern nests"),
    ('[[rules]]\nid = "scope"\npattern = "x"\nscope = "middle"\n', "rule 'scope': scope"),
    ('[[rules]]\nid = "typo"\npatern = "x"\n', "rule 'typo': unknown key(s) patern"),
    ('[[rules]]\npattern = "x"\n', "rule #1 has no id"),
    ('[[rules]]\nid = "h"\nkind = "hash"\nhash = "xyz"\n', "rule 'h': hash must be"),
    ('[[rules]]\nid = "a"\npattern = "x"\n[[rules]]\nid = "a"\npattern = "y"\n', "id used twice"),
    ('rules = [', "not a valid TOML rule file"),
])
def test_bad_rule_files_name_file_and_rule(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as error:
        BoilerplateStage(rules=(str(path),))
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read rule file"):
        BoilerplateStage(rules=(str(tmp_path / "nope.toml"),))


@pytest.mark.parametrize(("pattern", "nested"), [
    ("(a+)+", True), ("(?:a*b)*", True), ("(x{1,5}){2,}", True), ("(?:ab|cd)+", False),
    ("首页\\s*>.*", False), ("(?:ab)?c+", False), ("^(?![^,]*,[^,]*,)x", False),
])
def test_nested_repeat(pattern: str, nested: bool) -> None:
    assert nested_repeat(pattern) is nested


def test_every_shipped_rule_is_safe_and_documented() -> None:
    import tomllib

    data = tomllib.loads(PACK.read_text(encoding="utf-8"))
    for rule in data["rules"]:
        assert rule.get("description"), rule["id"]
        assert not nested_repeat(rule["pattern"]), rule["id"]


def test_plugin_modules_import_only_the_public_api() -> None:
    for path in sorted(PLUGINS.glob("*.py")):
        if not (path.name.startswith(("boilerplate", "hashtags", "dedupe"))):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("cleanse."), (path.name, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("cleanse.") for a in node.names), path.name
