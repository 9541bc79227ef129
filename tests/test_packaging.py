"""A regular (non-editable) install ships the core, the plugins under their own name, and data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    return next(out.glob("cleanse-*.whl"))


def test_wheel_layout(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "cleanse/schema/sidecar.v1.json" in names
    assert "cleanse/py.typed" in names
    assert "cleanse_plugins/whitespace.py" in names
    assert not any(name.startswith("plugins/") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[cleanse]" in text and "whitespace = cleanse_plugins.whitespace" in text


def test_installed_wheel_runs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-c", "import cleanse, cleanse_plugins.whitespace as w; "
         "print(cleanse.__file__); print(w.__file__); "
         "print(cleanse.clean('  测试  ', stages='whitespace').text, end='')"],
        env={"PYTHONPATH": str(target), "PATH": ""}, capture_output=True, text=True, check=True,
        cwd=tmp_path,
    )
    cleanse_file, plugin_file, text = result.stdout.split("\n", 2)
    assert cleanse_file.startswith(str(target)) and plugin_file.startswith(str(target))
    assert text == "测试\n"
