"""The plugin manager: built-in and third-party plugins load the same way, from entry points."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pluggy

from . import hookspecs

ENTRY_POINT_GROUP = "cleanse"
BUILTIN_DISTRIBUTION = "cleanse"
GROUP_HEADER = f"[{ENTRY_POINT_GROUP}]"


def make_plugin_manager(*, third_party: bool | None = None) -> pluggy.PluginManager:
    """Create a manager with every plugin of the ``cleanse`` entry-point group registered.

    ``third_party=False`` (or ``CLEANSE_NO_THIRD_PARTY=1``) loads only this distribution's own
    plugins, which is what the test suite does so that installed plugins cannot change results.
    """
    if third_party is None:
        third_party = os.environ.get("CLEANSE_NO_THIRD_PARTY", "") not in ("1", "true")
    pm = pluggy.PluginManager("cleanse")
    pm.add_hookspecs(hookspecs)
    for name, load in sorted(group_entry_points(third_party), key=lambda item: item[0]):
        if pm.get_plugin(name) is None and not pm.is_blocked(name):
            pm.register(load(), name=name)
    pm.check_pending()
    return pm


def group_entry_points(third_party: bool) -> list[tuple[str, Callable[[], object]]]:
    """(name, loader) for each entry point of the group, from this distribution or any.

    ``importlib.metadata`` costs more to import than the rest of the core (it brings ``email``
    and ``zipfile``), while usually only this distribution declares the group. So the metadata
    folders on ``sys.path`` are looked through first, as importlib.metadata would find them;
    only when another distribution declares the group, or the path holds something this look
    cannot see into (a zip file, a finder of distributions other than the standard one),
    importlib.metadata reads them all.
    """
    declaring = _declaring_distributions()
    if declaring is not None:
        ours = [path for name, path in declaring if name == BUILTIN_DISTRIBUTION]
        if ours and (not third_party or len(ours) == len(declaring)):
            return [(name, lambda value=value: _load(value))  # type: ignore[misc]
                    for name, value in _group_entries(ours[0])]
    from importlib.metadata import entry_points

    return [(ep.name, ep.load) for ep in entry_points(group=ENTRY_POINT_GROUP)
            if third_party or (ep.dist.name if ep.dist else "") == BUILTIN_DISTRIBUTION]


def _declaring_distributions() -> list[tuple[str, Path]] | None:
    """(normalized name, entry_points.txt) of each distribution on sys.path declaring the group,
    in path order; None when the path holds what only importlib.metadata can read."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder
           for finder in sys.meta_path):
        return None
    found: list[tuple[str, Path]] = []
    for entry in sys.path:
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except NotADirectoryError:
            return None  # a zip file on the path
        except OSError:
            continue  # not there: importlib.metadata skips it too
        infos = [child for child in children
                 if child.lower().endswith((".dist-info", ".egg-info"))]
        if folder.lower().endswith(".egg"):
            infos.extend(child for child in children if child.lower() == "egg-info")
        for child in infos:
            path = Path(folder, child, "entry_points.txt")
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                continue
            if any(line.strip() == GROUP_HEADER for line in text.splitlines()):
                name = child.lower().rpartition(".")[0].partition("-")[0]
                found.append((name.replace("-", "_").replace(".", "_"), path))
    return found


def _group_entries(path: Path) -> list[tuple[str, str]]:
    """The ``name = value`` lines of the group's section of an entry_points.txt."""
    entries, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            inside = line == GROUP_HEADER
        elif inside and "=" in line and not line.startswith("#"):
            name, _, value = line.partition("=")
            entries.append((name.strip(), value.strip()))
    return entries


def _load(value: str) -> ModuleType | object:
    """What an entry point's ``module:attribute`` value names, as EntryPoint.load does."""
    module, _, attribute = value.partition("[")[0].strip().partition(":")
    target: object = import_module(module.strip())
    for part in filter(None, attribute.strip().split(".")):
        target = getattr(target, part)
    return target


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
