"""The plugin guide's example installs with ``pip install -e``, is listed, and its tests pass."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cleanse-signature"


def third_party_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "CLEANSE_NO_THIRD_PARTY"}


@pytest.fixture(scope="module")
def installed() -> Iterator[None]:
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run([*pip, "install", "--no-deps", "-e", str(EXAMPLE)], check=True,
                   capture_output=True)
    yield
    subprocess.run([*pip, "uninstall", "-y", "cleanse-signature"], check=True,
                   capture_output=True)


def test_listed_after_its_anchor(installed: None) -> None:
    result = subprocess.run([sys.executable, "-m", "cleanse", "stages"], env=third_party_env(),
                            capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names.index("signature") == names.index("boilerplate") + 1
    assert "cleanse_signature" in result.stdout


def test_its_own_tests_pass(installed: None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(EXAMPLE / "test_cleanse_signature.py")],
        env=third_party_env(), capture_output=True, text=True, check=False, cwd=EXAMPLE,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_run_uses_stage_and_rule_pack(installed: None, tmp_path: Path) -> None:
    page = "一篇文章的标题\n\n正文第一段，内容足够长，是真正的文章内容。\n本文由示例网原创，转载请注明出处。\n示例网，让阅读更有价值\n"
    result = subprocess.run([sys.executable, "-m", "cleanse", "run"], input=page.encode(),
                            env=third_party_env(), capture_output=True, check=True)
    assert result.stdout.decode() == "一篇文章的标题\n\n正文第一段，内容足够长，是真正的文章内容。\n"
