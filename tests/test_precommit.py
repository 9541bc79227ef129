"""The real pre-commit, through ``try-repo``: the fixing hook fails once, fixes, then passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIRTY = "  第一段。  \r\n\r\n\r\n\r\n第二段。\u200b\r\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def pre_commit(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("CLEANSE_NO_THIRD_PARTY", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_fix_hook_then_check_hook(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
                                  ) -> None:
    repo = tmp_path / "corpus"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "test")
    (repo / "page1.txt").write_text(DIRTY, encoding="utf-8", newline="")
    (repo / "page2.txt").write_text("已经干净。\n", encoding="utf-8")
    (repo / ".gitkeep").write_bytes(b"")  # empty files are clean, never an error in a hook
    git(repo, "add", ".")
    home = tmp_path_factory.mktemp("pre-commit-home")

    first = pre_commit(repo, "cleanse", home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "page1.txt").read_text(encoding="utf-8") == "第一段。\n\n第二段。\n"
    assert (repo / "page2.txt").read_text(encoding="utf-8") == "已经干净。\n"

    git(repo, "add", ".")
    second = pre_commit(repo, "cleanse", home)
    assert second.returncode == 0, second.stdout + second.stderr
    check = pre_commit(repo, "cleanse-check", home)
    assert check.returncode == 0, check.stdout + check.stderr
    assert sorted(p.name for p in repo.iterdir() if p.name != ".git") == [
        ".gitkeep", "page1.txt", "page2.txt"]
    assert (repo / ".gitkeep").read_bytes() == b""


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_check_hook_fails_without_writing(tmp_path: Path,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    repo = tmp_path / "corpus"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "page.txt").write_text(DIRTY, encoding="utf-8", newline="")
    git(repo, "add", ".")
    result = pre_commit(repo, "cleanse-check", tmp_path_factory.mktemp("home"))
    assert result.returncode == 1
    assert "would clean page.txt" in result.stdout
    assert (repo / "page.txt").read_bytes() == DIRTY.encode("utf-8")
