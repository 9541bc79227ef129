"""Stage registry, ordering and error handling, with plugins registered by hand."""

from __future__ import annotations

import pluggy
import pytest

from cleanse import ConfigError, Document, Stage, StageError, TextStage, hookimpl
from cleanse.config import Settings
from cleanse.pipeline import Pipeline, collect_stages, order_stages
from cleanse.plugins import make_plugin_manager


def stage_class(name: str, *, before: str | None = None, after: str | None = None,
                suffix: str = "") -> type[Stage]:
    class Appender(TextStage):
        description = f"appends {suffix!r}"

        def transform(self, text: str) -> str:
            return text + suffix

    Appender.name, Appender.before, Appender.after = name, before, after
    return Appender


class Plugin:
    def __init__(self, *classes: type[Stage]) -> None:
        self.classes = classes

    @hookimpl
    def register_stages(self, register):  # type: ignore[no-untyped-def]
        for cls in self.classes:
            register(cls)


def manager(*plugins: Plugin) -> pluggy.PluginManager:
    pm = make_plugin_manager(third_party=False)
    for index, plugin in enumerate(plugins):
        pm.register(plugin, name=f"test-plugin-{index}")
    return pm


def test_default_order_is_config_not_registration_order() -> None:
    registry = collect_stages(manager(Plugin(stage_class("zeta"), stage_class("alpha"))))
    assert order_stages(registry, ("whitespace", "zeta", "alpha"))[:3] == [
        "whitespace", "zeta", "alpha"]


@pytest.mark.parametrize(
    "anchors, expected",
    [
        ({"before": "b"}, ["a", "new", "b", "c"]),
        ({"after": "b"}, ["a", "b", "new", "c"]),
        ({"after": "c"}, ["a", "b", "c", "new"]),
        ({}, ["a", "b", "c", "new"]),
        ({"after": "missing"}, ["a", "b", "c", "new"]),
    ],
)
def test_third_party_anchors(anchors: dict[str, str], expected: list[str]) -> None:
    pm = manager(Plugin(stage_class("a"), stage_class("b"), stage_class("c"),
                        stage_class("new", **anchors)))
    registry = {k: v for k, v in collect_stages(pm).items() if k in {"a", "b", "c", "new"}}
    assert order_stages(registry, ("a", "b", "c")) == expected


def test_duplicate_stage_names_name_both_plugins() -> None:
    pm = manager(Plugin(stage_class("twin")), Plugin(stage_class("twin")))
    with pytest.raises(ConfigError, match="'twin' is registered by both"):
        collect_stages(pm)


def test_before_and_after_together_is_an_error() -> None:
    with pytest.raises(ConfigError, match="not both"):
        collect_stages(manager(Plugin(stage_class("x", before="a", after="b"))))


def test_stages_runs_exactly_those_in_that_order() -> None:
    pm = manager(Plugin(stage_class("one", suffix="1"), stage_class("two", suffix="2")))
    pipeline = Pipeline.build(Settings(stages=["two", "one"]), pm)
    assert pipeline.names == ["two", "one"]
    assert pipeline.run(Document(source="t", text="x")).text == "x21"


def test_skip_and_unknown_names() -> None:
    pm = manager(Plugin(stage_class("one", suffix="1")))
    assert "one" not in Pipeline.build(Settings(skip=["one"]), pm).names
    with pytest.raises(ConfigError, match="unknown stage 'nope'; known stages: .*one"):
        Pipeline.build(Settings(skip=["nope"]), pm)


def test_unknown_stage_option_is_rejected() -> None:
    with pytest.raises(ConfigError, match="unknown option"):
        Pipeline.build(Settings(stage_config={"whitespace": {"keep_indnt": True}}),
                       make_plugin_manager(third_party=False))


class Exploding(Stage):
    name = "exploding"
    description = "always fails"

    def __call__(self, doc: Document) -> Document:
        raise ValueError("boom")


def test_failing_stage_names_plugin_stage_and_document() -> None:
    pm = manager(Plugin(Exploding))
    pipeline = Pipeline.build(Settings(stages=["exploding"]), pm)
    doc = Document(source="page.txt", text="x")
    with pytest.raises(StageError) as info:
        pipeline.run(doc)
    message = str(info.value)
    assert info.value.source == "page.txt" and "'exploding'" in message and "plugin test-plugin-0" in message
    assert "ValueError: boom" in message
    assert doc.metadata["error"] == message


def test_observers_see_each_finished_document() -> None:
    seen: list[str] = []

    class Observer:
        @hookimpl
        def document_finished(self, doc, stages):  # type: ignore[no-untyped-def]
            seen.append(f"{doc.source}:{[s.name for s in stages]}")

    pm = manager()
    pm.register(Observer())
    pipeline = Pipeline.build(Settings(stages=["whitespace"]), pm)
    pipeline.run(Document(source="a", text=" x "))
    assert seen == ["a:['whitespace']"]


def test_config_hash_depends_on_options() -> None:
    pm = make_plugin_manager(third_party=False)
    plain = Pipeline.build(Settings(stages=["whitespace"]), pm).config_hash
    indent = Pipeline.build(
        Settings(stages=["whitespace"], stage_config={"whitespace": {"keep_indent": True}}), pm
    ).config_hash
    assert plain != indent and len(plain) == 16


def test_rule_packs_are_collected_from_plugins(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import cleanse.plugins

    pack = tmp_path / "site.toml"
    pack.write_text("")

    class Packs:
        @hookimpl
        def register_rule_packs(self, register):  # type: ignore[no-untyped-def]
            register("my-site", pack)

    pm = manager()
    pm.register(Packs(), name="packs")
    monkeypatch.setattr(cleanse.plugins, "_manager", pm)
    assert ("packs", "my-site", pack) in cleanse.rule_packs()


def test_plugins_add_commands() -> None:
    import click
    from click.testing import CliRunner

    class Commands:
        @hookimpl
        def register_commands(self, cli):  # type: ignore[no-untyped-def]
            @cli.command()
            def hello() -> None:
                click.echo("hello from a plugin")

    pm = manager()
    pm.register(Commands())
    group = click.Group("cleanse")
    pm.hook.register_commands(cli=group)
    assert CliRunner().invoke(group, ["hello"]).output == "hello from a plugin\n"
