"""Builds the ordered list of stages from settings and runs Documents through it."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pluggy

from .config import DEFAULT_ORDER, Settings
from .document import Document
from .errors import CleanseError, ConfigError, InputError, StageError
from .plugins import plugin_manager
from .stage import Stage


@dataclass(frozen=True)
class StageInfo:
    """A registered stage class and the plugin that contributed it."""

    cls: type[Stage]
    plugin: str


def collect_stages(pm: pluggy.PluginManager) -> dict[str, StageInfo]:
    """Ask every plugin for its stages; a name registered twice is an error naming both plugins."""
    registry: dict[str, StageInfo] = {}
    for impl in pm.hook.register_stages.get_hookimpls():

        label = getattr(impl.plugin, "__name__", impl.plugin_name)

        def register(cls: type[Stage], plugin: str = label) -> None:
            if not (isinstance(cls, type) and issubclass(cls, Stage) and cls.name):
                raise ConfigError(f"plugin {plugin}: register() needs a Stage subclass with a name")
            if cls.before and cls.after:
                raise ConfigError(f"stage {cls.name!r}: give before= or after=, not both")
            if cls.name in registry:
                raise ConfigError(
                    f"stage {cls.name!r} is registered by both {registry[cls.name].plugin} "
                    f"and {plugin}"
                )
            registry[cls.name] = StageInfo(cls, plugin)

        impl.function(register=register)
    return registry


def order_stages(registry: dict[str, StageInfo], order: Sequence[str] = DEFAULT_ORDER) -> list[str]:
    """Stage names in run order: the configured order first, then the others by their anchors.

    A stage outside the configured order goes right before/after its anchor; one without an
    anchor, or whose anchor is absent, goes at the end (in name order, so the result is stable).
    """
    names = [name for name in order if name in registry]
    pending = sorted(name for name in registry if name not in names)
    while pending:
        placed = False
        for name in list(pending):
            cls = registry[name].cls
            anchor = cls.before or cls.after
            if anchor is None or anchor in names or anchor not in registry:
                if anchor in names:
                    index = names.index(anchor)
                    names.insert(index if cls.before else index + 1, name)
                else:
                    names.append(name)
                pending.remove(name)
                placed = True
        if not placed:  # anchors that only point at each other
            names.extend(pending)
            break
    return names


def unknown_stage_error(name: str, known: Iterable[str]) -> ConfigError:
    return ConfigError(f"unknown stage {name!r}; known stages: {', '.join(known)}")


def select_stages(registry: dict[str, StageInfo], settings: Settings) -> list[str]:
    """Apply ``stages`` (exactly these, in this order) or the default order, then ``skip``."""
    ordered = order_stages(registry, settings.order)
    for name in [*(settings.stages or ()), *settings.skip]:
        if name not in registry:
            raise unknown_stage_error(name, ordered)
    chosen = list(settings.stages) if settings.stages else ordered
    return [name for name in chosen if name not in settings.skip]


def decode_utf8(doc: Document) -> None:
    """Strict UTF-8: what the core does when no decoding stage ran before a text stage."""
    assert doc.raw is not None
    try:
        doc.text = doc.raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid UTF-8 at byte {error.start} (enable the decode stage)", offset=error.start
        ) from None


@dataclass
class StageStats:
    """Per-stage counters for summaries and benchmarks."""

    documents: int = 0
    changed: int = 0
    seconds: float = 0.0


@dataclass
class Pipeline:
    """An ordered list of built stages, with the plugin each came from."""

    stages: list[Stage]
    plugins: dict[str, str]
    pm: pluggy.PluginManager | None = None
    config: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    stats: dict[str, StageStats] = field(default_factory=dict)
    _config_hash: tuple[list[tuple[str, dict[str, Any]]], str] | None = field(
        default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, settings: Settings | None = None, pm: pluggy.PluginManager | None = None
              ) -> Pipeline:
        settings = settings or Settings()
        pm = pm or plugin_manager()
        registry = collect_stages(pm)
        for name in settings.stage_config:
            if name not in registry:
                raise unknown_stage_error(name, order_stages(registry, settings.order))
        names = select_stages(registry, settings)
        stages = [registry[name].cls(**settings.stage_config.get(name, {})) for name in names]
        return cls(
            stages=stages,
            plugins={name: registry[name].plugin for name in names},
            pm=pm,
            config={stage.name: stage.config for stage in stages},
            settings=settings,
        )

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    @property
    def config_hash(self) -> str:
        """A hash of the effective configuration: the stages, in order, with their settings.

        Every sidecar carries it, so it is computed once and recomputed only when the stages or
        their (top-level) settings change.
        """
        key = [(stage.name, stage.config) for stage in self.stages]
        cached = self._config_hash
        if cached is not None and cached[0] == key:
            return cached[1]
        import hashlib
        import json

        canonical = json.dumps(
            [[stage.name, stage.config] for stage in self.stages],
            sort_keys=True, ensure_ascii=False, default=str,
        )
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
        self._config_hash = ([(name, dict(config)) for name, config in key], digest)
        return digest

    def run(self, doc: Document) -> Document:
        """Run every stage on ``doc``; a stage that raises becomes a StageError naming it."""
        if doc.raw is None and doc.original_text is None:
            doc.original_text = doc.text
        if doc.raw is None and doc.text is not None and not doc.text.isascii():
            try:  # the sidecar needs the input's UTF-8 anyway: encoding it is the check
                _ = doc.input_bytes if doc.text is doc.original_text else doc.text.encode()
            except UnicodeEncodeError as error:
                raise InputError(f"text has a lone surrogate at offset {error.start}",
                                 offset=error.start) from None
        stats = self.stats
        clock = time.perf_counter
        try:
            for stage in self.stages:
                if doc.text is None and getattr(stage, "needs_text", True):
                    decode_utf8(doc)
                counters = stats.get(stage.name)
                if counters is None:
                    counters = stats[stage.name] = StageStats()
                before = doc.text
                start = clock()
                try:
                    doc = stage(doc)
                except CleanseError:
                    raise
                except Exception as error:
                    raise StageError(self.plugins.get(stage.name, "?"), stage.name, doc.source,
                                     error) from error
                counters.seconds += clock() - start
                counters.documents += 1
                if doc.text is not before and doc.text != before:
                    counters.changed += 1
            if doc.text is None:
                decode_utf8(doc)
        except CleanseError as error:
            doc.metadata["error"] = str(error)
            self.finish(doc)
            raise
        self.finish(doc)
        return doc

    def finish(self, doc: Document) -> None:
        if self.pm is not None:
            hook = self.pm.hook.document_finished
            if hook.get_hookimpls():  # no observer (the usual case): skip pluggy's call
                hook(doc=doc, stages=self.stages)
