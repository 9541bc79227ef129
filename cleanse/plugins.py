"""The plugin manager: built-in and third-party plugins load the same way, from entry points."""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

import pluggy

from . import hookspecs

ENTRY_POINT_GROUP = "cleanse"
BUILTIN_DISTRIBUTION = "cleanse"


def make_plugin_manager(*, third_party: bool | None = None) -> pluggy.PluginManager:
    """Create a manager with every plugin of the ``cleanse`` entry-point group registered.

    ``third_party=False`` (or ``CLEANSE_NO_THIRD_PARTY=1``) loads only this distribution's own
    plugins, which is what the test suite does so that installed plugins cannot change results.
    """
    if third_party is None:
        third_party = os.environ.get("CLEANSE_NO_THIRD_PARTY", "") not in ("1", "true")
    pm = pluggy.PluginManager("cleanse")
    pm.add_hookspecs(hookspecs)
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        # A distribution's name is read from its metadata file on every ask: only when it
        # decides something.
        if not third_party and (ep.dist.name if ep.dist else "") != BUILTIN_DISTRIBUTION:
            continue
        if pm.get_plugin(ep.name) is None and not pm.is_blocked(ep.name):
            pm.register(ep.load(), name=ep.name)
    pm.check_pending()
    return pm


_manager: pluggy.PluginManager | None = None


def plugin_manager() -> pluggy.PluginManager:
    """The process-wide manager, created on first use."""
    global _manager
    if _manager is None:
        _manager = make_plugin_manager()
    return _manager


def rule_packs() -> list[tuple[str, str, Path]]:
    """Every rule pack plugins contribute, as (plugin, pack name, path), in plugin-name order."""
    packs: list[tuple[str, str, Path]] = []
    for impl in plugin_manager().hook.register_rule_packs.get_hookimpls():
        plugin = getattr(impl.plugin, "__name__", impl.plugin_name)

        def register(name: str, path: Path, plugin: str = plugin) -> None:
            packs.append((plugin, name, Path(path)))

        impl.function(register=register)
    return sorted(packs, key=lambda pack: (pack[0], pack[1]))


def reset_plugin_manager() -> None:
    """Forget the process-wide manager (tests, and after installing a plugin at run time)."""
    global _manager
    _manager = None
