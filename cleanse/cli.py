"""The ``cleanse`` command line: run, check, stages (plugins add more)."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Settings, find_config_file, read_config_file, split_names
from .document import Document
from .errors import CleanseError, ConfigError, ExitCode, InputError
from .io import Input, Skipped, atomic_write, compress, compression_of, find_inputs, output_path
from .io import read_input
from .pipeline import Pipeline, collect_stages, order_stages
from .plugins import plugin_manager
from .report import Report
from .sidecar import build_sidecar, dump_sidecar

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UsageError(click.UsageError):
    """click exits 1 on usage errors; cleanse promises 2 (1 means "check found changes")."""

    exit_code = ExitCode.ERROR


def fail(message: str) -> None:
    click.echo(f"cleanse: error: {message}", err=True)
    sys.exit(ExitCode.ERROR)


# --- options shared by run, check and explain -------------------------------------------------


def stage_option_params() -> list[tuple[click.Option, str, str]]:
    """Click options for every stage Option: (option, stage name, config key)."""
    params = []
    registry = collect_stages(plugin_manager())
    for name in order_stages(registry):
        for option in registry[name].cls.options:
            envvar = "CLEANSE_" + option.param_name.upper()
            kwargs: dict[str, Any] = {"help": option.help, "envvar": envvar, "default": None}
            if option.is_flag:
                kwargs.update(is_flag=True, default=None)
            elif option.choices:
                kwargs["type"] = click.Choice(option.choices)
            if option.multiple:
                kwargs.update(multiple=True, default=None)
            param = click.Option([option.flag], **kwargs)
            params.append((param, name, option.key))
    return params


def pipeline_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --stages/--skip and every stage's own options to a command."""
    command = click.option(
        "--skip", envvar="CLEANSE_SKIP", metavar="A,B",
        help="Leave these stages out, e.g. --skip boilerplate,dedupe.")(command)
    command = click.option(
        "--stages", envvar="CLEANSE_STAGES", metavar="A,B",
        help="Run exactly these stages, in this order, e.g. --stages decode,whitespace.")(command)
    return command


def attach_stage_options(command: click.Command) -> None:
    command.params.extend(param for param, _, _ in stage_option_params())


def settings_from_params(params: dict[str, Any], stage_tables: dict[str, dict[str, Any]]
                         ) -> Settings:
    """Settings from parsed options (CLI > env > config defaults) and config-file stage tables."""
    stage_config = {name: dict(table) for name, table in stage_tables.items()}
    for param, stage, key in stage_option_params():
        value = params.get(param.name or "")
        if value is not None and value != ():
            stage_config.setdefault(stage, {})[key] = value
    return Settings(
        stages=split_names(params.get("stages")) or None,
        skip=split_names(params.get("skip")),
        stage_config=stage_config,
    )


def build_pipeline(ctx: click.Context, params: dict[str, Any]) -> Pipeline:
    tables = ctx.find_object(ConfigState).stage_tables if ctx.find_object(ConfigState) else {}
    try:
        return Pipeline.build(settings_from_params(params, tables))
    except ConfigError as error:
        fail(str(error))
        raise AssertionError("unreachable") from None


class ConfigState:
    """What the group read from the config file, for the subcommands."""

    def __init__(self, stage_tables: dict[str, dict[str, Any]]) -> None:
        self.stage_tables = stage_tables


# --- the group ----------------------------------------------------------------------------------


class Group(click.Group):
    """Turns config errors into exit 2 and lets plugins add commands before parsing."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except CleanseError as error:
            fail(str(error))


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="cleanse")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              envvar="CLEANSE_CONFIG",
              help="Read settings from this TOML file instead of the nearest cleanse.toml or "
                   "pyproject.toml [tool.cleanse], e.g. --config corpus.toml.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """Clean messy scraped text into UTF-8, with a JSON sidecar of what changed.

    \b
      cat page.txt | cleanse run - > clean.txt
      cleanse run pages/ -o clean/          # sidecars land beside the outputs
      cleanse check corpus/ --diff          # exit 1 if anything would change
    """
    path = config_path or find_config_file(Path.cwd())
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found")
    registry = collect_stages(plugin_manager())
    known = {p.name for cmd in (run, check) for p in cmd.params if p.name}
    config = read_config_file(path, known, set(registry))
    ctx.obj = ConfigState(config.stage_tables)
    if config.defaults:
        ctx.default_map = {name: dict(config.defaults) for name in ("run", "check", "explain")}


# --- run and check ------------------------------------------------------------------------------


def clean_document(pipeline: Pipeline, data: bytes, source: str) -> tuple[Document, bytes]:
    doc = pipeline.run(Document(source=source, raw=data))
    assert doc.text is not None
    return doc, doc.text.encode("utf-8")


def write_sidecar(path: Path, doc: Document, pipeline: Pipeline, output: bytes) -> None:
    sidecar = build_sidecar(doc, pipeline, output)
    atomic_write(path, dump_sidecar(sidecar).encode("utf-8"))


def run_stdin(pipeline: Pipeline, report: Report, meta_file: Path | None, check: bool,
              diff: bool) -> None:
    data = sys.stdin.buffer.read()
    try:
        doc, output = clean_document(pipeline, data, "<stdin>")
    except CleanseError as error:
        report.failed("<stdin>", str(error))
        return
    report.done("<stdin>", changed=output != data, size=len(data))
    if check:
        if diff and output != data:
            print_diff("<stdin>", data, output)
        return
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()
    if meta_file is not None:
        write_sidecar(meta_file, doc, pipeline, output)


def print_diff(name: str, before: bytes, after: bytes) -> None:
    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, fromfile=name, tofile=f"{name} (cleaned)")
    sys.stdout.write("".join(lines))


def process_file(item: Input, pipeline: Pipeline, report: Report, *, output_dir: Path | None,
                 in_place: bool, to_stdout: bool, meta: bool, check: bool, diff: bool) -> None:
    """Clean one file and write what was asked; every error is reported, never raised."""
    name = str(item.path)
    try:
        data = read_input(item.path)
        doc, output = clean_document(pipeline, data, item.name)
    except CleanseError as error:
        report.failed(name, str(error))
        return
    changed = output != data
    report.done(name, changed=changed, size=len(data))
    try:
        if check:
            if diff and changed:
                print_diff(name, data, output)
        elif to_stdout:
            sys.stdout.buffer.write(output)
        elif in_place:
            if changed:
                atomic_write(item.path, compress(output, compression_of(item.path)))
            if meta:
                write_sidecar(Path(f"{item.path}.meta.json"), doc, pipeline, output)
        else:
            assert output_dir is not None
            target = output_path(output_dir, item.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, compress(output, compression_of(target)))
            if meta:
                write_sidecar(Path(f"{target}.meta.json"), doc, pipeline, output)
    except (OSError, InputError) as error:
        report.failed(name, f"cannot write output: {getattr(error, 'strerror', None) or error}")


def run_paths(pipeline: Pipeline, report: Report, paths: tuple[str, ...], **how: Any) -> None:
    globs = how.pop("globs")
    for item in find_inputs([Path(p) for p in paths], globs):
        if isinstance(item, Skipped):
            if item.error:
                report.failed(str(item.path), item.reason)
            else:
                report.skip(str(item.path), item.reason)
            continue
        process_file(item, pipeline, report, **how)


PATHS = click.argument("paths", nargs=-1, metavar="[PATH]...")
GLOB = click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                    help="In directories, clean only files matching this (repeatable), "
                         "e.g. --glob '*.txt'.")
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print only errors on stderr.")


@cli.command(context_settings=CONTEXT)
@PATHS
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write cleaned files here (a directory argument keeps its tree), "
                   "e.g. -o clean/.")
@click.option("-i", "--in-place", is_flag=True,
              help="Rewrite the input files themselves, atomically (no sidecars unless --meta).")
@click.option("--meta/--no-meta", default=None,
              help="Write NAME.meta.json beside each output (default: on with -o, off in place).")
@click.option("--meta-file", type=click.Path(dir_okay=False, path_type=Path),
              help="With stdin input, write the sidecar here, e.g. --meta-file page.meta.json.")
@GLOB
@QUIET
@pipeline_options
@click.pass_context
def run(ctx: click.Context, paths: tuple[str, ...], output_dir: Path | None, in_place: bool,
        meta: bool | None, meta_file: Path | None, globs: tuple[str, ...], quiet: bool,
        **params: Any) -> None:
    """Clean PATHs (files or directories), or stdin when no PATH or - is given.

    \b
      cat page.txt | cleanse run > clean.txt
      cleanse run page.txt > clean.txt
      cleanse run pages/ -o clean/
      cleanse run --in-place corpus/
    """
    pipeline = build_pipeline(ctx, params)
    report = Report(quiet=quiet)
    if not paths or paths == ("-",):
        if output_dir or in_place:
            raise UsageError("stdin input goes to stdout; -o and --in-place need PATHs")
        run_stdin(pipeline, report, meta_file, check=False, diff=False)
        sys.exit(report.exit_code)
    if "-" in paths:
        raise UsageError("- (stdin) cannot be mixed with file PATHs")
    if output_dir and in_place:
        raise UsageError("give -o/--output-dir or --in-place, not both")
    to_stdout = not output_dir and not in_place
    if to_stdout and (len(paths) > 1 or Path(paths[0]).is_dir()):
        raise UsageError("several inputs need -o/--output-dir DIR or --in-place")
    write_meta = bool(output_dir) if meta is None else meta and not to_stdout
    run_paths(pipeline, report, paths, globs=globs, output_dir=output_dir, in_place=in_place,
              to_stdout=to_stdout, meta=write_meta, check=False, diff=False)
    if not to_stdout:
        report.say(report.summary())
    sys.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@PATHS
@click.option("--diff", is_flag=True, help="Print a unified diff of what would change.")
@GLOB
@QUIET
@pipeline_options
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], diff: bool, globs: tuple[str, ...],
          quiet: bool, **params: Any) -> None:
    """Write nothing; exit 1 if any PATH would change (stdin when no PATH).

    \b
      cleanse check corpus/ && echo clean
      cleanse check page.txt --diff
    """
    pipeline = build_pipeline(ctx, params)
    report = Report(check=True, quiet=quiet)
    if not paths or paths == ("-",):
        run_stdin(pipeline, report, None, check=True, diff=diff)
    else:
        run_paths(pipeline, report, paths, globs=globs, output_dir=None, in_place=False,
                  to_stdout=False, meta=False, check=True, diff=diff)
        report.say(report.summary())
    sys.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@pipeline_options
@click.pass_context
def stages(ctx: click.Context, **params: Any) -> None:
    """List the pipeline's stages in run order, with their plugin and what they do."""
    pipeline = build_pipeline(ctx, params)
    width = max((len(name) for name in pipeline.names), default=0)
    plugin_width = max((len(p) for p in pipeline.plugins.values()), default=0)
    for stage in pipeline.stages:
        click.echo(f"{stage.name:<{width}}  {pipeline.plugins[stage.name]:<{plugin_width}}  "
                   f"{stage.description}")


_built = False


def build_cli() -> click.Group:
    """Attach stage options and plugin commands; done once per process."""
    global _built
    if not _built:
        for command in (run, check):
            attach_stage_options(command)
        plugin_manager().hook.register_commands(cli=cli)
        _built = True
    return cli


def main() -> None:
    try:
        build_cli().main(prog_name="cleanse")
    except KeyboardInterrupt:
        click.echo("cleanse: interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
