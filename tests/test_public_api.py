"""Built-in plugins use only the public API, and every hook is documented and exercised."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from cleanse import hookspecs

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_FILES = sorted((ROOT / "plugins").glob("*.py"))
TESTS = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))


def private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cleanse."):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("cleanse.")]
    return found


@pytest.mark.parametrize("path", PLUGIN_FILES, ids=lambda p: p.name)
def test_plugins_import_only_the_public_api(path: Path) -> None:
    assert private_imports(path) == []


HOOKS = [name for name, obj in vars(hookspecs).items()
         if inspect.isfunction(obj) and hasattr(obj, "cleanse_spec")]


def test_there_are_hooks() -> None:
    assert set(HOOKS) >= {"register_stages", "register_rule_packs", "register_commands",
                          "document_finished"}


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_and_tested(hook: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    assert "Called" in doc and ":param" in doc
    assert f"def {hook}(" in TESTS, f"no test implements the {hook} hook"
