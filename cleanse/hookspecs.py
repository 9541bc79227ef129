"""The plugin contract. Built-in stages use exactly these hooks, through the same entry points."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from .document import Document
    from .stage import Stage

hookspec = pluggy.HookspecMarker("cleanse")
hookimpl = pluggy.HookimplMarker("cleanse")


@hookspec
def register_stages(register: Callable[[type[Stage]], None]) -> None:
    """Contribute stages to the pipeline.

    Called once when the pipeline's stage registry is built.

    :param register: call it with each ``Stage`` subclass the plugin provides. A stage name that
        another plugin already registered is a configuration error naming both plugins. Where the
        stage runs is decided by the pipeline (the configured order, then the stage's own
        ``before``/``after``), never by the order in which plugins are called.
    """


@hookspec
def register_rule_packs(register: Callable[[str, Path], None]) -> None:
    """Contribute boilerplate rule packs (TOML files in the rule-file format).

    Called when a stage that uses rule packs (``boilerplate``) is built.

    :param register: call it as ``register(name, path)`` for each rule file; ``name`` is shown in
        the sidecar as the origin of every rule in the pack.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``cleanse`` command line, or options to its existing commands.

    Called once when the command line is built.

    :param cli: the top-level click group; add commands with ``cli.add_command`` or
        ``@cli.command()``. Options a stage needs are better declared as ``Stage.options``:
        those reach ``run``, ``check`` and ``explain`` and config files by themselves.
    """


@hookspec
def document_finished(doc: Document, stages: list[Stage]) -> None:
    """Observe each document after the whole pipeline ran on it (for statistics, logging...).

    Called in the process that cleaned the document, once per document, also when a stage
    failed (``doc.metadata["error"]`` then says why). The return value is ignored; an observer
    must not change the document.

    :param doc: the finished document (its text is the output).
    :param stages: the stages that ran, in order.
    """
