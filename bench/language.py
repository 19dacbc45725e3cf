"""Language identification on real pages: py3langid (narrate's detector until 0.x) vs CLD2.

For each page of the real-page development set (../shared/realpages: real English pages,
four of them in templates that declare "de" or "fr"), the text narrate detects from (the
title and the first blocks of the article it reads) goes to each detector whole and cut to
its first 12 and 30 words. Other languages: the project's own extraction pages that declare
one (tests/data/extraction, German, Spanish, French, Italian, Japanese, Korean, Polish,
Portuguese, Chinese; written here, so a check, not a measure) and the one-sentence
disclosures of the gTTS profiles that have one. Then each detector's load time in a new
process with an empty user cache folder (nothing unpacked), median of --repeat, and what
narrate now decides for the real pages that declare a language other than English.
Usage: python bench/language.py [--pages DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

from narrate.documents.article import Article
from narrate.documents.read import parse_document
from narrate.errors import NarrateError
from narrate.text.language import LanguageDetector, detection_text, primary, read_language

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "realpages"
PROFILES = ROOT / "src" / "narrate" / "profiles"
OTHER_PAGES = ROOT / "tests" / "data" / "extraction"
CUTS = (12, 30, None)
# The set's README calls every page English; this one's article is German (read by hand).
TRUE_LANGUAGE = {
    "pages/hr-innovation.org.enterprise.html.gz": "de"
}  # words given to the detector; None: the whole text narrate uses

# A new process each: import, load the model, classify one sentence.
LOADS = {
    "py3langid": "from py3langid.langid import LanguageIdentifier, MODEL_FILE\n"
    "LanguageIdentifier.from_model_file(MODEL_FILE).classify('The council met today.')",
    "CLD2 (pycld2)": "import pycld2\npycld2.detect('The council met today.')",
}


def py3langid_detector() -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return lambda text: str(identifier.classify(text)[0])


def cld2_detector() -> Callable[[str], str]:
    """narrate's detector (text/language.py), "un" where CLD2 cannot tell."""
    return lambda text: read_language(text).language or "un"


def real_pages(pages: Path) -> list[Article]:
    """The real pages narrate reads (the one it finds no article in is left out)."""
    found = []
    for entry in json.loads((pages / "index.json").read_text(encoding="utf-8")):
        html = gzip.decompress((pages / entry["file"]).read_bytes()).decode("utf-8", "replace")
        with contextlib.suppress(NarrateError):
            found.append(parse_document(html, kind="html", source=entry["file"]))
    return found


def other_language_pages() -> list[Article]:
    """The extraction pages written here that declare a language other than English."""
    found = []
    for path in sorted(OTHER_PAGES.rglob("*.html")):
        article = parse_document(path.read_text(encoding="utf-8"), kind="html", source=path.name)
        if article.language and primary(article.language) != "en":
            found.append(article)
    return found


def disclosures() -> list[tuple[str, str]]:
    """(language, sentence) from each gTTS profile: one short sentence a language."""
    found = []
    for path in sorted(PROFILES.glob("gtts-*.toml")):
        profile = tomllib.loads(path.read_text(encoding="utf-8"))
        if "disclosure" in profile:
            found.append((primary(profile["language"]), profile["disclosure"]))
    return found


def load_seconds(code: str, repeat: int) -> float:
    """Median wall time of `code` in a new process whose user cache folder is empty."""
    walls = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache}
            timed = f"import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
            out = subprocess.run(
                [sys.executable, "-c", timed], env=env, capture_output=True, text=True, check=True
            )
            walls.append(float(out.stdout.strip()))
    return statistics.median(walls)


def cut(text: str, words: int | None) -> str:
    return text if words is None else " ".join(text.split()[:words])


def score(detect: Callable[[str], str], cases: list[tuple[str, str, str]], words: int | None):
    """("right/all", the names of the cases read wrong) for (name, language, text) cases."""
    wrong = [name for name, language, text in cases if detect(cut(text, words)) != language]
    return f"{len(cases) - len(wrong)}/{len(cases)}", wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    detectors = {"py3langid": py3langid_detector(), "CLD2 (pycld2)": cld2_detector()}
    pages = real_pages(args.pages)
    english = [(a.source, TRUE_LANGUAGE.get(a.source, "en"), detection_text(a)) for a in pages]
    others = [
        (a.source, primary(a.language or ""), detection_text(a)) for a in other_language_pages()
    ]
    sentences = [(language, language, text) for language, text in disclosures()]
    print(
        f"{len(english)} real pages (English but one); {len(others)} pages in other languages; "
        f"{len(sentences)} disclosure sentences. Right / all:"
    )
    columns = [f"real pages, {n} words" if n else "real pages, all" for n in CUTS]
    columns += ["other languages, 12 words", "other languages, all", "disclosures"]
    print(f"| detector | load (new process, empty cache) | {' | '.join(columns)} |")
    print("|---|---|" + "---|" * len(columns))
    wrong: dict[str, list[str]] = {}
    for name, detect in detectors.items():
        results = [score(detect, english, n) for n in CUTS]
        results += [score(detect, others, 12), score(detect, others, None)]
        results.append(score(detect, sentences, None))
        cells = [cell for cell, _ in results]
        seconds = load_seconds(LOADS[name], args.repeat)
        print(f"| {name} | {seconds:.3f} s | {' | '.join(cells)} |")
        wrong[name] = [*results[2][1], *results[4][1], *results[5][1]]
    for name, missed in wrong.items():
        print(f"{name} read wrong (whole texts): {', '.join(missed) or 'none'}")
    print("real pages declaring another language, as narrate now reads them:")
    for article in pages:
        if article.language and primary(article.language) != "en":
            notes: list[str] = []
            found = LanguageDetector().declared(article, notes.append).language
            shares = read_language(detection_text(article)).shares
            print(f"- {article.source}: declares {article.language!r}, text {shares}: {found!r}")


if __name__ == "__main__":
    main()
