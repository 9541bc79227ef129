"""Stage ``boilerplate``: remove site furniture (breadcrumbs, counters, footers, prompts...).

Rules are data: the shipped pack ``data/boilerplate_zh.toml`` (registered through the
``register_rule_packs`` hook like any plugin's pack), packs of other plugins, and the user's
``--rules FILE`` (for instance one written by ``cleanse learn``). The format is described in
``boilerplate_rules``. Shape heuristics (``boilerplate_layout``) only act at the head and tail
of a page; in its middle a line goes only when an explicit rule names it.

Removed lines are left *empty* rather than deleted, so every stage up to ``whitespace`` sees the
raw page's line numbers (the sidecar can then point at the page itself); ``whitespace``, which
runs last, closes the gaps. Lines that carry metadata (source, author, date, views...) fill
``fields`` on their way out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cleanse import ConfigError, Document, Option, Stage, hookimpl, rule_packs

from cleanse_plugins.boilerplate_fields import FieldReader
from cleanse_plugins.boilerplate_layout import (
    Line, drop_copies_of_removed, drop_edge_runs, drop_link_lines, drop_sandwiched,
    drop_title_copies, edge_zones, find_title, is_anchor,
)
from cleanse_plugins.boilerplate_rules import Rule, RuleSet, load_rules
from cleanse_plugins.boilerplate_text import fold_with_index
from cleanse_plugins.later_stages import later_copies, without_hashtags

PACK = Path(__file__).parent / "data" / "boilerplate_zh.toml"
PACK_NAME = "zh-web"


@lru_cache(maxsize=64)
def _load(path: str, mtime: float, origin: str) -> RuleSet:
    return load_rules(Path(path), origin)


def load_cached(path: Path, origin: str) -> RuleSet:
    """Each rule file is parsed and checked once per process (until it changes)."""
    try:
        mtime = path.stat().st_mtime
    except OSError as error:
        raise ConfigError(f"{path}: cannot read rule file: {error.strerror or error}") from None
    return _load(str(path), mtime, origin)


class BoilerplateStage(Stage):
    name = "boilerplate"
    description = "remove breadcrumbs, counters, footers and prompts; move their metadata to fields"
    default_config: dict[str, Any] = {
        "rules": (),
        "rule_packs": True,
        "disable_rules": (),
        "edge_lines": 10,
        "nav_weight": 4,
    }
    options = (
        Option("rules", "--rules",
               "Also apply this boilerplate rule file (TOML; repeatable), e.g. "
               "--rules site-rules.toml (cleanse learn writes one).", multiple=True),
    )

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        rules = RuleSet()
        if self.config["rule_packs"]:
            for _plugin, pack, path in rule_packs():
                rules.extend(load_cached(path, pack))
        files = self.config["rules"]
        for path in [files] if isinstance(files, str) else files:
            rules.extend(load_cached(Path(path), Path(path).name))
        self.rules = rules.without(set(self.config["disable_rules"]))
        self.reader = FieldReader(self.rules)

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None
        originals = doc.text.split("\n")
        views = [without_hashtags(text)[0] for text in originals]
        copies = later_copies(views)
        lines = [Line(number, view, *fold_with_index(view), original=text,
                      copy=number - 1 in copies)
                 for number, (text, view) in enumerate(zip(originals, views), start=1)]
        fired, (head, tail) = self.apply_rules(lines)
        nav_weight = int(self.config["nav_weight"])
        drop_edge_runs(lines, nav_weight)
        title = find_title(lines)
        for index, rule in fired:
            if rule.then == "links" and index in tail:
                drop_link_lines(lines, index, f"{rule.id}:link", title)
        drop_sandwiched(lines, head | tail, nav_weight, title)
        if title is not None:
            drop_title_copies(lines, title)
            doc.fields.setdefault("title", title.text.strip())
        drop_copies_of_removed(lines)
        self.finish(doc, lines, fired)
        return doc

    def apply_rules(self, lines: list[Line]
                    ) -> tuple[list[tuple[int, Rule]], tuple[set[int], set[int]]]:
        """Mark the lines rules remove; returns every (index, rule) hit and the edge zones."""
        candidates = [None if line.blank else
                      self.rules.find(line.text, line.folded, head=True, tail=True)
                      for line in lines]
        anchors = [candidates[i] is None and is_anchor(line) for i, line in enumerate(lines)]
        head, tail = edge_zones(lines, anchors, int(self.config["edge_lines"]))
        fired: list[tuple[int, Rule]] = []
        for i, line in enumerate(lines):
            if candidates[i] is None:
                continue
            hit = self.rules.find(line.text, line.folded, head=i in head, tail=i in tail)
            if hit is None:
                continue
            rule, found = hit
            line.reason = rule.id
            if rule.action == "extract":
                line.fields = self.reader.read(line.text, line.folded, line.index, found)
            fired.append((i, rule))
        return fired, (head, tail)

    def finish(self, doc: Document, lines: list[Line], fired: list[tuple[int, Rule]]) -> None:
        removed = [line for line in lines if line.dropped]
        if not removed:
            return
        for line in removed:
            doc.record(self.name, "removed-line", line.original, "", line=line.number,
                       reason=line.reason)
            for key, value in line.fields.items():
                doc.fields.setdefault(key, value)
        origins = {rule.id: rule.origin for _, rule in fired}
        if origins:
            section = doc.metadata.setdefault("boilerplate", {}).setdefault("rules", {})
            section.update(origins)
        doc.text = "\n".join("" if line.dropped else line.original for line in lines)


@hookimpl
def register_rule_packs(register):  # type: ignore[no-untyped-def]
    register(PACK_NAME, PACK)


@hookimpl
def register_commands(cli):  # type: ignore[no-untyped-def]
    from cleanse_plugins.boilerplate_learn import learn

    cli.add_command(learn)


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(BoilerplateStage)
