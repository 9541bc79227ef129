"""One Report per run: counts what happened and decides the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import click

from .errors import ExitCode


@dataclass
class Report:
    """Collects outcomes; ``check`` mode turns "would change" into exit code 1."""

    check: bool = False
    quiet: bool = False
    files: int = 0
    changed: int = 0
    errors: int = 0
    skipped: int = 0
    bytes_in: int = 0
    messages: list[str] = field(default_factory=list)

    def done(self, name: str, *, changed: bool, size: int) -> None:
        self.files += 1
        self.bytes_in += size
        if changed:
            self.changed += 1
            if self.check:
                self.say(f"would clean {name}")

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
    def exit_code(self) -> ExitCode:
        if self.errors:
            return ExitCode.ERROR
        if self.check and self.changed:
            return ExitCode.CHANGES
        return ExitCode.OK

    def summary(self) -> str:
        verb = "would be cleaned" if self.check else "changed"
        parts = [f"{self.files} file{'s' * (self.files != 1)}", f"{self.changed} {verb}"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.errors:
            parts.append(f"{self.errors} error{'s' * (self.errors != 1)}")
        return ", ".join(parts)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
