"""An example cleanse plugin: one stage and one rule pack, in under 30 lines."""

import re
from pathlib import Path

from cleanse import Option, TextStage, hookimpl


class SignatureStage(TextStage):
    name = "signature"
    description = "drops the signature line example.com puts under its articles"
    after = "boilerplate"
    default_config = {"signature": r"本文由.{1,20}原创.*"}
    options = (Option("signature", "--signature", "Regex of the line to drop, e.g. '—— 完 ——'."),)

    def transform(self, text: str) -> str:
        pattern = re.compile(rf"^(?:{self.config['signature']})\n?", re.MULTILINE)
        return pattern.sub("", text)


@hookimpl
def register_stages(register):
    register(SignatureStage)


@hookimpl
def register_rule_packs(register):
    register("example-com", Path(__file__).with_name("rules.toml"))
