"""The audio player: the snippet's markup, injecting it into a page, and the page played in
a real headless Chromium (Debian's package, driven by Playwright) over a local server that
answers Range requests."""

import html
import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import chromium_or_skip
from range_server import serve
from typer.testing import CliRunner

from narrate.cli import app
from narrate.documents.read import read_article
from narrate.errors import UsageError
from narrate.ffmpeg import decode_file
from narrate.make_player import PlayerOptions, make_player
from narrate.pipeline import NarrationSettings
from narrate.publish.inject import inject_readalong, strip_marks
from narrate.publish.player import (
    PlayerData,
    PlayerSentence,
    inject_player,
    page_html,
    player_html,
)
from narrate.text.script import build_script

PAGES = Path(__file__).parent.parent / "data" / "pages"
DISCLOSURE = "This audio is created with AI assistance."
HOSTILE_TITLE = 'Ferry <script>window.pwned = 1; document.title = "pwned"</script> & "vote"'

SENTENCES = (
    PlayerSentence("s0001", "Ferry vote", 0.25, 1.0, "intro", 0),
    PlayerSentence("s0002", DISCLOSURE, 1.5, 3.0, "intro", 0),
    PlayerSentence(
        "s0003", "The council voted.", 4.0, 5.5, "paragraph", 1, 0, (("The", 4.0, 4.2),)
    ),
    PlayerSentence("s0004", "It sails in May.", 6.0, 7.5, "paragraph", 1),
)
DATA = PlayerData(
    title=HOSTILE_TITLE,
    audio_url="ferry vote.mp3",
    mime="audio/mpeg",
    duration=125.2,
    captions_url="ferry.vtt",
    sentences=SENTENCES,
    chapters=(("Intro </script><script>window.pwned = 2</script>", 0.0), ("Vote", 3.5)),
)
PAGE = """<!doctype html><html lang="en"><head><title>Ferry</title></head><body>
<header><h1>The Ledger</h1></header><article><h2>Ferry vote</h2><p>Text.</p></article>
</body></html>"""
ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Ferry vote</title></head><body>
<nav><a href="/">Ferry vote</a> The council voted.</nav>
<article><h1 class=x>Ferry   vote</h1>
<p>The <b>council voted</b>.   It sails&nbsp;in <a href='#may'>May</a>.<!-- note --></p>
</article></body></html>"""


def test_snippet_is_a_native_player_with_captions_and_the_disclosure():
    snippet = player_html(DATA)
    assert '<audio controls preload="metadata"' in snippet
    assert '<source src="ferry vote.mp3" type="audio/mpeg">' in snippet
    assert '<track kind="captions" default src="ferry.vtt" srclang="en"' in snippet
    assert f'<span data-narrate-sentence="s0002">{DISCLOSURE}</span></p>' in snippet
    assert '<time datetime="PT2M5S">2:05</time>' in snippet
    assert "<details" in snippet and "<summary>Transcript</summary>" in snippet
    assert (
        '<p><span data-narrate-sentence="s0003">The council voted.</span> '
        '<span data-narrate-sentence="s0004">It sails in May.</span></p>'
    ) in snippet
    assert 'href="ferry vote.mp3" download>' in snippet
    # Nothing fetched from elsewhere: no fonts, no scripts (schema.org is a name, not a file).
    assert not re.search(r"""(src|href|url\()\s*=?\s*["']?https?:""", snippet)
    assert "http" not in snippet.replace("https://schema.org", "")


def test_snippet_has_labelled_controls_hidden_until_its_script_runs():
    snippet = player_html(DATA)
    assert (
        '<div class="narrate-controls" role="group" aria-label="Audio controls" hidden>' in snippet
    )
    assert (
        'aria-label="Back 15 seconds"' in snippet and 'aria-label="Forward 15 seconds"' in snippet
    )
    assert '<label for="narrate-speed">Speed</label>' in snippet
    values = re.findall(r'<option value="([\d.]+)"', snippet.split('id="narrate-speed"')[1])
    assert values[:5] == ["0.75", "1", "1.25", "1.5", "2"]
    assert '<select id="narrate-chapter" data-narrate="chapter">' in snippet
    assert snippet.count("<script") == 3 and snippet.count("<style") == 1  # JSON-LD, data, code


def test_titles_cannot_break_out_of_the_markup_or_the_timings():
    snippet = player_html(DATA)
    assert "&lt;script&gt;window.pwned = 1; document.title = &quot;pwned&quot;" in snippet
    data = snippet.split('class="narrate-data">')[1].split("</script>")[0]
    assert "<" not in data and json.loads(data)["chapters"][0]["title"].startswith(
        "Intro </script>"
    )
    assert json.loads(data)["sentences"][2]["words"] == [["The", 4.0, 4.2]]


def test_page_is_the_article_with_the_title_once():
    page = page_html(DATA)
    assert page.startswith("<!doctype html>") and 'id="narrate-player"' in page
    assert f"<title>{html.escape(HOSTILE_TITLE)}</title>" in page
    markup = re.sub(r"<script.*?</script>", "", page, flags=re.S)  # the data say it again
    assert markup.count("Ferry vote") == 1  # the spoken title (the page title is the hostile one)
    assert '<h1><span data-narrate-sentence="s0001">Ferry vote</span></h1>' in page
    assert "<details" not in page and DATA.title not in page.split("<body>")[1]
    assert page.index("</h1>") < page.index('id="narrate-player"') < page.index("s0003")


def test_injected_after_the_first_h1_and_only_once():
    once = inject_player(PAGE, DATA)
    assert once.index("The Ledger</h1>") < once.index('id="narrate-player"')
    assert once.index('id="narrate-player"') < once.index("<article>")
    twice = inject_player(once, DATA)
    assert twice == once
    assert twice.count('id="narrate-player"') == 1
    assert twice.count("<audio") == 1


def test_injected_after_a_selector():
    page = inject_player(PAGE, DATA, "article h2")
    assert page.index("vote</span></h2>") < page.index('id="narrate-player"') < page.index("Text.")
    with pytest.raises(UsageError, match="matches nothing"):
        inject_player(PAGE, DATA, "aside")
    with pytest.raises(UsageError, match="not a CSS selector"):
        inject_player(PAGE, DATA, "h2[")


def test_injection_marks_the_articles_sentences_and_changes_nothing_else():
    page = inject_player(ARTICLE_PAGE, DATA)
    assert '<h1 class=x><span data-narrate-sentence="s0001">Ferry   vote</span></h1>' in page
    assert (
        '<p><span data-narrate-sentence="s0003">The <b>council voted</b>.</span>   '
        "<span data-narrate-sentence=\"s0004\">It sails&nbsp;in <a href='#may'>May</a>.</span>"
        "<!-- note --></p>"
    ) in page
    assert '<nav><a href="/">Ferry vote</a> The council voted.</nav>' in page  # not the article
    player = re.search(r'<figure id="narrate-player".*?</figure>', page, re.S).group()
    assert strip_marks(page.replace(player, "")) == ARTICLE_PAGE
    assert inject_player(page, DATA) == page


def test_a_sentence_across_elements_is_wrapped_in_pieces_that_nest():
    page = (
        "<body><article><p><em>One two</em> three.</p>"
        "<p>Four <i>five. Six</i> seven.</p></article></body>"
    )
    data = replace(
        DATA,
        sentences=(
            PlayerSentence("s0003", "One two three.", 0, 1, block=1),
            PlayerSentence("s0004", "Four five.", 1, 2, block=2),
            PlayerSentence("s0005", "Six seven.", 2, 3, block=2),
        ),
    )
    marked = inject_player(page, data).split("</figure>")[-1]
    assert '<p><span data-narrate-sentence="s0003"><em>One two</em> three.</span></p>' in marked
    assert (
        '<p><span data-narrate-sentence="s0004">Four</span> <i>'
        '<span data-narrate-sentence="s0004">five.</span> '
        '<span data-narrate-sentence="s0005">Six</span></i> '
        '<span data-narrate-sentence="s0005">seven.</span></p>'
    ) in marked


@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    """A short real narration whose title carries a script tag; its listening page."""
    folder = tmp_path_factory.mktemp("player")
    article = folder / "ferry.md"
    article.write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\n---\n\nThe council voted for the ferry. "
        "It sails in May.\n\n## The route\n\nIt crosses the bay in ten minutes.\n",
        encoding="utf-8",
    )
    settings = NarrationSettings(output_dir=folder / "site", cache_dir=folder / "cache", jobs=1)
    result = make_player(article, PlayerOptions(page=True), settings)
    return result


def test_an_article_is_narrated_then_given_its_page(narrated):
    assert narrated.audio.suffix == ".mp3" and narrated.path == narrated.audio.with_suffix(".html")
    page = narrated.path.read_text(encoding="utf-8")
    assert f'<source src="{narrated.audio.name}"' in page
    assert f'src="{narrated.audio.with_suffix(".vtt").name}"' in page


def test_player_command_injects_into_a_page(narrated, tmp_path):
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    runs = []
    for _ in range(2):
        result = CliRunner().invoke(
            app, ["player", str(narrated.audio), "--inject", str(page), "--selector", "h2"]
        )
        assert result.exit_code == 0, result.output
        runs.append(page.read_text(encoding="utf-8"))
    text = runs[-1]
    assert runs[0] == runs[1]  # the second run changes nothing more
    assert text.count('id="narrate-player"') == 1
    relative = Path(os.path.relpath(narrated.audio, tmp_path)).as_posix()
    assert f'<source src="{quote(relative)}"' in text  # found from where the page is


@pytest.mark.browser
@pytest.mark.slow
def test_the_page_plays_in_a_real_browser(narrated):
    chromium = chromium_or_skip()
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    samples, rate = decode_file(str(narrated.audio))
    true_duration = samples.size / rate
    with serve(narrated.audio.parent) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page()
            page.goto(base + narrated.path.name)
            duration = page.evaluate(
                """() => new Promise((resolve, reject) => {
                    const audio = document.querySelector('audio');
                    if (audio.readyState >= 1) return resolve(audio.duration);
                    audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
                    audio.addEventListener('error', () => reject(audio.error.code));
                })"""
            )
            assert abs(duration - true_duration) < 0.5, (duration, true_duration)
            page.wait_for_function(
                "() => document.querySelector('track').readyState === 2", timeout=10_000
            )
            cues = page.evaluate("() => document.querySelector('audio').textTracks[0].cues.length")
            assert cues >= 3  # title, disclosure, two sentences
            disclosure = page.locator(".narrate-player-disclosure")
            assert disclosure.is_visible() and disclosure.inner_text() == DISCLOSURE
            assert page.locator("h1").inner_text() == HOSTILE_TITLE
            assert page.evaluate("() => window.pwned") is None
            assert page.title() == HOSTILE_TITLE
            # The article itself, title once: no transcript toggle, the sentences readable.
            assert page.locator("h1").count() == 1
            assert page.locator(".narrate-player-title").inner_text() == "Listen to this article"
            assert page.locator("article > p, article > h2").get_by_text(HOSTILE_TITLE).count() == 0
            assert page.locator("details").count() == 0
            assert page.locator("article > p").first.inner_text().startswith("The council voted")
            assert page.locator("h2").inner_text() == "The route"
            # The current chapter is shown in the chapters menu, and choosing one seeks to it.
            chapter = page.get_by_label("Chapter")
            assert chapter.locator("option").all_inner_texts() == [HOSTILE_TITLE, "The route"]
            route = page.evaluate(
                "() => JSON.parse(document.querySelector('.narrate-data').textContent)"
                ".chapters[1].start"
            )
            page.evaluate(f"() => document.querySelector('audio').currentTime = {route + 0.5}")
            page.wait_for_function(
                "() => document.querySelector('#narrate-chapter').selectedIndex === 1"
            )
            chapter.select_option(index=0)
            page.wait_for_function("() => document.querySelector('audio').currentTime < 0.1")
            page.get_by_role("button", name="Play").click()
            page.wait_for_function("() => document.querySelector('audio').currentTime > 0.3")
            assert page.get_by_role("button", name="Pause").is_visible()
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.slow
def test_with_scripts_off_the_native_player_still_plays(narrated):
    chromium = chromium_or_skip()
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with serve(narrated.audio.parent) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--autoplay-policy=no-user-gesture-required"]
        )
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(base + narrated.path.name)
            assert page.locator("audio[controls]").is_visible()
            assert not page.locator(".narrate-controls").is_visible()
            assert page.locator(".narrate-player-download a").is_visible()
            audio = page.locator("audio")
            audio.evaluate("(audio) => { audio.play(); }")
            for _ in range(50):  # no wait_for_function: it needs the page's scripts
                if audio.evaluate("(audio) => audio.currentTime") > 0.3:
                    break
                page.wait_for_timeout(100)
            assert audio.evaluate("(audio) => audio.currentTime") > 0.3
        finally:
            browser.close()


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_every_sample_page_gets_every_sentence_marked_and_keeps_its_markup(page):
    """The extraction's sample pages: each sentence narrate would speak is found and marked
    (the disclosure lives in the player), the page minus player and marks is the page as it
    was, byte for byte, and injecting again changes nothing."""
    script = build_script(read_article(str(page)), max_chars=400)
    sentences = [(s.id, s.text) for s in script.sentences()]
    source = page.read_text(encoding="utf-8")
    snippet = '<figure id="narrate-player">player</figure>'
    marked = inject_readalong(source, snippet, sentences)
    found = set(re.findall(r'data-narrate-sentence="(s\d+)"', marked))
    assert [text for id_, text in sentences if id_ not in found] == [script.disclosure]
    assert strip_marks(marked.replace(snippet, "", 1)) == source
    assert inject_readalong(marked, snippet, sentences) == marked


def test_player_command_writes_the_script_and_prints_its_tag(narrated, tmp_path):
    result = CliRunner().invoke(
        app, ["player", str(narrated.audio), "--script", "--base-url", "/audio/"]
    )
    assert result.exit_code == 0, result.output
    script = narrated.audio.with_name("narrate-player.js")
    path, tag = result.output.strip().splitlines()[-2:]
    assert Path(path) == script
    manifest = quote(narrated.audio.with_suffix(".json").name)
    assert tag == (
        f'<script src="/audio/narrate-player.js" data-narrate-manifest="/audio/{manifest}" '
        "defer></script>"
    )
    text = script.read_text(encoding="utf-8")
    template = json.loads(text.split("var NARRATE_TEMPLATE = ", 1)[1].split(";\n", 1)[0])
    assert template.startswith('<figure id="narrate-player"') and "{{audio_url}}" in template
    assert "</script>" not in text.split(";\n", 1)[0]  # the markup cannot end a script


def test_script_needs_the_manifest_and_is_one_output(narrated, tmp_path):
    bare = tmp_path / "bare.mp3"
    shutil.copy(narrated.audio, bare)
    result = CliRunner().invoke(app, ["player", str(bare), "--script"])
    assert result.exit_code == 2 and "needs the narration's manifest (bare.json)" in result.output
    with pytest.raises(UsageError, match="choose one"):
        make_player(narrated.audio, PlayerOptions(script=True, page=True))
