"""The read-along in a real headless Chromium (Debian's package, driven by Playwright): a real
article page is narrated with the default voice (hibari) and with piper, the player is
injected into it, and the page is served with HTTP Range support as a web server would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser_support import (
    CURRENT,
    METADATA,
    SEEK,
    TEXT_WITHOUT_PLAYER,
    WORD,
    Visit,
    chromium_or_skip,
    launch_browser,
)
from range_server import serve

from narrate.make_player import PlayerOptions, make_player
from narrate.pipeline import NarrationSettings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
chromium = pytest.fixture(scope="module", name="chromium")(chromium_or_skip)
browser = pytest.fixture(scope="module", name="browser")(launch_browser)

PAGES = Path(__file__).parent.parent / "data" / "pages"
ARTICLE = PAGES / "news_sidebar_related.html"
VOICES = ["heart", "joe"]  # hibari (the default voice) and piper
SCREENSHOT_COPY = Path("/work/readalong.png")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder served as the site's root: the article page and the assets it links to (so
    the page's own requests succeed and any error is the player's)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("readalong")
    (folder / "static").mkdir()
    (folder / "static" / "site.css").write_text("body { font-family: serif; }\n")
    images = folder / "img" / "2024" / "03"
    images.mkdir(parents=True)
    Image.new("RGB", (16, 9), "#4a6a8a").save(images / "barrier.jpg")
    shutil.copy(ARTICLE, folder / "story.html")
    return folder


@pytest.fixture(scope="module", params=VOICES)
def injected(request: pytest.FixtureRequest, site: Path, chromium: str) -> tuple[str, Path, dict]:
    """(voice, the article page with the player injected, the narration's manifest)."""
    voice = request.param
    page = site / f"story-{voice}.html"
    shutil.copy(site / "story.html", page)
    settings = NarrationSettings(
        voice=voice, output_dir=site / voice, cache_dir=site / "cache", jobs=1
    )
    result = make_player(str(site / "story.html"), PlayerOptions(inject=page), settings)
    manifest = json.loads(result.audio.with_suffix(".json").read_text(encoding="utf-8"))
    return voice, page, manifest


def test_the_injected_page_reads_along(injected, site, browser, tmp_path_factory):
    voice, page_path, manifest = injected
    words_vtt = site / voice / manifest["files"]["words_vtt"]
    assert words_vtt.read_text(encoding="utf-8").startswith("WEBVTT")
    sentences = {s["id"]: s for s in manifest["sentences"]}
    body = [s for s in manifest["sentences"] if s["kind"] == "paragraph"]
    with serve(site) as base:
        original = Visit(browser, base, "story.html")
        visit = Visit(browser, base, page_path.name)
        page = visit.page
        try:
            assert page.evaluate(TEXT_WITHOUT_PLAYER) == original.page.evaluate(TEXT_WITHOUT_PLAYER)
            duration = page.evaluate(METADATA)
            assert abs(duration - manifest["duration"]) < 0.5
            marked = page.evaluate(
                "() => new Set([...document.querySelectorAll('[data-narrate-sentence]')]"
                ".map((el) => el.getAttribute('data-narrate-sentence'))).size"
            )
            assert marked == len(manifest["sentences"])  # title, disclosure and every sentence

            for sentence in (body[0], body[7], body[-1]):  # seeking marks exactly that sentence
                page.evaluate(SEEK, (sentence["start"] + sentence["end"]) / 2)
                assert page.evaluate(CURRENT) == [sentence["id"]]

            target = body[9]  # a click plays from the sentence's start
            page.locator(f'[data-narrate-sentence="{target["id"]}"]').first.click()
            at = page.evaluate("() => document.querySelector('#narrate-player audio').currentTime")
            assert target["start"] - 0.01 <= at < target["end"], (at, target)
            assert page.evaluate(CURRENT) == [target["id"]]
            page.evaluate("() => document.querySelector('#narrate-player audio').pause()")

            target = body[4]  # Enter on a focused sentence does the same
            page.locator(f'[data-narrate-sentence="{target["id"]}"]').first.focus()
            page.keyboard.press("Enter")
            at = page.evaluate("() => document.querySelector('#narrate-player audio').currentTime")
            assert target["start"] - 0.01 <= at < target["end"], (at, target)
            page.evaluate("() => document.querySelector('#narrate-player audio').pause()")

            page.get_by_label("Speed").select_option("1.5")
            rate = page.evaluate(
                "() => document.querySelector('#narrate-player audio').playbackRate"
            )
            assert rate == 1.5
            assert page.get_by_role("button", name="Back 15 seconds").is_visible()
            assert page.locator(".narrate-player-disclosure").is_visible()

            # The word highlight follows the time: seeking onto words highlights each one.
            timed = next(s for s in body if len(s.get("words", [])) >= 8)
            seen = []
            for word in (timed["words"][1], timed["words"][6]):
                page.evaluate(SEEK, word["start"] + 0.02)
                seen.append(page.evaluate(WORD))
                assert seen[-1] == word["text"], (seen, word)
            assert seen[0] != seen[1]

            # ... and moves by itself while the audio plays.
            page.evaluate(SEEK, timed["start"])
            page.evaluate("() => document.querySelector('#narrate-player audio').play()")
            words = set()
            for _ in range(15):
                page.wait_for_timeout(100)
                words.add(
                    page.evaluate(
                        "() => document.querySelector('#narrate-player')"
                        ".getAttribute('data-narrate-word')"
                    )
                )
            page.evaluate("() => document.querySelector('#narrate-player audio').pause()")
            assert len(words - {""}) >= 3, words

            if voice == "heart":
                shot = sentences[body[1]["id"]]
                page.evaluate("() => document.activeElement.blur()")
                page.evaluate(SEEK, shot["words"][4]["start"] + 0.02)
                page.locator(
                    f'[data-narrate-sentence="{shot["id"]}"]'
                ).first.scroll_into_view_if_needed()
                page.evaluate(
                    "() => window.scrollTo(0, document.querySelector('h1').offsetTop - 20)"
                )
                path = tmp_path_factory.getbasetemp() / "readalong.png"
                page.screenshot(path=str(path))
                if SCREENSHOT_COPY.parent.is_dir():
                    shutil.copy(path, SCREENSHOT_COPY)

            assert visit.elsewhere() == [] and original.elsewhere() == []
            assert visit.errors == [], visit.errors
        finally:
            original.close()
            visit.close()
