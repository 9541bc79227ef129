"""Where the start-up of ``echo 中文 | cleanse run`` goes: CPU time of each part, in one process.

Wall time on a shared machine moves with the other load; the CPU time a fresh process spends on
each part does not (much). Each attempt starts a new interpreter (bytecode cached, as an
installed tool has it) that times with ``time.process_time``:

  interpreter: the interpreter's own start-up, up to the first line of the script;
  import cli:  ``import cleanse.cli`` (click, the core modules);
  manager:     the plugin manager: entry-point discovery and the plugin modules' imports;
  cli options: attaching every stage's options to the commands;
  pipeline:    building the default pipeline (the stages' set-up, e.g. loading rule packs);
  <stage>:     the first document, ``中文``, through each stage (first-use set-up included);

and then the whole command, ``python -m cleanse run`` with ``中文`` on stdin, as CPU (user +
system) and wall time of the child. Every figure is the best of ``--repeats`` attempts.

With ``--against PYTHON`` (the interpreter of another checkout's environment, e.g. the commit
before a change) both are measured in the same run, attempt by attempt in turn, and the ratio
printed, so the comparison does not depend on the machine's load.

    python benchmarks/bench_startup.py
    python benchmarks/bench_startup.py --against ../base/.venv/bin/python --repeats 10
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

PARTS = r"""
import json, time
clock = time.process_time
marks = {"interpreter": clock()}
start = clock()
import cleanse.cli
marks["import cli"] = clock() - start
start = clock()
from cleanse.plugins import plugin_manager
plugin_manager()
marks["manager"] = clock() - start
start = clock()
cleanse.cli.build_cli()
marks["cli options"] = clock() - start
start = clock()
from cleanse.pipeline import Pipeline
pipeline = Pipeline.build()
marks["pipeline"] = clock() - start


class Timed:
    # A stage that adds its CPU time to marks.
    def __init__(self, stage):
        self.stage = stage

    def __getattr__(self, name):
        return getattr(self.stage, name)

    def __call__(self, doc):
        start = clock()
        try:
            return self.stage(doc)
        finally:
            marks[self.stage.name] = clock() - start


pipeline.stages = [Timed(stage) for stage in pipeline.stages]
from cleanse.runner import clean_bytes
start = clock()
doc, output = clean_bytes(pipeline, "中文\n".encode(), "<stdin>")
marks["document"] = clock() - start
assert output == "中文\n".encode(), output
print(json.dumps(marks))
"""


def environment() -> dict[str, str]:
    """The environment of a user's shell: bytecode may be cached (an environment that forbids
    writing it would time the compiler), and third-party plugins are looked for."""
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONDONTWRITEBYTECODE", "CLEANSE_NO_THIRD_PARTY")}


def parts(python: str) -> dict[str, float]:
    """CPU seconds of each part in a fresh interpreter."""
    result = subprocess.run([python, "-c", PARTS], capture_output=True, check=True,
                            env=environment())
    return json.loads(result.stdout)


def command(python: str) -> tuple[float, float]:
    """(wall, CPU) seconds of ``python -m cleanse run`` with ``中文`` on stdin."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([python, "-m", "cleanse", "run"], input="中文\n".encode(),
                            capture_output=True, check=True, env=environment())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - start
    assert result.stdout == "中文\n".encode(), result.stdout
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure(pythons: list[str], repeats: int) -> list[dict[str, float]]:
    """Best of ``repeats`` for every part of every interpreter, taken in turn."""
    best: list[dict[str, float]] = [{} for _ in pythons]
    for python in pythons:  # the first run may write the bytecode
        parts(python)
        command(python)
    for _ in range(repeats):
        for python, figures in zip(pythons, best):
            for name, seconds in parts(python).items():
                figures[name] = min(figures.get(name, float("inf")), seconds)
            wall, cpu = command(python)
            figures["command wall"] = min(figures.get("command wall", float("inf")), wall)
            figures["command CPU"] = min(figures.get("command CPU", float("inf")), cpu)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="PYTHON",
                        help="another environment's interpreter to compare with")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    pythons = [sys.executable] + ([args.against] if args.against else [])
    results = measure(pythons, args.repeats)
    names = list(results[0])
    print(f"best of {args.repeats}, ms of CPU (command wall: ms of wall time)")
    header = f"{'part':<14} {'this':>8}"
    if args.against:
        header += f" {'against':>8} {'ratio':>6}"
    print(header)
    for name in names:
        line = f"{name:<14} {results[0][name] * 1000:8.1f}"
        if args.against:
            other = results[1].get(name, float("nan"))
            ratio = results[0][name] / other if other else float("nan")
            line += f" {other * 1000:8.1f} {ratio:6.2f}"
        print(line)


if __name__ == "__main__":
    main()
