"""The ``cleanse`` command line: run, check, stages (plugins add more)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Settings, find_config_file, read_config_file, split_names
from .drive import run_jsonl, run_parquet, run_paths, run_stdin
from .errors import CleanseError, ConfigError, ExitCode
from .io import read_input
from .parallel import default_jobs
from .pipeline import Pipeline, collect_stages, order_stages
from .plugins import plugin_manager
from .report import Report
from .runner import Target, clean_bytes
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
    command = click.option(
        "--max-line-bytes", type=click.IntRange(min=1), default=16 * 1024 * 1024,
        envvar="CLEANSE_MAX_LINE_BYTES", show_default=True,
        help="Refuse inputs with a longer line, e.g. --max-line-bytes 100000000.")(command)
    command = click.option(
        "--allow-empty", is_flag=True, default=None, envvar="CLEANSE_ALLOW_EMPTY",
        help="Pass empty files through as clean instead of refusing them, e.g. in a "
             "pre-commit hook: --allow-empty.")(command)
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
        max_line_bytes=params.get("max_line_bytes") or Settings.max_line_bytes,
        allow_empty=bool(params.get("allow_empty")),
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
    known = {p.name for cmd in (run, check, explain) for p in cmd.params if p.name}
    config = read_config_file(path, known, set(registry))
    ctx.obj = ConfigState(config.stage_tables)
    if config.defaults:
        ctx.default_map = {name: dict(config.defaults) for name in ("run", "check", "explain")}


PATHS = click.argument("paths", nargs=-1, metavar="[PATH]...")
GLOB = click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                    help="In directories, clean only files matching this (repeatable), "
                         "e.g. --glob '*.txt'.")
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print only errors on stderr, e.g. cleanse run -q pages/ -o out/.")
JOBS = click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, envvar="CLEANSE_JOBS",
                    help="Processes to use; 0 (default) means all cores, e.g. -j 4.")
FORMAT = click.option("--format", "summary_format", type=click.Choice(["text", "json"]),
                      default="text", help="Summary on stderr as text or one JSON line, "
                                           "e.g. --format json.")


def finish(report: Report, summary_format: str, show_summary: bool) -> None:
    if show_summary and (not report.quiet or summary_format == "json"):
        click.echo(report.summary(summary_format), err=True)
    sys.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@PATHS
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="Directory for cleaned files (a directory argument keeps its tree), or the "
                   "output file with --jsonl, e.g. -o clean/.")
@click.option("-i", "--in-place", is_flag=True,
              help="Rewrite the input files themselves, atomically (no sidecars unless --meta), "
                   "e.g. cleanse run -i corpus/.")
@click.option("--meta/--no-meta", default=None,
              help="Write NAME.meta.json beside each output (default: on with -o, off in place), "
                   "e.g. --no-meta.")
@click.option("--meta-file", type=click.Path(dir_okay=False, path_type=Path),
              help="With stdin or --jsonl input, write the metadata here instead, "
                   "e.g. --meta-file page.meta.json.")
@click.option("--jsonl", is_flag=True,
              help="Inputs are JSONL records; clean one field of each, e.g. "
                   "--jsonl in.jsonl.gz -o out.jsonl.zst.")
@click.option("--field", "text_field", default="text", show_default=True,
              help="With --jsonl, the field that holds the text, e.g. --field content.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              envvar="CLEANSE_ENGINE",
              help="Where to run: local processes, or Ray (JSONL or Parquet input; RAY_ADDRESS "
                   "names a cluster), e.g. --engine ray.")
@GLOB
@JOBS
@QUIET
@FORMAT
@pipeline_options
@click.pass_context
def run(ctx: click.Context, paths: tuple[str, ...], output: Path | None, in_place: bool,
        meta: bool | None, meta_file: Path | None, jsonl: bool, text_field: str,
        engine: str, globs: tuple[str, ...], jobs: int, quiet: bool, summary_format: str,
        **params: Any) -> None:
    """Clean PATHs (files or directories), or stdin when no PATH or - is given.

    \b
      cat page.txt | cleanse run > clean.txt
      cleanse run page.txt > clean.txt
      cleanse run pages/ -o clean/
      cleanse run --in-place corpus/
      cleanse run --jsonl corpus.jsonl.gz -o clean.jsonl.gz -j 8
    """
    pipeline = build_pipeline(ctx, params)
    report = Report(quiet=quiet)
    jobs = jobs or default_jobs()
    if engine == "ray" and not jsonl:
        if len(paths) != 1 or output is None:
            raise UsageError("--engine ray without --jsonl takes one Parquet file or directory "
                             "and -o OUTPUT_DIR")
        run_parquet(pipeline, report, paths, output, text_field, jobs)
        finish(report, summary_format, show_summary=True)
    if jsonl:
        if in_place:
            raise UsageError("--in-place does not apply to --jsonl; give -o FILE")
        run_jsonl(pipeline, report, paths, output, text_field, meta_file, jobs, engine)
        finish(report, summary_format, show_summary=True)
    if not paths or paths == ("-",):
        if output or in_place:
            raise UsageError("stdin input goes to stdout; -o and --in-place need PATHs")
        run_stdin(pipeline, report, meta_file, check=False, diff=False)
        finish(report, summary_format, show_summary=False)
    if "-" in paths:
        raise UsageError("- (stdin) cannot be mixed with file PATHs")
    if output and in_place:
        raise UsageError("give -o/--output or --in-place, not both")
    if output is not None and output.is_file():
        raise UsageError(f"-o {output}: is a file; give a directory (or use --jsonl)")
    to_stdout = not output and not in_place
    if to_stdout and (len(paths) > 1 or Path(paths[0]).is_dir()):
        raise UsageError("several inputs need -o/--output DIR or --in-place")
    mode = "stdout" if to_stdout else "in-place" if in_place else "output-dir"
    write_meta = bool(output) if meta is None else meta and not to_stdout
    target = Target(mode, output_dir=output, meta=write_meta)
    run_paths(pipeline, report, paths, globs, target, jobs)
    finish(report, summary_format, show_summary=not to_stdout)


@cli.command(context_settings=CONTEXT)
@PATHS
@click.option("--diff", is_flag=True, help="Print a unified diff of what would change, e.g. cleanse check --diff page.txt.")
@GLOB
@JOBS
@QUIET
@FORMAT
@pipeline_options
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], diff: bool, globs: tuple[str, ...],
          jobs: int, quiet: bool, summary_format: str, **params: Any) -> None:
    """Write nothing; exit 1 if any PATH would change (stdin when no PATH).

    \b
      cleanse check corpus/ && echo clean
      cleanse check page.txt --diff
    """
    pipeline = build_pipeline(ctx, params)
    report = Report(check=True, quiet=quiet)
    if not paths or paths == ("-",):
        run_stdin(pipeline, report, None, check=True, diff=diff)
        finish(report, summary_format, show_summary=False)
    run_paths(pipeline, report, paths, globs, Target("check", diff=diff), jobs or default_jobs())
    finish(report, summary_format, show_summary=True)


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


@cli.command(context_settings=CONTEXT)
@click.argument("path", metavar="FILE")
@click.option("--stage", "only_stage", metavar="NAME",
              help="Show only this stage, e.g. --stage boilerplate.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="Plain/coloured text, or the sidecar as JSON, e.g. --format json.")
@pipeline_options
@click.pass_context
def explain(ctx: click.Context, path: str, only_stage: str | None, output_format: str,
            **params: Any) -> None:
    """Show what each stage did to FILE (- for stdin), with line numbers.

    \b
      cleanse explain page.txt
      cleanse explain page.txt --stage boilerplate
      cleanse explain page.txt --format json | jq .changes
    """
    from .explain import narrow, render_text

    pipeline = build_pipeline(ctx, params)
    if only_stage is not None and only_stage not in pipeline.names:
        raise UsageError(f"stage {only_stage!r} is not in the pipeline; stages: "
                         f"{', '.join(pipeline.names)}")
    try:
        data = sys.stdin.buffer.read() if path == "-" else read_input(Path(path))
        doc, output = clean_bytes(pipeline, data, "<stdin>" if path == "-" else Path(path).name)
    except CleanseError as error:
        fail(f"{path}: {error}")
    sidecar = narrow(build_sidecar(doc, pipeline, output), only_stage)
    if output_format == "json":
        click.echo(dump_sidecar(sidecar), nl=False)
    else:
        import shutil

        color = sys.stdout.isatty()
        width = shutil.get_terminal_size((100, 24)).columns - 12
        click.echo(render_text(sidecar, color=color, width=width), nl=False, color=color)


def build_cli() -> click.Group:
    """Attach stage options and plugin commands; done once per process."""
    global _built
    if not _built:
        for command in (run, check, explain):
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

