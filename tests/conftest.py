"""Shared fixtures: the real default voice and engine, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from narrate.engines.hibari import HibariEngine
from narrate.engines.piper import PiperEngine
from narrate.voices import Voice, get_voice

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED_EXAMPLES = REPO.parent / "shared" / "examples"


@pytest.fixture(scope="session")
def voice() -> Voice:
    return get_voice("joe")


@pytest.fixture(scope="session")
def piper_engine(voice: Voice) -> PiperEngine:
    """The default piper engine with its model loaded (once for the whole session)."""
    engine = PiperEngine(voice)
    engine.synthesize("Ready.")
    return engine


@pytest.fixture(scope="session")
def hibari_voice() -> Voice:
    return get_voice("heart")


@pytest.fixture(scope="session")
def hibari_engine(hibari_voice: Voice) -> HibariEngine:
    """The hibari engine (the default voice's) with its model loaded, once per session."""
    engine = HibariEngine(hibari_voice)
    engine.synthesize("Ready.")
    return engine


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own folder, so ./voices, ./narrate.toml and ./output of the
    repository never leak into it; and with its own sentence cache (the default one is under
    XDG_CACHE_HOME), so no test reuses another's audio or fills the user's cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NARRATE_FFMPEG", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))


@pytest.fixture
def article_md(tmp_path: Path) -> Path:
    """A short Markdown article with front matter and a heading."""
    path = tmp_path / "short.md"
    path.write_text(
        "---\ntitle: Harbor ferry approved\nauthor: Dana Whitfield\ndate: 2025-03-14\n"
        "publication: The Harbor Ledger\nurl: https://example.org/ferry\n---\n\n"
        "The council approved the ferry. It will sail next year.\n\n"
        "## Costs\n\nThe state pays most of it.\n",
        encoding="utf-8",
    )
    return path


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def signing_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway C2PA certificate chain and key (tests/signing_certs.py), made once."""
    from signing_certs import make_signing_files

    return make_signing_files(tmp_path_factory.mktemp("c2pa"))
