"""Every error through the CLI is one line on stderr, a non-zero exit and no traceback: the
faults of issue 14 as a user meets them. Local servers on 127.0.0.1 and 127.0.0.2 only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_site import local_site, trickle
from typer.testing import CliRunner, Result

from narrate.cli import app

ARTICLE = "# Ferry\n\nThe council approved the harbor ferry on Tuesday night.\n"
PAGE = (
    b"<!doctype html><html lang='en'><head><title>Ferry</title></head><body><article>"
    b"<h1>Ferry approved</h1><p>The council approved the harbor ferry on Tuesday night. "
    b"It sails in May.</p></article></body></html>"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(result: Result, exit_code: int = 1) -> str:
    """The single stderr line of a failed command, after checking the rest of the contract."""
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert lines[0].startswith("narrate: ")
    return lines[0]


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[str, str]]:
    with local_site({"/page.html": PAGE}, host="127.0.0.2") as other:
        routes = {
            "/page.html": PAGE,
            "/away": (302, {"Location": f"{other}/page.html"}),
            "/trickle": trickle,
        }
        with local_site(routes) as home:  # type: ignore[arg-type]
            yield home, other


def test_unwritable_output_fails_before_synthesis_in_one_line(tmp_path: Path) -> None:
    article = tmp_path / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    started = time.monotonic()
    line = one_line_error(run("speak", str(article), "-o", "/proc/ferry.mp3", "-q", "--no-cache"))
    assert line == "narrate: error: cannot write /proc/ferry.mp3: No such file or directory"
    assert time.monotonic() - started < 20  # no synthesis, only the voice loaded


def test_redirect_into_another_private_host_is_one_line(sites: tuple[str, str]) -> None:
    home, _ = sites
    line = one_line_error(run("script", f"{home}/away"))
    assert line == (
        f"narrate: error: {home}/away: refused: 127.0.0.2 is a loopback address and not the "
        "host you gave; pass --allow-private-network to allow it"
    )


def test_allow_private_network_lets_the_redirect_through(sites: tuple[str, str]) -> None:
    home, _ = sites
    result = run("script", f"{home}/away", "--allow-private-network")
    assert result.exit_code == 0, result.output
    assert "harbor ferry" in result.stdout


def test_allow_private_network_in_narrate_toml(sites: tuple[str, str], tmp_path: Path) -> None:
    home, _ = sites
    (tmp_path / "narrate.toml").write_text("[narrate]\nallow_private_network = true\n")
    result = run("script", f"{home}/away", "--config", str(tmp_path / "narrate.toml"))
    assert result.exit_code == 0, result.output


def test_allow_private_network_must_be_a_boolean(sites: tuple[str, str], tmp_path: Path) -> None:
    home, _ = sites
    (tmp_path / "narrate.toml").write_text('[narrate]\nallow_private_network = "yes"\n')
    line = one_line_error(run("script", f"{home}/page.html", "--config", "narrate.toml"))
    assert line.endswith("allow_private_network must be true or false")


def test_trickling_server_is_one_line_at_the_deadline(
    sites: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrate.documents import url

    home, _ = sites
    monkeypatch.setattr(url, "PAGE_TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    line = one_line_error(run("script", f"{home}/trickle"))
    assert line == f"narrate: error: {home}/trickle: no complete answer within 1 s"
    assert time.monotonic() - started < 2


def test_front_matter_error_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "bad.md"
    article.write_text('---\ntitle: "Ferry\n---\n\nBody.\n', encoding="utf-8")
    line = one_line_error(run("script", str(article)))
    assert line.startswith(f"narrate: error: {article}: malformed front matter (line ")


def test_malformed_voice_profile_is_one_line_when_used(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "broken.toml").write_text("engine = ", encoding="utf-8")
    article = tmp_path / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    line = one_line_error(run("script", str(article), "--voice", "broken"))
    assert "broken.toml is not valid TOML" in line
    result = run("script", str(article), "--voice", "joe")
    assert result.exit_code == 0, result.output


def test_utf16_article_is_narrated_text(tmp_path: Path) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE.replace("# ", ""), encoding="utf-16")
    result = run("script", str(article), "--voice", "joe")
    assert result.exit_code == 0, result.output
    assert "harbor ferry" in result.stdout


def test_refused_post_fails_alone_in_one_line(sites: tuple[str, str], tmp_path: Path) -> None:
    home, other = sites
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>L</title>'
        f"<item><title>Ferry</title><link>{other}/page.html</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    result = run("batch", str(feed), f"{home}/page.html", "--dry-run", "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("narrate: failed")]
    assert failed == [
        f"narrate: failed: {other}/page.html: refused: 127.0.0.2 is a loopback address and not "
        "the host you gave; pass --allow-private-network to allow it"
    ]
    assert f"{home}/page.html" in result.stdout  # the other post is planned


@pytest.mark.parametrize("command", [(), ("script",)])
def test_a_page_without_an_article_is_one_line_and_no_audio(tmp_path: Path, command) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><footer>(c) 2024</footer>",
        encoding="utf-8",
    )
    output = ["-o", str(tmp_path / "out.mp3")] if not command else []
    result = run(*command, str(page), *output)
    assert one_line_error(result) == f"narrate: error: no article text found in {page}"
    # No audio, nor anything beside it (the user cache folder, .cache, is the tests' own:
    # a first run may note its model's digest there).
    assert [p for p in tmp_path.iterdir() if p.name != ".cache"] == [page]
    assert not list(tmp_path.glob(".cache/**/*.mp3"))
