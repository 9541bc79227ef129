"""Progress on stderr only when stderr is a terminal, never in a pipe or with --quiet."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path


def corpus(tmp_path: Path, count: int = 30) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for index in range(count):
        (folder / f"{index:02}.txt").write_text(f"  第{index}页  \n", encoding="utf-8")
    return folder


def run_with_stderr_on_a_terminal(args: list[str]) -> str:
    """Run cleanse with stderr attached to a pseudo-terminal and return what it printed there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cleanse", *args], stderr=follower,
                               stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    pages = corpus(tmp_path)
    shown = run_with_stderr_on_a_terminal(
        ["run", str(pages), "-o", str(tmp_path / "out"), "-j", "1", "--stages", "whitespace"])
    assert "cleaning" in shown and "30 file(s)" in shown


def test_no_progress_in_a_pipe_or_when_quiet(tmp_path: Path) -> None:
    pages = corpus(tmp_path)
    piped = subprocess.run(
        [sys.executable, "-m", "cleanse", "run", str(pages), "-o", str(tmp_path / "a"), "-j", "1",
         "--stages", "whitespace"], capture_output=True, text=True, check=True)
    assert "cleaning" not in piped.stderr and "30 file(s)" in piped.stderr
    quiet = run_with_stderr_on_a_terminal(
        ["run", str(pages), "-o", str(tmp_path / "b"), "-q", "-j", "1", "--stages", "whitespace"])
    assert quiet == ""
