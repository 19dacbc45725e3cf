"""Hostile input: does the work of reading and planning grow linearly with the input?

Each case builds an input built to make a parser or a splitter do more than linear work, at
sizes doubling from --start to --stop units (5,000 to 40,000 by default), and times the stage
that reads it, best of --repeat runs, in CPU seconds of this process (the work is
single-threaded; on a machine shared with other jobs, wall time measures the neighbours more
than the work). Printed: the time at each size and its ratio to the size before; linear
work gives about 2x per doubling, and the target is at most about 2.5x (a quadratic step
gives 4x). The last line names the cases over the target.

    python bench/hostile.py [--start 5000] [--stop 40000] [--repeat 2] [--case NAME]
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable

from narrate.documents.article import Article, Block, BlockKind
from narrate.documents.html import parse_html
from narrate.documents.markdown import parse_markdown
from narrate.errors import ArticleError
from narrate.text.script import build_script
from narrate.text.sentences import split_for_engine, split_sentences

TARGET_RATIO = 2.5
ARTICLE = "<p>" + "The harbor ferry runs again after a winter of repairs, the council said. " * 3
ARTICLE += "</p>"
WORDS = ("harbor", "ferry", "council", "repairs", "winter", "morning", "island", "crossing")


def _words(count: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] + str(i % 97) for i in range(count))


def _page(body: str) -> str:
    head = "<html><head><title>Ferry</title></head>"
    return f"{head}<body><article><h1>Ferry</h1>{body}</article></body></html>"


def nested_divs(units: int) -> Callable[[], object]:
    """`units` <div>s, each inside the one before, the article text at the bottom."""
    page = _page("<div>" * units + ARTICLE + "</div>" * units)
    return lambda: parse_html(page, source="nested.html")


def flat_paragraphs(units: int) -> Callable[[], object]:
    """`units` distinct <p>s side by side (a 2.27 MB page at 30,000)."""
    body = "".join(
        f"<p>Paragraph {i} of the long report on the harbor ferry.</p>" for i in range(units)
    )
    page = _page(body)
    return lambda: parse_html(page, source="flat.html")


def headings(units: int) -> Callable[[], object]:
    """`units` <h2>s, then one paragraph: each heading looked ahead for its paragraph."""
    body = "".join(f"<h2>Part {i}</h2>" for i in range(units)) + ARTICLE
    page = _page(body)
    return lambda: parse_html(page, source="headings.html")


def line_breaks(units: int) -> Callable[[], object]:
    """One paragraph of `units` lines parted by <br>."""
    page = _page("<p>" + "<br>".join(f"Line {i} of the poem" for i in range(units)) + "</p>")
    return lambda: parse_html(page, source="lines.html")


def unpunctuated(units: int) -> Callable[[], object]:
    """A paragraph of `units` words (about 6 characters each) with no full stop."""
    text = _words(units)
    return lambda: split_sentences(text)


def unpunctuated_script(units: int) -> Callable[[], object]:
    """The same paragraph through the whole text stage: sentences, normalization, chunks."""
    article = Article(title="Ferry", blocks=(Block(BlockKind.PARAGRAPH, _words(units)),))
    return lambda: build_script(article, max_chars=400)


def long_sentence(units: int) -> Callable[[], object]:
    """A sentence of `units` words, cut for an engine that takes 400 characters."""
    text = _words(units)
    return lambda: split_for_engine(text, 400)


def alias_front_matter(units: int) -> Callable[[], object]:
    """Front matter with `units` anchors, each list aliasing the one before (refused)."""
    lines = ["---", "a0: &a0 [lol]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, units)]
    text = "\n".join([*lines, "---", "", "# Ferry", "", "The ferry runs."])

    def read() -> object:
        try:
            return parse_markdown(text, source="bomb.md")
        except ArticleError as error:
            return error

    return read


def markdown_emphasis(units: int) -> Callable[[], object]:
    """A Markdown paragraph of `units` unclosed emphasis openers (`*a **b`)."""
    text = "# Ferry\n\n" + "*a **b " * units + "\n"
    return lambda: parse_markdown(text, source="emphasis.md")


def markdown_brackets(units: int) -> Callable[[], object]:
    """A Markdown paragraph of `units` unclosed link openers (`[a](`)."""
    text = "# Ferry\n\n" + "[a](" * units + "\n"
    return lambda: parse_markdown(text, source="brackets.md")


CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    "nested <div>s": nested_divs,
    "flat <p>s": flat_paragraphs,
    "<h2>s": headings,
    "<br> lines": line_breaks,
    "unpunctuated words": unpunctuated,
    "unpunctuated script": unpunctuated_script,
    "long sentence words": long_sentence,
    "front matter aliases": alias_front_matter,
    "Markdown emphasis": markdown_emphasis,
    "Markdown brackets": markdown_brackets,
}


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=5000)
    parser.add_argument("--stop", type=int, default=40000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    sizes = []
    size = args.start
    while size <= args.stop:
        sizes.append(size)
        size *= 2
    over: list[str] = []
    print(f"{'case':<22}" + "".join(f"{s:>16,}" for s in sizes) + f"{'worst ratio':>13}")
    for name in args.case or CASES:
        times = [best_time(CASES[name](size), args.repeat) for size in sizes]
        ratios = [b / a if a > 0 else float("inf") for a, b in itertools.pairwise(times)]
        cells = [f"{times[0]:>9.3f} s      "] + [
            f"{t:>9.3f} s x{r:<4.1f}" for t, r in zip(times[1:], ratios, strict=True)
        ]
        worst = max(ratios, default=0.0)
        print(f"{name:<22}" + "".join(f"{c:>16}" for c in cells) + f"{worst:>12.2f}x", flush=True)
        if worst > TARGET_RATIO:
            over.append(name)
    print(f"over {TARGET_RATIO}x per doubling: {', '.join(over) or 'none'}")


if __name__ == "__main__":
    main()
