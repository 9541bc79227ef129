"""Regenerate ``data/boilerplate_zh.facts.json``: what loading the shipped pack gives (a regex
rule's folded pattern, the strings a match needs, the characters it starts with; the folded
field labels).

With them a process compiles a rule's regex on its first search, and only for a line that may
hold a string the rule needs, instead of folding, parsing, checking and compiling all of them
before its first page. Run ``python -m cleanse_plugins.boilerplate_build_pack`` after editing
``data/boilerplate_zh.toml``; tests/test_boilerplate_facts.py fails until it is run (a rule
whose pattern changed, or a changed ``[fields]`` table, is compiled, checked and folded as
before in the meantime).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from cleanse_plugins.boilerplate import PACK, PACK_FACTS
from cleanse_plugins.boilerplate_literals import sre
from cleanse_plugins.boilerplate_rules import Facts, line_width, load_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def derive(pack: Path = PACK) -> Facts:
    """The facts of ``pack``, from loading it with every check."""
    data = tomllib.loads(pack.read_text("utf-8"))
    sources = {str(table["id"]): table["pattern"] for table in data.get("rules", [])
               if table.get("kind", "regex") == "regex"}
    loaded = load_rules(pack)
    rules = {rule.id: {"source": sources[rule.id], "pattern": rule.pattern,
                       "needs": None if rule.needs is None else sorted(rule.needs),
                       "starts": None if rule.starts is None else sorted(rule.starts),
                       "width": line_width(sre.parse(rule.pattern))
                       if rule.match == "line" else None}
             for rule in loaded.regex_rules}
    fields = {"source": data.get("fields", {}), "labels": loaded.labels,
              "placeholders": sorted(loaded.placeholders)}
    return {"rules": rules, "fields": fields,
            "sha256": hashlib.sha256(pack.read_bytes()).hexdigest(), "data": data}


def render(facts: Facts) -> str:
    return json.dumps(facts, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    PACK_FACTS.write_text(render(derive()), "utf-8")
    print(f"wrote {PACK_FACTS.name}")


if __name__ == "__main__":
    main()
