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

Speed: the page is folded and keyed in a few C-level passes (``boilerplate_text``); most pages
lose no line, which ``keeps_all`` proves from the lines the layout would look at (edge zones,
ends, title copies) before any per-line object is made for the rest; rules are screened by the
strings they need (``boilerplate_rules.Screen``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Any, TypeAlias

from cleanse import ConfigError, Document, Option, Stage, hookimpl, rule_packs
from cleanse_plugins.boilerplate_fields import FieldReader
from cleanse_plugins.boilerplate_layout import (
    MIN_RUN,
    Line,
    drop_copies_of_removed,
    drop_edge_runs,
    drop_link_lines,
    drop_sandwiched,
    drop_title_copies,
    edge_zones,
    find_title,
    is_anchor,
    is_tiny,
    title_probes,
    zones_of,
)
from cleanse_plugins.boilerplate_rules import Facts, Rule, RuleSet, load_rules
from cleanse_plugins.boilerplate_text import (
    copy_candidates,
    fold,
    fold_lines,
    fold_page,
    han_counts,
    lines_with,
    normalize_folded,
    strip_marks,
)
from cleanse_plugins.dedupe import dedupe_keys, has_copies, remember_keys
from cleanse_plugins.later_stages import (
    MIN_CHARS,
    later_copies,
    may_have_hashtags,
    without_hashtags,
)
from cleanse_plugins.whitespace_marks import may_tighten, tighten_lines

Hit: TypeAlias = "tuple[Rule, re.Match[str] | None] | None"

PACK = Path(__file__).parent / "data" / "boilerplate_zh.toml"
#: What compiling the pack's regex rules gives (``boilerplate_build_pack`` writes it), so that a
#: process compiles only the rules its pages may match.
PACK_FACTS = PACK.with_name("boilerplate_zh.facts.json")
PACK_NAME = "zh-web"


#: What a hashtag or cashtag starts with (``later_stages.may_have_hashtags``).
HASHTAG_MARK = re.compile("[#$＃＄]")


@lru_cache(maxsize=64)
def _load(path: str, mtime: float, origin: str, facts: str | None) -> RuleSet:
    return load_rules(Path(path), origin, _facts(facts) if facts else None)


@lru_cache(maxsize=4)
def _facts(path: str) -> Facts:
    facts: Facts = json.loads(Path(path).read_text("utf-8"))
    return facts


def load_cached(path: Path, origin: str, facts: Path | None = None) -> RuleSet:
    """Each rule file is parsed and checked once per process (until it changes); ``facts``
    (a shipped pack's) spare the regex rules they hold their checks and compiles."""
    try:
        mtime = path.stat().st_mtime
    except OSError as error:
        raise ConfigError(f"{path}: cannot read rule file: {error.strerror or error}") from None
    return _load(str(path), mtime, origin, str(facts) if facts else None)


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
        files = self.config["rules"]
        # The user's files are read now, so that a broken one fails before any page is read; the
        # packs, large and already checked, when the first page comes (``cleanse --help`` and a
        # small pipe start faster).
        self.files = [load_cached(Path(path), Path(path).name)
                      for path in ([files] if isinstance(files, str) else files)]
        self._rules: RuleSet | None = None
        self._reader: FieldReader | None = None

    @property
    def rules(self) -> RuleSet:
        if self._rules is None:
            rules = RuleSet()
            if self.config["rule_packs"]:
                for _plugin, pack, path in rule_packs():
                    rules.extend(load_cached(path, pack, PACK_FACTS if path == PACK else None))
            for loaded in self.files:
                rules.extend(loaded)
            self._rules = rules.without(set(self.config["disable_rules"]))
        return self._rules

    @property
    def reader(self) -> FieldReader:
        if self._reader is None:
            self._reader = FieldReader(self.rules)
        return self._reader

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None
        originals = doc.text.split("\n")
        # Judged as whitespace will leave them: a tab or ideographic space at an edge must not
        # decide whether a line goes (it would not be there on a second cleaning).
        views = [text.strip() for text in originals]
        marked = may_have_hashtags(doc.text)
        if marked:
            for i in lines_with(HASHTAG_MARK, doc.text):
                views[i] = without_hashtags(originals[i])[0].strip()
        if may_tighten(doc.text):  # and without the spaces beside full-width marks
            views = tighten_lines(views)
        joined = "\n".join(views)
        # Page rules act in the middle of a page too, but only where a line holds a string one
        # of them needs: a page without any is judged as if there were none (its edges only).
        page = fold_page(joined) if self.rules.has_page_rules else None
        if page is not None and len(page.split("\n")) != len(views):
            page = None  # a character folded to a line break (none does): line by line
        page_rules = page is None and self.rules.has_page_rules or (
            page is not None and self.rules.page_rules_may_match(page))
        han = None if page_rules else han_counts(joined)
        memo: dict[tuple[int, bool, bool], Hit] = {}
        folded: list[str] | Folded
        if han is not None:
            # Only the lines that may be copies are keyed, and only the lines the layout looks
            # at are folded: when no line goes, the page costs a few C passes and its edges.
            candidates = copy_candidates(views, han, MIN_CHARS)
            folded = Folded(views)
            if page is not None:
                folded.done = dict(enumerate(page.split("\n")))
                # a key is of the folded line: the page is folded already
                keys = dict(zip(candidates, strip_marks("\n".join(
                    [folded.done[i] for i in candidates]).casefold()).split("\n")))
            else:
                keys = dict(zip(candidates, dedupe_keys([views[i] for i in candidates])))
            copies = copies_among(keys)
            if self.keeps_all(doc, originals, views, folded, copies, memo, han.counts,
                              page_rules=False):
                if not marked:
                    remember_keys(doc.text, keys, MIN_CHARS)
                return doc
            folded.prefetch(compress(range(len(views)), views))  # the rest, in one piece
            keyed_for = MIN_CHARS
        else:
            page = fold_page(joined) if page is None else page
            folded = page.split("\n")
            if len(folded) != len(views):  # a character folded to a line break (none does)
                folded = [fold(view) for view in views]
                page = "\n".join(folded)
            keys_page = strip_marks(page.casefold())  # dedupe_keys(views)
            keys = dict(enumerate(keys_page.split("\n")))
            copies = (later_copies(views, list(keys.values()))
                      if has_copies(keys_page, MIN_CHARS) else set())
            keyed_for = 1
            if self.keeps_all(doc, originals, views, folded, copies, memo,
                              page_rules=page_rules):
                if not marked:
                    # A line's key is that of its view: the white space at its edges leaves
                    # none (nor changes the folding between), and no hashtag came out.
                    remember_keys(doc.text, keys)
                return doc
        # Lines with nothing left to judge are blank to every heuristic and never removed.
        # A line left unkeyed repeats no line, nor does any line repeat it: its key is of no
        # use to the layout (which looks keys up for the copies of removed lines only).
        lines = [Line(i + 1, views[i], folded[i], original=originals[i], key=keys.get(i, ""),
                      copy=i in copies) for i in compress(range(len(views)), views)]
        fired, title = self.layout(lines, memo, copies=bool(copies), page_rules=page_rules)
        if title is not None:
            doc.fields.setdefault("title", title.text.strip())
        self.finish(doc, originals, lines, fired)
        if not marked:  # the lines removed are empty, and so are their keys
            left = dict(keys)
            for line in lines:
                if line.reason and line.number - 1 in left:
                    left[line.number - 1] = ""
            remember_keys(doc.text, left, keyed_for)
        return doc

    def keeps_all(self, doc: Document, originals: list[str], views: list[str],
                  folded: list[str] | Folded, copies: set[int],
                  memo: dict[tuple[int, bool, bool], Hit],
                  counts: list[int] | None = None, page_rules: bool = True) -> bool:
        """Whether ``layout`` would remove no line, told from the lines it would look at: the
        edge zones, the ends, the title and the lines that may copy it. When none goes, the
        title is recorded as ``layout`` would and the page is done; otherwise ``layout`` runs.

        With nothing removed no rule fired, no run of tiny lines opens or closes the page, no
        line lies between removed ones and no copy of a removed line is left; a copy of the
        title remains to look for. ``counts`` (``han_counts``), when given, tell the lines that
        cannot copy the title: those with another count of Han characters."""
        rules = self.rules
        if page_rules and rules.has_page_rules:
            return False
        filled = list(compress(range(len(views)), views))
        if copies:
            filled = [i for i in filled if i not in copies]
        if isinstance(folded, Folded):  # the edge zones at least, the rest when asked
            reach = int(self.config["edge_lines"]) + MIN_RUN
            folded.prefetch(filled if len(filled) <= 2 * reach
                            else [*filled[:reach], *filled[-reach:]])
        made: dict[int, Line] = {}

        def line(i: int) -> Line:
            if i not in made:
                made[i] = Line(i + 1, views[i], folded[i], original=originals[i],
                               copy=i in copies)
            return made[i]

        def hit(i: int, head: bool, tail: bool) -> Hit:
            key = (i + 1, head, tail)  # by line number, as ``layout`` remembers them
            if key not in memo:
                memo[key] = rules.find(views[i], folded[i], head=head, tail=tail)
            return memo[key]

        def anchor(i: int) -> bool:
            return hit(i, True, True) is None and is_anchor(line(i))

        head, tail = zones_of(filled, anchor, int(self.config["edge_lines"]))
        for i in head | tail:
            if memo.get((i + 1, True, True), True) is not None and hit(i, i in head, i in tail):
                return False
        nav_weight = int(self.config["nav_weight"])
        if len(filled) >= MIN_RUN and any(
                all(is_tiny(line(i), nav_weight) for i in end)
                for end in (filled[:MIN_RUN], filled[-MIN_RUN:])):
            return False
        title = find_title([line(filled[0])]) if filled else None
        if title is None:
            return True
        key = normalize_folded([title.folded])[0]
        if key:
            probes = title_probes(key)
            if not probes:
                return False
            rest = filled[1:]
            if counts is not None:
                same = counts[filled[0]]
                rest = [i for i in rest if counts[i] == same] if counts.count(same) > 1 else []
            others = [folded[i] for i in rest if all(probe in folded[i] for probe in probes)]
            if others and key in normalize_folded(others):
                return False
        doc.fields.setdefault("title", title.text.strip())
        return True

    def layout(self, lines: list[Line], memo: dict[tuple[int, bool, bool], Hit] | None = None,
               copies: bool = True, page_rules: bool = True
               ) -> tuple[list[tuple[int, Rule]], Line | None]:
        """Mark the lines to remove, then again on the lines left until none goes: a removal can
        make the new edge of the page a run the heuristics remove (a copy of the title closing
        the page hid the short lines before it), and cleaning twice must equal cleaning once.
        Rule hits are remembered (in ``memo``, by line number), so the passes after the first
        cost little. Without ``copies`` (no line repeats an earlier one) there are no copies
        of removed lines to look for; without ``page_rules`` (none may match), rules are tried
        at the edges only."""
        memo = {} if memo is None else memo
        fired, title = self.layout_once(lines, memo, copies, page_rules)
        live = [line for line in lines if not line.reason]
        while live:
            more, _ = self.layout_once(live, memo, copies, page_rules)
            fired += more
            left = [line for line in live if not line.reason]
            if len(left) == len(live):
                break
            live = left
        return fired, title

    def layout_once(self, lines: list[Line], memo: dict[tuple[int, bool, bool], Hit],
                    copies: bool = True, page_rules: bool = True
                    ) -> tuple[list[tuple[int, Rule]], Line | None]:
        """One pass of the rules and the shape heuristics over ``lines``."""
        fired, (head, tail) = self.apply_rules(lines, memo, page_rules)
        nav_weight = int(self.config["nav_weight"])
        drop_edge_runs(lines, nav_weight)
        title = find_title(lines)
        for index, rule in fired:
            if rule.then == "links" and index in tail:
                drop_link_lines(lines, index, f"{rule.id}:link", title)
        drop_sandwiched(lines, head | tail, nav_weight, title)
        if title is not None:
            drop_title_copies(lines, title)
        if copies:
            drop_copies_of_removed(lines)
        return fired, title

    def apply_rules(self, lines: list[Line], memo: dict[tuple[int, bool, bool], Hit],
                    page_rules: bool = True
                    ) -> tuple[list[tuple[int, Rule]], tuple[set[int], set[int]]]:
        """Mark the lines rules remove; returns every (index, rule) hit and the edge zones.

        A line matched by a rule is no anchor (no real paragraph); rules are tried only where
        they can act: the edge zones, and the middle of the page only for ``page`` rules.
        """
        rules = self.rules

        def find(line: Line, head: bool, tail: bool) -> Hit:
            key = (line.number, head, tail)
            if key not in memo:
                memo[key] = rules.find(line.text, line.folded, head=head, tail=tail)
            return memo[key]

        def anchor(i: int) -> bool:
            return find(lines[i], True, True) is None and is_anchor(lines[i])

        head, tail = edge_zones(lines, anchor, int(self.config["edge_lines"]))
        zones = head | tail
        page_rules = page_rules and rules.has_page_rules
        fired: list[tuple[int, Rule]] = []
        for i, line in enumerate(lines):
            if line.blank or (i not in zones and not page_rules):
                continue
            if memo.get((line.number, True, True), True) is None:
                continue
            hit = find(line, i in head, i in tail)
            if hit is None:
                continue
            rule, found = hit
            line.reason = rule.id
            if rule.action == "extract":
                line.fields = self.reader.read(line.text, line.folded, line.index, found)
            fired.append((i, rule))
        return fired, (head, tail)

    def finish(self, doc: Document, originals: list[str], lines: list[Line],
               fired: list[tuple[int, Rule]]) -> None:
        removed = [line for line in lines if line.reason]
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
        text = list(originals)
        for line in removed:
            text[line.number - 1] = ""
        doc.text = "\n".join(text)


class Folded:
    """The folded views of a page's lines, each folded when first asked (``fold`` equals the
    page's folding line by line), those near its ends in one piece (``prefetch``)."""

    def __init__(self, views: list[str]) -> None:
        self.views = views
        self.done: dict[int, str] = {}

    #: Lines folded around one asked for that is not folded yet: the next ones asked are
    #: its neighbours (a search for the first paragraph goes on line by line).
    CHUNK = 8

    def __getitem__(self, index: int) -> str:
        folded = self.done.get(index)
        if folded is None:
            self.prefetch(range(max(index - self.CHUNK, 0), index + self.CHUNK + 1))
            folded = self.done[index]
        return folded

    def prefetch(self, indexes: Iterable[int]) -> None:
        todo = [i for i in indexes if i not in self.done and i < len(self.views)]
        if todo:
            self.done.update(zip(todo, fold_lines([self.views[i] for i in todo])))


def copies_among(keys: dict[int, str]) -> set[int]:
    """``later_copies`` of the lines keyed in ``keys`` (index -> key, in order)."""
    seen: set[str] = set()
    copies: set[int] = set()
    for index, key in keys.items():
        if len(key) < MIN_CHARS:
            continue
        if key in seen:
            copies.add(index)
        seen.add(key)
    return copies


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
