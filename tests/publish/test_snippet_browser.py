"""The player on a page narrate never rewrote, in a real headless Chromium: the reference
article is narrated, then its text is put into another site's template the way a CMS would
(other wrappers and classes, an ad and a related-links box between paragraphs, curly quotes,
entities, `<strong>` and `<a>` across words, other whitespace), and the snippet, or the one
`<script>` tag with the manifest's address, is pasted into it. The script must find and mark
the sentences itself; then the controls, lock-screen session, compact player, themes and
axe-core's accessibility check are tried on it."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from browser_support import (
    CURRENT,
    CURRENT_TIME,
    METADATA,
    PAUSE,
    SEEK,
    TEXT_WITHOUT_PLAYER,
    WORD,
    Visit,
    axe_or_skip,
    chromium_or_skip,
    launch_browser,
)
from range_server import serve

from narrate.make_player import PlayerOptions, make_player
from narrate.pipeline import NarrationSettings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
chromium = pytest.fixture(scope="module", name="chromium")(chromium_or_skip)
browser = pytest.fixture(scope="module", name="browser")(launch_browser)

ARTICLE = Path(__file__).parent.parent / "data" / "pages" / "news_sidebar_related.html"
TARGET_SHARE = 0.95
SCREENSHOTS = Path("/work")  # a copy of the player's pictures, when that folder is there
AD = (
    '<div class="ad-slot ad-inline" data-ad="mid1"><p class="ad-label">Advertisement</p>'
    "<p>Save 20% on flood insurance this spring.</p></div>"
)
RELATED = (
    '<aside class="wp-block-related"><h4>Read more</h4><ul><li><a href="/x">City wins '
    "federal grant for flood protection</a></li><li><a href='/y'>Mill Street shops reopen"
    "</a></li></ul></aside>"
)
COMMENTS = [
    "Finally! My basement has flooded twice since I moved here.",
    "Who pays for the maintenance once the grant money is gone?",
    "The river walk closing for two years is a steep price for the shops.",
    "Six feet will not be enough if we get another spring like 2019.",
    "Good to see the council act instead of commissioning another study.",
    "Will the panels be stored near the river, or trucked in every time?",
] * 3
LETTERS = re.compile(r"[\W_]+")
# The page's marks, joined per sentence id (outside the player).
PAGE_MARKS = """() => {
    const player = document.getElementById('narrate-player');
    const marks = {};
    document.querySelectorAll('[data-narrate-sentence]').forEach((el) => {
        if (player.contains(el)) return;
        const id = el.getAttribute('data-narrate-sentence');
        marks[id] = (marks[id] || '') + el.textContent;
    });
    return marks;
}"""
RECORD_SESSION = """() => {
    window.narrateActions = {};
    const session = navigator.mediaSession;
    const set = session.setActionHandler.bind(session);
    session.setActionHandler = (action, handler) => {
        window.narrateActions[action] = handler;
        set(action, handler);
    };
}"""
AXE_RUN = """async (theme) => {
    const result = await axe.run('#narrate-player');
    return result.violations.map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.length}));
}"""


def key(text: str) -> str:
    return LETTERS.sub("", text).casefold()


def cms_text(text: str, index: int) -> str:
    """A paragraph as a CMS writes it: curly quotes, entities, a <strong> and a link across
    words, and line breaks and double spaces where the original had single spaces."""
    words = []
    quote_open = True
    for word in text.split():
        word = html.escape(word, quote=False).replace("'", "&rsquo;")
        while '"' in word:
            word = word.replace('"', "&ldquo;" if quote_open else "\u201d", 1)
            quote_open = not quote_open
        words.append(word)
    if len(words) > 8:
        words[1] = "<strong>" + words[1]
        words[3] += "</strong>"
        words[5] = f'<a href="/topic/{index}" class="tag-link">' + words[5]
        words[6] += "</a>"
    gaps = ("\n        " if i % 7 == 6 else "  " if i % 3 == 2 else " " for i in range(len(words)))
    spaced = [word + gap for word, gap in zip(words, gaps, strict=True)]
    return "".join(spaced).strip().replace(" million", "&nbsp;million")


def cms_page(player: str) -> str:
    """The reference article in a WordPress-like template, `player` pasted after the title."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(ARTICLE.read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one("h1").get_text()
    blocks = []
    for index, paragraph in enumerate(soup.select(".story-body > p")):
        blocks.append(f'<p class="has-text-align-left">{cms_text(paragraph.get_text(), index)}</p>')
        if index == 1:
            blocks.append(AD)
        if index == 4:
            blocks.append(RELATED)
    body = "\n      ".join(blocks)
    comments = "".join(
        f'<div class="comment"><p class="says">Reader {n} says:</p><p>{text}</p></div>'
        for n, text in enumerate(COMMENTS, start=1)
    )
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{html.escape(title)} &#8211; Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body class="post-template-default single single-post">
<div id="page" class="site"><header id="masthead" class="site-header">
  <p class="site-title"><a href="/">Marlow Valley Courier</a></p>
  <nav><a href="/news">{html.escape(title)}</a> <form role="search"><label>Search
  <input type="search" name="s"></label></form></nav></header>
<div id="content" class="site-content"><main id="primary" class="site-main">
  <article id="post-1482" class="post-1482 post type-post status-publish">
    <header class="entry-header"><h1 class="entry-title">{html.escape(title)}</h1>
      <div class="entry-meta">Posted on March 14, 2024 by Dana Whitlock</div></header>
    <div class="entry-content">
      <div class="wp-block-html">{player}</div>
      {body}
    </div>
  </article>
  <section id="comments" class="comments-area"><h2>{len(COMMENTS)} comments</h2>
    {comments}
  </section>
</main></div>
<footer class="site-footer"><p>Proudly powered by a CMS.</p></footer></div>
</body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> tuple[Path, dict, str]:
    """The site's root: the narration (with cover art) under audio/, the CMS copy of the
    article with the snippet (snippet.html), with the script tag (script.html) and with
    neither (plain.html); and the manifest, and the tag."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("cms")
    cover = folder / "cover.png"
    Image.new("RGB", (600, 600), "#24507a").save(cover)
    settings = NarrationSettings(
        output_dir=folder / "audio", cache_dir=folder / "cache", jobs=1, cover=cover
    )
    snippet = make_player(str(ARTICLE), PlayerOptions(base_url="/audio/"), settings)
    script = make_player(snippet.audio, PlayerOptions(script=True, base_url="/audio/"))
    manifest = json.loads(snippet.audio.with_suffix(".json").read_text(encoding="utf-8"))
    (folder / "snippet.html").write_text(cms_page(snippet.path.read_text("utf-8")), "utf-8")
    (folder / "script.html").write_text(cms_page(script.tag or ""), "utf-8")
    (folder / "plain.html").write_text(cms_page(""), "utf-8")
    return folder, manifest, script.tag or ""


def test_the_cms_copy_differs_from_the_narrated_page(site):
    folder, _, tag = site
    page = (folder / "plain.html").read_text(encoding="utf-8")
    assert "data-narrate-sentence" not in page and "&ldquo;" in page and "\u201d" in page
    assert "&rsquo;" in page
    assert "<strong>" in page and "Advertisement" in page and "&nbsp;million" in page
    assert 'data-narrate-manifest="/audio/' in tag and tag.startswith('<script src="/audio/')


@pytest.mark.parametrize("form", ["snippet", "script"])
def test_pasted_player_marks_the_sentences_and_reads_along(site, browser, form):
    folder, manifest, _ = site
    wanted = [s for s in manifest["sentences"] if s["text"] != manifest["disclosure"]["text"]]
    body = [s for s in wanted if s.get("kind") == "paragraph"]
    with serve(folder) as base:
        plain = Visit(browser, base, f"{form}.html", java_script_enabled=False)
        visit = Visit(browser, base, f"{form}.html")
        page = visit.page
        try:
            assert abs(page.evaluate(METADATA) - manifest["duration"]) < 0.5
            page.wait_for_selector("#narrate-player[data-narrate-found]", state="attached")
            # The page reads as it does without scripts: only spans were put around its text.
            assert page.evaluate(TEXT_WITHOUT_PLAYER) == plain.page.evaluate(TEXT_WITHOUT_PLAYER)
            marks = page.evaluate(PAGE_MARKS)
            share = len(marks) / len(wanted)
            print(f"{form}: {len(marks)} of {len(wanted)} sentences marked ({share:.1%})")
            assert share >= TARGET_SHARE, [s["text"] for s in wanted if s["id"] not in marks]
            texts = {s["id"]: s["text"] for s in manifest["sentences"]}
            wrong = {i: t for i, t in marks.items() if key(t) != key(texts[i])}
            assert wrong == {}  # never a sentence marked on other words
            assert page.locator("nav [data-narrate-sentence]").count() == 0  # not the article
            assert page.locator(".narrate-player-transcript:visible").count() == 0

            for sentence in (body[0], body[7], body[-1]):
                page.evaluate(SEEK, (sentence["start"] + sentence["end"]) / 2)
                assert page.evaluate(CURRENT) == [sentence["id"]]
            target = body[9]
            in_article = f'.entry-content > p [data-narrate-sentence="{target["id"]}"]'
            page.locator(in_article).first.click()
            assert target["start"] - 0.01 <= page.evaluate(CURRENT_TIME) < target["end"]
            page.evaluate(PAUSE)

            # The word highlight lands on the page's own words, curly quotes and all.
            timed = next(s for s in body if len(s.get("words", [])) >= 8 and '"' in s["text"])
            for word in (timed["words"][1], timed["words"][6]):
                page.evaluate(SEEK, word["start"] + 0.02)
                assert key(page.evaluate(WORD) or "") == key(word["text"]), word
            assert visit.elsewhere() == [] and visit.errors == [], visit.errors
        finally:
            plain.close()
            visit.close()


def test_lock_screen_compact_player_and_shortcuts(site, browser):
    folder, manifest, _ = site
    body = [s for s in manifest["sentences"] if s.get("kind") == "paragraph"]
    with serve(folder) as base:
        visit = Visit(browser, base, "snippet.html")
        page = visit.page
        try:
            page.evaluate(RECORD_SESSION)
            page.evaluate(METADATA)
            page.get_by_role("button", name="Play").click()
            page.wait_for_function("() => navigator.mediaSession.metadata !== null")
            metadata = page.evaluate(
                "() => { const m = navigator.mediaSession.metadata; return {title: m.title,"
                " artist: m.artist, artwork: m.artwork.map((a) => a.src)}; }"
            )
            assert metadata["title"] == manifest["title"]
            assert metadata["artist"] == (manifest["byline"] or manifest["publication"])
            assert len(metadata["artwork"]) == 1 and ".cover." in metadata["artwork"][0]
            assert page.request.get(metadata["artwork"][0]).ok
            actions = page.evaluate("() => Object.keys(window.narrateActions)")
            assert {"play", "pause", "seekbackward", "seekforward", "seekto"} <= set(actions)
            page.evaluate("() => window.narrateActions.seekto({seekTime: 20})")
            assert abs(page.evaluate(CURRENT_TIME) - 20) < 0.5
            page.evaluate("() => window.narrateActions.pause()")
            assert page.evaluate("() => document.querySelector('#narrate-player audio').paused")

            # Next and previous sentence, by button and by key in the player; not in a field.
            page.evaluate(SEEK, (body[3]["start"] + body[3]["end"]) / 2)
            page.get_by_role("button", name="Next sentence").click()
            assert abs(page.evaluate(CURRENT_TIME) - body[4]["start"]) < 0.05
            page.keyboard.press(".")
            assert abs(page.evaluate(CURRENT_TIME) - body[5]["start"]) < 0.05
            page.keyboard.press(",")
            assert abs(page.evaluate(CURRENT_TIME) - body[4]["start"]) < 0.05
            search = page.get_by_role("searchbox")
            search.click()
            page.keyboard.type("k.")
            assert (
                search.input_value() == "k."
                and abs(page.evaluate(CURRENT_TIME) - body[4]["start"]) < 0.05
            )

            # The compact player: in view while playing once the full one is scrolled away.
            mini = page.locator(".narrate-mini")
            assert not mini.is_visible()
            page.get_by_role("button", name="Play").click()
            page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            mini.wait_for(state="visible")
            box = mini.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900
            assert mini.get_by_role("button", name="Pause").is_visible()
            assert mini.locator('[data-narrate="mini-position"]').inner_text() != ""
            mini.get_by_role("button", name="Back to the player").click()
            page.wait_for_function(
                "() => { const r = document.querySelector('.narrate-controls')"
                ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
            )
            mini.wait_for(state="hidden")
            page.evaluate(PAUSE)
            assert visit.errors == [], visit.errors
        finally:
            visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(site, browser, scheme, tmp_path_factory):
    axe = axe_or_skip()
    folder, _, _ = site
    with serve(folder) as base:
        visit = Visit(browser, base, "snippet.html", color_scheme=scheme)
        page = visit.page
        try:
            page.evaluate(METADATA)
            page.add_script_tag(path=str(axe))
            background = page.evaluate(
                "() => getComputedStyle(document.getElementById('narrate-player')).backgroundColor"
            )
            assert background == ("rgb(28, 28, 30)" if scheme == "dark" else "rgb(255, 255, 255)")
            violations = page.evaluate(AXE_RUN, scheme)
            print(f"axe-core on the player, {scheme}: {violations}")
            shot = tmp_path_factory.getbasetemp() / f"player-{scheme}.png"
            page.locator("#narrate-player").screenshot(path=str(shot))
            if SCREENSHOTS.is_dir():
                shutil.copy(shot, SCREENSHOTS / shot.name)
            assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
            # Forced the other way by an attribute on the page.
            other = "light" if scheme == "dark" else "dark"
            page.evaluate(f"() => document.documentElement.dataset.narrateTheme = '{other}'")
            forced = page.evaluate(
                "() => getComputedStyle(document.getElementById('narrate-player')).backgroundColor"
            )
            assert forced == ("rgb(28, 28, 30)" if other == "dark" else "rgb(255, 255, 255)")
            violations = page.evaluate(AXE_RUN, other)
            print(f"axe-core on the player, forced {other}: {violations}")
            assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
        finally:
            visit.close()


FIND_PAGE = """<!doctype html><html><body>
<nav><p>Council votes tonight. No.</p></nav>
<article><h1>Ferry <em>vote</em></h1><div id="narrate-player"><p>The council voted.</p></div>
<p>Nobody expected it. The <b>council   voted</b> &amp; won&#8217;t wait.</p>
<div class="ad">Advertisement</div>
<p>&ldquo;No.&rdquo; She left. It sails in&nbsp;May.</p></article></body></html>"""
FIND_SENTENCES = [
    ("s0001", "Ferry vote"),
    ("s0003", "The council voted & won't wait."),
    ("s0004", "A sentence the page does not have."),
    ("s0005", '"No."'),
    ("s0006", "She left."),
    ("s0007", "It sails in May."),
]


def test_the_finder_marks_only_what_the_page_says(browser, tmp_path):
    """The sentence finder alone, on a page with its traps: a short sentence inside a longer
    word before it ("No" in "Nobody"), the same words in the nav and in the player, a sentence
    the page lacks; entities, curly quotes and inline elements inside sentences."""
    from narrate.publish.player import asset

    (tmp_path / "find.html").write_text(FIND_PAGE, encoding="utf-8")
    with serve(tmp_path) as base:
        visit = Visit(browser, base, "find.html")
        try:
            before = visit.page.evaluate("() => document.body.textContent")
            visit.page.add_script_tag(content=asset("find.js"))
            found = visit.page.evaluate(
                "(sentences) => narrateFind(sentences.map(([id, text]) => ({id, text})),"
                " document.getElementById('narrate-player'), null)",
                FIND_SENTENCES,
            )
            marks = visit.page.evaluate(PAGE_MARKS)
            assert visit.page.evaluate("() => document.body.textContent") == before
        finally:
            visit.close()
    assert found == 5
    assert marks == {
        "s0001": "Ferry vote",
        "s0003": "The council   voted & won\u2019t wait.",
        "s0005": "\u201cNo.\u201d",
        "s0006": "She left.",
        "s0007": "It sails in\u00a0May.",
    }
