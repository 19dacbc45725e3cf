"""The snippet's sentence finder (templates/find.js) on real pages, against --inject's.

For each page of the development set (../shared/realpages: real pages saved with all their
boilerplate), narrate's script is made from the page as `narrate script` would, then the
sentences are looked for in the page two ways: by `--inject` (publish/inject.py, on the HTML
source: the baseline) and by the snippet's script in headless Chromium on the page as the
browser builds it (without the page's own scripts: every request is refused, so nothing is
fetched, and scripts whose requests fail wipe some pages). Prints, per way, the
share of spoken sentences marked, over all pages and as a median per page, and how many of the
finder's marks hold other words than their sentence (none expected).

Usage: python bench/readalong_find.py [--pages N] [--only NAME]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import tempfile
from pathlib import Path

from narrate.documents.read import read_article
from narrate.errors import NarrateError
from narrate.publish.inject import inject_readalong
from narrate.publish.player import asset
from narrate.text.script import build_script

REALPAGES = Path(__file__).resolve().parents[2] / "shared" / "realpages"
LETTERS = re.compile(r"[\W_]+")
SCRIPTS = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
FIND = """(sentences) => {
    const player = document.createElement('div');
    player.id = 'narrate-player';
    document.body.appendChild(player);
    narrateFind(sentences.map(([id, text]) => ({id, text})), player, null);
    const marks = {};
    document.querySelectorAll('[data-narrate-sentence]').forEach((el) => {
        const id = el.getAttribute('data-narrate-sentence');
        marks[id] = (marks[id] || '') + el.textContent;
    });
    return marks;
}"""


def key(text: str) -> str:
    return LETTERS.sub("", text).casefold()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60, help="how many pages (in index order)")
    parser.add_argument("--only", default="", help="only the pages whose file name has this")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    entries = json.loads((REALPAGES / "index.json").read_text(encoding="utf-8"))
    entries = [e for e in entries if args.only in e["file"]][: args.pages]
    finder = asset("find.js")
    totals = {"inject": 0, "find": 0, "spoken": 0, "wrong": 0}
    shares: dict[str, list[float]] = {"inject": [], "find": []}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        context = browser.new_context()
        context.route("**/*", lambda route: route.abort())
        for entry in entries:
            source = gzip.decompress((REALPAGES / entry["file"]).read_bytes()).decode(
                "utf-8", "replace"
            )
            path = Path(folder) / "page.html"
            path.write_text(source, encoding="utf-8")
            try:
                script = build_script(read_article(str(path)), max_chars=400)
            except NarrateError:
                continue
            sentences = [(s.id, s.text) for s in script.sentences() if s.text != script.disclosure]
            if not sentences:
                continue
            injected = inject_readalong(source, "<div id='narrate-player'></div>", sentences)
            by_inject = set(re.findall(r'data-narrate-sentence="(s\d+)"', injected))
            page = context.new_page()
            try:
                page.set_content(SCRIPTS.sub("", source), wait_until="domcontentloaded")
                page.add_script_tag(content=finder)
                marks = page.evaluate(FIND, sentences)
            except Exception as error:  # a page that hangs or breaks the browser: skip it
                print(f"{entry['file']}: skipped ({type(error).__name__})")
                continue
            finally:
                page.close()
            texts = dict(sentences)
            totals["spoken"] += len(sentences)
            totals["inject"] += len(by_inject)
            totals["find"] += len(marks)
            totals["wrong"] += sum(key(t) != key(texts[i]) for i, t in marks.items())
            shares["inject"].append(len(by_inject) / len(sentences))
            shares["find"].append(len(marks) / len(sentences))
        browser.close()
    pages = len(shares["find"])
    print(f"{pages} pages, {totals['spoken']} spoken sentences (the disclosure left out)")
    for way, label in (("inject", "--inject (source)"), ("find", "snippet (live page)")):
        share = totals[way] / max(totals["spoken"], 1)
        median = statistics.median(shares[way]) if pages else 0.0
        print(f"{label:20} marked {totals[way]:5} ({share:.1%}), median per page {median:.1%}")
    ratio = totals["find"] / max(totals["inject"], 1)
    print(f"snippet / --inject: {ratio:.3f}; snippet marks on other words: {totals['wrong']}")


if __name__ == "__main__":
    main()
