"""Lines in Japanese or Korean: their kanji and hanja are not Chinese in another script.

OpenCC converts every Han character it knows, whatever the language around it: ``t2s`` turns
the Japanese 開発 into 开発 and 言語 into 言语 (words of no language), and the Korean 亞 or
우아(優雅) into Chinese forms. So a line holding kana (Japanese) or Hangul (Korean) is left as it
is; the katakana middle dot ・ and the long-vowel mark ー do not count, Chinese text uses them
(史蒂夫・乔布斯).

Each line is judged on its own, as ``hashtags`` will leave it (``#東京は…`` is no Japanese
line once the tag is gone: a second cleaning would convert it). A line of Han characters only on
a Japanese page (a title, 開発者紹介) is converted: a judgement by the page (most of its lines
are Japanese) would change when a later stage removes lines (a copy, a menu), and cleaning twice
must equal cleaning once. For a Japanese or Korean corpus, use ``--to keep``.

Cost: one search for kana or Hangul over the text; a Chinese page has none, and nothing else runs.
"""

from __future__ import annotations

import re

from cleanse_plugins.later_stages import later_view

KANA = re.compile("[\u3040-\u309f\u30a0-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
FOREIGN = re.compile(f"{KANA.pattern}|{HANGUL.pattern}")


def foreign_lines(text: str, han: re.Pattern[str]) -> dict[int, str]:
    """The lines (0-based) with a Han character (``han``) that are Japanese or Korean, each
    with its language (``japanese`` or ``korean``)."""
    if FOREIGN.search(text) is None:
        return {}
    found: dict[int, str] = {}
    for index, line in enumerate(text.split("\n")):
        if han.search(line) is None:
            continue
        view = later_view(line)
        if KANA.search(view):
            found[index] = "japanese"
        elif HANGUL.search(view):
            found[index] = "korean"
    return found

