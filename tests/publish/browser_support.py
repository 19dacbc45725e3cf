"""What the player's browser tests share: Debian's Chromium and axe-core found (or the test
skipped, locally, with the reason; CI must have both), a page opened with its requests and
console errors recorded, and the scripts that read the player's state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, in_ci

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

TEXT_WITHOUT_PLAYER = """() => {
    const body = document.body.cloneNode(true);
    body.querySelector('#narrate-player')?.remove();
    body.querySelectorAll('script').forEach((el) => el.remove());
    return body.textContent;
}"""
METADATA = """() => new Promise((resolve, reject) => {
    const wait = () => {
        const audio = document.querySelector('#narrate-player audio');
        if (!audio) return setTimeout(wait, 50);
        if (audio.readyState >= 1) return resolve(audio.duration);
        audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
        audio.addEventListener('error', () => reject(audio.error.code));
    };
    wait();
})"""
SEEK = """(t) => new Promise((resolve) => {
    const audio = document.querySelector('#narrate-player audio');
    audio.addEventListener('seeked', () => requestAnimationFrame(() => resolve(audio.currentTime)),
                           {once: true});
    audio.currentTime = t;
})"""
CURRENT = """() => [...new Set([...document.querySelectorAll('.narrate-current')]
    .map((el) => el.getAttribute('data-narrate-sentence')))]"""
WORD = """() => {
    const highlight = CSS.highlights.get('narrate-word');
    return highlight ? [...highlight][0].toString() : null;
}"""
CURRENT_TIME = "() => document.querySelector('#narrate-player audio').currentTime"
PAUSE = "() => document.querySelector('#narrate-player audio').pause()"


def chromium_or_skip() -> str:
    chromium = shutil.which("chromium")
    if chromium is None:
        if in_ci():
            pytest.fail("CI must have Debian's chromium (`apt-get install chromium`)")
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium); CI installs it")
    return chromium


def axe_or_skip() -> Path:
    if not AXE.is_file():
        if in_ci():
            pytest.fail("CI must have axe-core (.ci/run: npm install --no-save axe-core)")
        pytest.skip("no axe-core (npm install --no-save axe-core in the repository)")
    return AXE


def launch_browser(chromium: str):
    """Chromium launched headless, autoplay allowed (a module-scoped fixture's body: the
    modules say `browser = pytest.fixture(scope="module")(launch_browser)`)."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--autoplay-policy=no-user-gesture-required"]
        )
        yield browser
        browser.close()


class Visit:
    """A page opened in the browser, with every request and console error recorded."""

    def __init__(self, browser, base: str, name: str, **context) -> None:
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1000, "height": 900}, **context)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.goto(base + name)

    def _console(self, message) -> None:
        if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
            self.errors.append(f"{message.text} at {message.location}")

    def elsewhere(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base)]

    def close(self) -> None:
        self.context.close()
