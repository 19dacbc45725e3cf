"""Language identification on real pages: py3langid (narrate's detector until 0.x) vs CLD2.

For each page of the real-page development set (../shared/realpages: real English pages,
four of them in templates that declare "de" or "fr"), the text narrate detects from (the
title and the first blocks of the article it reads) goes to each detector whole and cut to
its first 12 and 30 words. Beside that: the one-sentence disclosures of the gTTS profiles
(one a language, about 70 languages) as a check that each detector tells other languages
apart on short text, and each detector's load time in a new process with an empty user cache
folder (nothing unpacked), median of --repeat.
Usage: python bench/language.py [--pages DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
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

from narrate.documents.read import parse_document
from narrate.errors import NarrateError
from narrate.text.language import BLOCKS_TO_DETECT, primary, read_language

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "realpages"
PROFILES = ROOT / "src" / "narrate" / "profiles"
CUTS = (12, 30, None)  # words given to the detector; None: the whole text narrate uses

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


def page_texts(pages: Path) -> list[tuple[str, str | None, str]]:
    """(file, declared language, text narrate detects from) for each page narrate reads."""
    found = []
    for entry in json.loads((pages / "index.json").read_text(encoding="utf-8")):
        html = gzip.decompress((pages / entry["file"]).read_bytes()).decode("utf-8", "replace")
        try:
            article = parse_document(html, kind="html", source=entry["file"])
        except NarrateError:
            continue
        blocks = article.blocks[:BLOCKS_TO_DETECT]
        found.append(
            (entry["file"], article.language, " ".join([article.title, *(b.text for b in blocks)]))
        )
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    detectors = {"py3langid": py3langid_detector(), "CLD2 (pycld2)": cld2_detector()}
    pages = page_texts(args.pages)
    declared_other = [(f, d) for f, d, _ in pages if d and primary(d) != "en"]
    print(f"{len(pages)} real English pages read; declared other than English: {declared_other}")
    print("| detector | load, new process, empty cache | " + " | ".join(
        f"pages read as English, {n or 'all'} words" for n in CUTS
    ) + " | disclosures (one sentence, own language) |")  # fmt: skip
    print("|---|---|" + "---|" * len(CUTS) + "---|")
    sentences = disclosures()
    wrong: dict[str, list[str]] = {}
    for name, detect in detectors.items():
        shares = []
        for words in CUTS:
            missed = [f for f, _, text in pages if detect(cut(text, words)) != "en"]
            shares.append(f"{len(pages) - len(missed)}/{len(pages)}")
            if words is None:
                wrong[name] = missed
        right = sum(detect(sentence) == language for language, sentence in sentences)
        seconds = load_seconds(LOADS[name], args.repeat)
        print(f"| {name} | {seconds:.3f} s | {' | '.join(shares)} | {right}/{len(sentences)} |")
    for name, missed in wrong.items():
        print(f"{name}: pages not read as English (whole text): {missed or 'none'}")


if __name__ == "__main__":
    main()
