"""Stage registry, ordering and error handling, with plugins registered by hand."""

from __future__ import annotations

import pluggy
import pytest

from cleanse import (
    Change,
    ConfigError,
    Document,
    InputError,
    Stage,
    StageError,
    TextStage,
    Warning,
    hookimpl,
)
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


def test_config_hash_follows_changed_settings() -> None:
    """The hash is cached per pipeline, but a stage given other settings gets the new hash."""
    pm = make_plugin_manager(third_party=False)
    pipeline = Pipeline.build(Settings(stages=["whitespace"]), pm)
    plain = pipeline.config_hash
    indent = Pipeline.build(
        Settings(stages=["whitespace"], stage_config={"whitespace": {"keep_indent": True}}), pm
    ).config_hash
    pipeline.stages[0].config = {"keep_indent": True}
    assert pipeline.config_hash == indent
    pipeline.stages[0].config["keep_indent"] = False
    assert pipeline.config_hash == plain
    pipeline.stages.append(pipeline.stages[0])
    assert pipeline.config_hash not in (plain, indent)


@pytest.mark.parametrize(
    "change, expected",
    [
        (Change("s", "k", "a", "b"), {"stage": "s", "kind": "k", "before": "a", "after": "b"}),
        (Change("s", "k", "", "", line=3, offset=0, reason="r"),
         {"stage": "s", "kind": "k", "before": "", "after": "", "line": 3, "offset": 0,
          "reason": "r"}),
        (Warning("s", "c", "m"), {"stage": "s", "code": "c", "message": "m"}),
        (Warning("s", "c", "m", line=0, offset=7),
         {"stage": "s", "code": "c", "message": "m", "line": 0, "offset": 7}),
    ],
)
def test_records_as_dicts_keep_field_order(change: Change | Warning,
                                           expected: dict[str, object]) -> None:
    assert list(change.to_dict().items()) == list(expected.items())


def test_input_bytes_follow_the_original_text() -> None:
    doc = Document.from_input("第一")
    assert doc.input_bytes == "第一".encode()
    doc.original_text = "第二"
    assert doc.input_bytes == "第二".encode()
    assert Document.from_input(b"\xff").input_bytes == b"\xff"


@pytest.mark.parametrize("text, offset", [("a\ud800b", 1), ("中文\udfff", 2)])
def test_lone_surrogate_in_text_input_is_an_input_error(text: str, offset: int) -> None:
    pipeline = Pipeline.build(Settings(stages=["whitespace"]), make_plugin_manager(third_party=False))
    with pytest.raises(InputError, match=f"lone surrogate at offset {offset}") as info:
        pipeline.run(Document.from_input(text))
    assert info.value.offset == offset


def test_stage_counters() -> None:
    pm = manager(Plugin(stage_class("one", suffix="1"), stage_class("same")))
    pipeline = Pipeline.build(Settings(stages=["one", "same"]), pm)
    for text in ("a", "b", "c"):
        pipeline.run(Document(source="t", text=text))
    stats = {name: (s.documents, s.changed) for name, s in pipeline.stats.items()}
    assert stats == {"one": (3, 3), "same": (3, 0)}
