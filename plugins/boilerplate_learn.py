"""``cleanse learn``: find a corpus's site-template lines and write them as a rule file.

As large pre-training pipelines do (CCNet), every line is normalized (folded, lower case, digit
runs to 0, no punctuation or space) and hashed; a line whose hash recurs in at least
``--min-docs`` documents and ``--min-fraction`` of the corpus is a candidate. Recurring alone is
not enough: an article sentence quoted by many pages recurs too. A template line also sits
next to the *same* neighbour in most of its documents, while a recurring sentence has
different neighbours each time; so a candidate is kept only when one of its neighbours is the
same in at least ``--min-context`` of its occurrences (and in ``--min-docs`` documents), that
neighbour seeing it back as steadily. Neighbours are the two lines before and the two after (or
the start or end of the page), so one line unique to each page, such as its title, between two
template lines does not hide them.

No English-style "ends with a period" filter: it would drop Chinese lines.
"""

from __future__ import annotations

import fnmatch
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from cleanse_plugins.boilerplate_rules import load_rules
from cleanse_plugins.boilerplate_text import hash_normalized, normalize

START, END = "^", "$"


WINDOW = (-2, -1, 1, 2)


@dataclass
class Candidate:
    """A recurring normalized line and the lines seen around it (two before, two after)."""

    example: str = ""
    docs: int = 0
    occurrences: int = 0
    around: dict[int, Counter[str]] = field(
        default_factory=lambda: {offset: Counter() for offset in WINDOW})

    def steadiest(self) -> list[tuple[int, str, int]]:
        """For each place around this line: the most frequent line there and how often."""
        tops = []
        for offset, counter in self.around.items():
            near, count = counter.most_common(1)[0]
            tops.append((offset, near, count))
        return sorted(tops, key=lambda top: -top[2])


@dataclass(frozen=True)
class Learned:
    hash: str
    example: str
    docs: int
    context_share: float


def steady_share(key: str, candidates: dict[str, Candidate], support: float) -> float:
    """How steadily ``key`` has the same line beside it, that line agreeing (0 to 1).

    The neighbour must see ``key`` on its other side as steadily, so a sentence that happens to
    end a few pages just above a footer line does not count as part of the footer.
    """
    candidate = candidates[key]
    best = 0.0
    for offset, near, count in candidate.steadiest():
        share = count / candidate.occurrences
        if count < support or share <= best:
            continue
        if near not in (START, END):
            other = candidates.get(near)
            if other is None:
                continue
            share = min(share, other.around[-offset][key] / other.occurrences)
        best = max(best, share)
    return best


def keyed_lines(text: str) -> list[tuple[str, str]]:
    """(hash, line) of every line with something left after normalization."""
    pairs = []
    for line in text.split("\n"):
        key = normalize(line)
        if key:
            pairs.append((hash_normalized(key), line.strip()))
    return pairs


def learn_templates(texts: Iterable[str], *, min_docs: int = 3,
                    min_fraction: float = 0.01, min_context: float = 0.5) -> list[Learned]:
    """Template lines of a corpus (two passes: document counts, then candidates' neighbours)."""
    corpus = list(texts)
    frequency: Counter[str] = Counter()
    for text in corpus:
        frequency.update({key for key, _ in keyed_lines(text)})
    needed = max(min_docs, min_fraction * len(corpus))
    candidates = {key: Candidate() for key, count in frequency.items() if count >= needed}
    for text in corpus:
        pairs = keyed_lines(text)
        keys = [key for key, _ in pairs]
        seen: set[str] = set()
        for position, (key, line) in enumerate(pairs):
            candidate = candidates.get(key)
            if candidate is None:
                continue
            candidate.example = candidate.example or line
            candidate.occurrences += 1
            for offset in WINDOW:
                where = position + offset
                near = keys[where] if 0 <= where < len(keys) else (START if offset < 0 else END)
                candidate.around[offset][near] += 1
            if key not in seen:
                candidate.docs += 1
                seen.add(key)
    learned = []
    for key, candidate in candidates.items():
        share = steady_share(key, candidates, needed) if min_context else 1.0
        if share >= min_context:
            learned.append(Learned(key, candidate.example, candidate.docs, round(share, 3)))
    return sorted(learned, key=lambda item: (-item.docs, item.example))


def read_text(path: Path) -> str:
    """Corpus files are UTF-8 (with or without BOM) or GB18030; anything else is read lossily."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def corpus_files(paths: Iterable[Path], globs: tuple[str, ...]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
            continue
        for item in sorted(path.rglob("*")):
            relative = item.relative_to(path).parts
            if (not item.is_file() or any(part.startswith(".") for part in relative)
                    or item.name.endswith(".meta.json")):
                continue
            if not globs or any(fnmatch.fnmatch(item.name, pattern) for pattern in globs):
                yield item


def render(learned: list[Learned], documents: int, settings: str) -> str:
    """The rule file, in the format ``--rules`` reads (hash rules; ``example`` is for people)."""
    out = [
        f"# Written by cleanse learn from {documents} documents ({settings}).",
        "# Each rule drops a line whose normalized form hashes to `hash`; delete a rule to keep",
        "# its line. Use it with: cleanse run --rules THIS_FILE ...",
        "",
        "[pack]",
        'name = "learned"',
    ]
    for item in learned:
        out += [
            "",
            "[[rules]]",
            f'id = "learned-{item.hash}"',
            'kind = "hash"',
            f'hash = "{item.hash}"',
            f"example = {json.dumps(item.example, ensure_ascii=False)}",
            f"docs = {item.docs}",
        ]
    return "\n".join(out) + "\n"


@click.command("learn")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the rule file here, e.g. -o site-rules.toml.")
@click.option("--min-docs", type=click.IntRange(min=1), default=3, show_default=True,
              help="A template line recurs in at least this many documents, e.g. --min-docs 5.")
@click.option("--min-fraction", type=click.FloatRange(0, 1), default=0.01, show_default=True,
              help="...and in at least this share of the corpus, e.g. --min-fraction 0.02.")
@click.option("--min-context", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="...and has the same neighbour line in this share of its occurrences "
                   "(0 turns the check off), e.g. --min-context 0.6.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="In directories, read only files matching this (repeatable), "
                   "e.g. --glob '*.txt'.")
def learn(paths: tuple[Path, ...], output: Path, min_docs: int, min_fraction: float,
          min_context: float, globs: tuple[str, ...]) -> None:
    """Learn a corpus's boilerplate: write the lines that recur across documents as rules.

    \b
      cleanse learn pages/ -o site-rules.toml
      cleanse run pages/ -o clean/ --rules site-rules.toml
    """
    files = list(corpus_files(paths, globs))
    if not files:
        raise click.UsageError("no documents found in the given PATHs")
    try:
        texts = [read_text(path) for path in files]
    except OSError as error:
        raise click.UsageError(f"cannot read the corpus: {error}") from None
    learned = learn_templates(texts, min_docs=min_docs, min_fraction=min_fraction,
                              min_context=min_context)
    settings = (f"--min-docs {min_docs} --min-fraction {min_fraction} "
                f"--min-context {min_context}")
    output.write_text(render(learned, len(texts), settings), encoding="utf-8")
    load_rules(output)
    click.echo(f"cleanse learn: {len(learned)} template lines from {len(texts)} documents "
               f"written to {output}", err=True)
