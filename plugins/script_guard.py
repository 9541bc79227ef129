"""Lines whose conversion makes mojibake: left unconverted, so cleaning twice equals once.

A conversion can turn text the ``mojibake`` stage leaves alone into a run it repairs: the
traditional 緗勬噰 is no sign of anything, but its simplification 缃勬噰 is, byte for byte, the
UTF-8 of 罄懇 read as GBK. ``mojibake`` runs before ``script``, so a second cleaning would
repair what the first one made. The stage keeps such a line as it was, with a warning.

Cost: one scan for the signs of mojibake's repair passes over the changed lines (a conversion
changes only Han characters, so entities and hashtags are not its doing); clean conversions
show none. Only a line that shows one is run through the ``mojibake`` stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleanse import Document


def may_show_sign(text: str) -> bool:
    """Whether ``text`` shows a sign of a run a mojibake repair pass acts on; ``False`` proves
    there is nothing to check."""
    from cleanse_plugins import mojibake

    return mojibake.shows_repair_sign(text)


def mojibake_made(pairs: Sequence[tuple[str, str]]) -> list[int]:
    """Indexes of the (before, after) line pairs whose ``after`` the mojibake stage changes
    and whose ``before`` it leaves as it is."""
    if not pairs or not may_show_sign("\n".join(after for _, after in pairs)):
        return []
    from cleanse_plugins import mojibake

    stage = mojibake.MojibakeStage()

    def repaired(line: str) -> bool:
        return stage(Document(source="<script>", text=line)).text != line

    return [index for index, (before, after) in enumerate(pairs)
            if may_show_sign(after) and repaired(after) and not repaired(before)]
