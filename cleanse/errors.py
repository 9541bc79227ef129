"""Exit codes and the errors cleanse promises to raise (and nothing else)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes follow black and ruff so that scripts and hooks can rely on them."""

    OK = 0
    CHANGES = 1
    ERROR = 2
    INTERRUPTED = 130


class CleanseError(Exception):
    """Base of every documented error; the CLI turns it into exit code 2 and a one-line message."""


class InputError(CleanseError):
    """The input cannot be cleaned as it is (binary, undecodable, unreadable...).

    ``offset`` is the byte offset of the problem where one applies.
    """

    def __init__(self, message: str, *, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


class ConfigError(CleanseError):
    """A configuration file, option or rule file is wrong."""


class StageError(CleanseError):
    """A stage raised; the message names the plugin and the stage, ``source`` the document.

    The command line prefixes every message with the file name, so the message itself does not
    repeat it.
    """

    def __init__(self, plugin: str, stage: str, source: str, cause: BaseException) -> None:
        super().__init__(
            f"stage {stage!r} (plugin {plugin}) failed: {type(cause).__name__}: {cause}"
        )
        self.plugin, self.stage, self.source, self.cause = plugin, stage, source, cause
