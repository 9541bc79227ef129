"""Regenerate ``data/boilerplate_zh.facts.json``: what compiling the shipped pack's regex rules
gives (folded pattern, the strings a match needs, the characters it starts with).

With them a process compiles a rule's regex on its first search, and only for a line that may
hold a string the rule needs, instead of folding, parsing, checking and compiling all of them
before its first page. Run ``python -m cleanse_plugins.boilerplate_build_pack`` after editing
``data/boilerplate_zh.toml``; tests/test_boilerplate_facts.py fails until it is run (a rule
whose pattern changed since is compiled and checked as before in the meantime).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cleanse_plugins.boilerplate import PACK, PACK_FACTS
from cleanse_plugins.boilerplate_rules import Facts, load_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def derive(pack: Path = PACK) -> Facts:
    """The facts of ``pack``'s regex rules, from loading it with every check."""
    sources = {str(table["id"]): table["pattern"]
               for table in tomllib.loads(pack.read_text("utf-8")).get("rules", [])
               if table.get("kind", "regex") == "regex"}
    return {rule.id: {"source": sources[rule.id], "pattern": rule.pattern,
                      "needs": None if rule.needs is None else sorted(rule.needs),
                      "starts": None if rule.starts is None else sorted(rule.starts)}
            for rule in load_rules(pack).regex_rules}


def render(facts: Facts) -> str:
    return json.dumps(facts, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    PACK_FACTS.write_text(render(derive()), "utf-8")
    print(f"wrote {PACK_FACTS.name}: {len(derive())} rules")


if __name__ == "__main__":
    main()
