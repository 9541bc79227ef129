"""In-place writes survive SIGKILL: every file is its original or its cleaned version.

CI kills 3 runs; the target is checked on demand with ``CLEANSE_KILL_REPEATS=20``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanse import clean

FILES = 1000
REPEATS = int(os.environ.get("CLEANSE_KILL_REPEATS", "3"))


def page(index: int) -> str:
    rng = random.Random(index)
    lines = [f"  第{index}页第{n}行：{'内容' * rng.randint(5, 200)}  " for n in range(40)]
    return "\r\n\r\n\r\n".join(lines)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    source = tmp_path_factory.mktemp("originals")
    originals, cleaned = {}, {}
    for index in range(FILES):
        name = f"{index:04}.txt"
        data = page(index).encode("utf-8")
        (source / name).write_bytes(data)
        originals[name] = data
        cleaned[name] = clean(data, stages="whitespace").text.encode("utf-8")
    return source, originals, cleaned


def test_sigkill_never_leaves_a_truncated_or_missing_file(
    corpus: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    source, originals, cleaned = corpus
    partial_runs = 0
    for repeat in range(REPEATS):
        work = tmp_path / f"run{repeat}"
        shutil.copytree(source, work)
        process = subprocess.Popen(
            [sys.executable, "-m", "cleanse", "run", "--in-place", "-q", "-j", "1",
             "--stages", "whitespace", str(work)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            done = sum((work / name).read_bytes() == cleaned[name] for name in list(originals)[::50])
            if done >= 1 + repeat % 15:
                break
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        states = []
        for name in originals:
            data = (work / name).read_bytes()
            assert data in (originals[name], cleaned[name]), f"{name} is neither (run {repeat})"
            states.append(data == cleaned[name])
        partial_runs += 0 < sum(states) < FILES
    assert partial_runs >= 1, "no run was killed in the middle: the test proved nothing"
