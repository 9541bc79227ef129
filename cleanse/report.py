"""One Report per run: counts what happened, prints the summary and decides the exit code."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import click

from .errors import ExitCode
from .runner import Outcome, Tally


@dataclass
class Report:
    """Collects outcomes; ``check`` mode turns "would change" into exit code 1."""

    check: bool = False
    quiet: bool = False
    files: int = 0
    errors: int = 0
    skipped: int = 0
    tally: Tally = field(default_factory=Tally)
    started: float = field(default_factory=time.perf_counter)

    def add(self, outcome: Outcome) -> None:
        """Account for one cleaned input, saying what the user needs to hear on stderr."""
        if outcome.error is not None:
            self.failed(outcome.name, outcome.error)
            return
        self.files += 1
        self.tally.merge(outcome.tally)
        if outcome.changed and self.check:
            self.say(f"would clean {outcome.name}")

    def failed(self, name: str, cause: str) -> None:
        self.errors += 1
        click.echo(f"cleanse: error: {name}: {cause}", err=True)

    def skip(self, name: str, reason: str) -> None:
        self.skipped += 1
        self.say(f"skipped {name}: {reason}")

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    @property
    def changed(self) -> int:
        return self.tally.changed

    @property
    def exit_code(self) -> ExitCode:
        if self.errors:
            return ExitCode.ERROR
        if self.check and self.changed:
            return ExitCode.CHANGES
        return ExitCode.OK

    def as_dict(self) -> dict[str, Any]:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        return {
            "files": self.files,
            "documents": self.tally.documents,
            "bytes": self.tally.bytes_in,
            "changed": self.changed,
            "lines_removed": self.tally.removed_lines,
            "changes_by_stage": dict(sorted(self.tally.changes.items())),
            "warnings": self.tally.warnings,
            "errors": self.errors,
            "skipped": self.skipped,
            "seconds": round(seconds, 3),
            "mb_per_second": round(self.tally.bytes_in / 1e6 / seconds, 2),
        }

    def summary(self, fmt: str = "text") -> str:
        """The end-of-run summary: one screen of text, or JSON for scripts."""
        data = self.as_dict()
        if fmt == "json":
            return json.dumps(data, sort_keys=True)
        verb = "would be cleaned" if self.check else "changed"
        lines = [
            f"{data['files']} file(s), {data['documents']} document(s), {data['bytes']:,} bytes: "
            f"{data['changed']} {verb}, {data['errors']} error(s), {data['skipped']} skipped",
            f"lines removed: {data['lines_removed']}, warnings: {data['warnings']}",
        ]
        if data["changes_by_stage"]:
            per_stage = ", ".join(f"{k} {v}" for k, v in data["changes_by_stage"].items())
            lines.append(f"changes by stage: {per_stage}")
        lines.append(f"{data['seconds']} s, {data['mb_per_second']} MB/s")
        return "\n".join(lines)
