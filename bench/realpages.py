"""How much of real pages narrate reads, against trafilatura alone: ../shared/realpages.

The set (168 real English pages from trafilatura's own evaluation data) gives, for each page,
passages that must be read (`with`: the article) and passages that must not (`without`: menus,
bylines, related links, comments). A passage counts as read when it appears in the text,
matched ignoring case, whitespace, quote style and dashes. Rows:

- narrate: the text `narrate script` prints (planning.script_for, in process), title included;
- trafilatura alone: `trafilatura.extract` on the raw page, with its defaults.

For each: pages left empty (of those with `with` passages), the share of `with` passages read,
the share of `without` passages read, and the pages that lose the most (`with` missed plus
`without` read). `--ablate` reads every page again with each cleaning rule of narrate switched
off in turn (ReadOptions.html_rules; the article as read, title and blocks, for speed)
and prints the change: a rule earns its place only when
switching it off makes the figures worse. `--listen N` narrates N pages with the default voice
and prints the listener's word error rate against narrate's own spoken script, so that what the
voice and the text rules get wrong is told apart from what extraction gets wrong.

Usage: python bench/realpages.py [--ablate] [--worst K] [--listen N] [--set DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SET = REPO.parent / "shared" / "realpages"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-", "\u00a0": " "})  # fmt: skip

Reader = Callable[[Path], str]


@dataclass(frozen=True)
class Page:
    name: str
    path: Path  # the page, unpacked to a .html file
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True)
class PageScore:
    name: str
    empty: bool
    with_read: int
    with_total: int
    without_read: int
    without_total: int

    @property
    def loss(self) -> int:
        return (self.with_total - self.with_read) + self.without_read


def simple(text: str) -> str:
    """`text` for matching: one quote style, lower case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(text.split())


def load_pages(folder: Path, unpacked: Path) -> list[Page]:
    """The pages of the set, each unpacked to `unpacked`/NAME.html."""
    pages = []
    for entry in json.loads((folder / "index.json").read_text(encoding="utf-8")):
        source = folder / entry["file"]
        name = source.name.removesuffix(".gz").removesuffix(".html")
        target = unpacked / f"{name}.html"
        target.write_bytes(gzip.decompress(source.read_bytes()))
        pages.append(Page(name, target, tuple(entry["with"]), tuple(entry["without"])))
    return pages


def narrate_reader(rules: frozenset[str] | None = None) -> Reader:
    """What `narrate script` prints for a page, with the given HTML cleaning rules."""
    from narrate.documents.options import ReadOptions
    from narrate.errors import NarrateError
    from narrate.planning import NarrationSettings, script_for
    from narrate.text.script_export import script_as_text

    settings = NarrationSettings(read=ReadOptions(html_rules=rules))

    def read(path: Path) -> str:
        try:
            _, script = script_for(path, settings, warn=lambda message: None)
        except NarrateError:
            return ""
        return script_as_text(script)

    return read


def article_reader(rules: frozenset[str] | None = None) -> Reader:
    """The article's title and blocks as read (what the script is made of): for the ablation,
    without the cost of normalizing every sentence once per rule."""
    from narrate.documents.options import ReadOptions
    from narrate.documents.read import read_article
    from narrate.errors import NarrateError

    options = ReadOptions(html_rules=rules)

    def read(path: Path) -> str:
        try:
            article = read_article(path, options)
        except NarrateError:
            return ""
        return "\n".join([article.title, *(block.text for block in article.blocks)])

    return read


def trafilatura_reader(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or ""


def score_page(page: Page, text: str) -> PageScore:
    said = simple(text)
    return PageScore(
        page.name,
        not said.strip(),
        sum(simple(p) in said for p in page.with_),
        len(page.with_),
        sum(simple(p) in said for p in page.without),
        len(page.without),
    )


def evaluate(read: Reader, pages: list[Page]) -> list[PageScore]:
    return [score_page(page, read(page.path)) for page in pages]


@dataclass(frozen=True)
class Summary:
    empty: int
    with_share: float
    without_share: float


def summarize(scores: list[PageScore]) -> Summary:
    with_total = sum(s.with_total for s in scores) or 1
    without_total = sum(s.without_total for s in scores) or 1
    return Summary(
        sum(s.empty and s.with_total > 0 for s in scores),
        sum(s.with_read for s in scores) / with_total,
        sum(s.without_read for s in scores) / without_total,
    )


def print_row(label: str, summary: Summary, baseline: Summary | None = None) -> None:
    line = (
        f"{label:<32} {summary.empty:>5d} {100 * summary.with_share:>7.1f}% "
        f"{100 * summary.without_share:>8.1f}%"
    )
    if baseline is not None:
        line += (
            f"   {summary.empty - baseline.empty:+d} empty, "
            f"{100 * (summary.with_share - baseline.with_share):+.1f} with, "
            f"{100 * (summary.without_share - baseline.without_share):+.1f} without"
        )
    print(line, flush=True)


def print_worst(label: str, scores: list[PageScore], count: int) -> None:
    print(f"\n{label}: the {count} pages that lose the most (with missed, without read)")
    for s in sorted(scores, key=lambda s: (-s.loss, s.name))[:count]:
        missed = s.with_total - s.with_read
        note = "  EMPTY" if s.empty else ""
        print(f"  {s.name:<48} {missed:>2}/{s.with_total} missed, "
              f"{s.without_read:>2}/{s.without_total} extra{note}")  # fmt: skip


def ablation(pages: list[Page], rules: list[str]) -> None:
    """The article as read with each of `rules` switched off in turn, against all rules on."""
    from narrate.documents.html import CLEANING_RULES

    print("\nAblation: the article as read, each rule off in turn (deltas against all on)")
    everything = summarize(evaluate(article_reader(), pages))
    print_row("  all rules", everything)
    for rule in rules:
        scores = evaluate(article_reader(frozenset(CLEANING_RULES - {rule})), pages)
        print_row(f"  without {rule}", summarize(scores), everything)


def quality(pages: list[Page], ablate: bool, worst: int) -> None:
    from narrate.documents.html import CLEANING_RULES

    print(f"{len(pages)} real pages; passages matched ignoring case, whitespace and quotes")
    print(f"{'reader':<32} {'empty':>5} {'with':>8} {'without':>9}")
    started = time.perf_counter()
    ours = evaluate(narrate_reader(), pages)
    seconds = time.perf_counter() - started
    baseline = summarize(ours)
    print_row("narrate script", baseline)
    alone = evaluate(trafilatura_reader, pages)
    print_row("trafilatura alone (defaults)", summarize(alone))
    print(f"(narrate: {seconds / len(pages):.2f} s a page)")
    print_worst("narrate script", ours, worst)
    print_worst("trafilatura alone", alone, worst)
    if ablate:
        ablation(pages, sorted(CLEANING_RULES))


def listen(pages: list[Page], count: int, sentences: int) -> None:
    """Narrate `count` pages (the shortest with an article) with the default voice and print
    the listener's word error rate against narrate's own spoken script, page by page."""
    import numpy as np

    sys.path.insert(0, str(REPO / "tests"))
    from listener import canonical, load_listener

    from narrate.engines.registry import create_engine
    from narrate.errors import NarrateError
    from narrate.planning import NarrationSettings, script_for
    from narrate.voices import get_voice

    settings = NarrationSettings()
    engine = create_engine(get_voice(settings.voice))
    listener = load_listener()
    chosen = sorted((p for p in pages if p.with_), key=lambda p: p.path.stat().st_size)[:count]
    errors = words = 0
    print(f"listener (Whisper tiny.en) against the script, first {sentences} sentences a page")
    for page in chosen:
        try:
            _, script = script_for(page.path, settings, warn=lambda message: None)
        except NarrateError as error:
            print(f"  {page.name:<48} not narrated: {error}")
            continue
        said = [s.spoken for s in script.sentences()][:sentences]
        audio = np.concatenate([engine.synthesize(text) for text in said])
        heard = canonical(listener.hear(audio, engine.sample_rate))
        meant = canonical(" ".join(said))
        distance = edit_distance(meant, heard)
        errors, words = errors + distance, words + len(meant)
        print(f"  {page.name:<48} WER {distance / max(1, len(meant)):.3f} ({len(meant)} words)")
    print(f"pooled WER {errors / max(1, words):.3f} over {words} words", flush=True)


def edit_distance(meant: list[str], heard: list[str]) -> int:
    """Word-level Levenshtein distance (substitutions, insertions, deletions)."""
    previous = list(range(len(heard) + 1))
    for i, word in enumerate(meant, 1):
        current = [i]
        for j, other in enumerate(heard, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (word != other)))  # fmt: skip
        previous = current
    return previous[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the development set")
    parser.add_argument("--ablate", action="store_true", help="switch each rule off in turn")
    parser.add_argument("--rules", help="only the ablation, of these rules (comma-separated)")
    parser.add_argument("--worst", type=int, default=10, help="pages listed that lose the most")
    parser.add_argument("--listen", type=int, default=0, help="narrate N pages and listen")
    parser.add_argument("--sentences", type=int, default=40, help="sentences a page listened to")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="realpages-") as folder:
        pages = load_pages(args.set, Path(folder))
        if args.rules:
            ablation(pages, args.rules.split(","))
        elif args.listen:
            listen(pages, args.listen, args.sentences)
        else:
            quality(pages, args.ablate, args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
