"""Text made safe to print on a terminal; `narrate script` prints no escape sequence a heading
carried."""

from pathlib import Path

from typer.testing import CliRunner

from narrate.cli import app
from narrate.terminal import for_terminal


def test_for_terminal_drops_escape_sequences_whole():
    assert for_terminal("\x1b]0;pwned\x07Title") == "Title"
    assert for_terminal("\x1b[31mred\x1b[0m \x9b2J\x1bc end\r") == "red  end"
    assert for_terminal("line one\nline\ttwo") == "line one\nline\ttwo"


def test_narrate_script_prints_no_escape_sequence(tmp_path: Path):
    post = tmp_path / "post.md"
    post.write_text(
        "# Harbor \x1b]0;pwned\x07news\n\n## Tides \x1b[2J today\n\nThe ferry runs again.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["script", str(post)])
    assert result.exit_code == 0, result.output
    assert "Harbor" in result.stdout and "ferry" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "pwned" not in result.stdout


def test_narrate_batch_prints_no_escape_sequence_a_feed_carried(tmp_path: Path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        b'<title>Ferry</title><guid isPermaLink="false">id\x1b]0;pwned\x07</guid>'
        b"<description>The ferry runs again after a winter of repairs.</description>"
        b"</item></channel></rss>"
    )
    result = CliRunner().invoke(app, ["batch", str(feed), "--dry-run", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "\tnew\tid" in result.stdout  # the planned post, by its id
    assert "\x1b" not in result.output and "\x07" not in result.output
