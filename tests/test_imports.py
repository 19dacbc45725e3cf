"""A fast start: the CLI and its light commands load none of the heavy libraries, which each
stage imports only when it runs (scipy alone costs over a second on `--help`)."""

import subprocess
import sys
import textwrap

import pytest

HEAVY = (
    "scipy",
    "pyloudnorm",
    "trafilatura",
    "onnx",
    "onnxruntime",
    "piper",
    "hibari",
    "dask",
    "distributed",
    "faster_whisper",
)


def heavy_modules_after(code: str, cwd, names: tuple[str, ...] = HEAVY) -> list[str]:
    """Run `code` in a fresh interpreter; the heavy top-level packages it left imported."""
    probe = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import sys
        print(sorted(m for m in {names!r} if m in sys.modules))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout
    return eval(out.strip().splitlines()[-1])  # a list literal printed by the probe


def cli_run(*args: str) -> str:
    return f"""
        import contextlib, io, sys
        from narrate.cli import main
        sys.argv = ["narrate", *{args!r}]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main()
        """


def test_importing_the_cli_loads_no_heavy_library(tmp_path):
    assert heavy_modules_after("import narrate.cli", tmp_path) == []


@pytest.mark.parametrize("args", [("--help",), ("voices",), ("speak", "--help")])
def test_light_commands_load_no_heavy_library(tmp_path, args):
    assert heavy_modules_after(cli_run(*args), tmp_path) == []


def test_script_of_a_markdown_article_loads_no_audio_or_model_library(tmp_path, article_md):
    assert heavy_modules_after(cli_run("script", str(article_md)), tmp_path) == []


@pytest.mark.parametrize("args", [("--help",), ("voices",), ("script", "ARTICLE")])
def test_light_commands_do_not_even_load_numpy(tmp_path, article_md, args):
    """Planning (settings, the script, the engine's limits, the language detected) needs no
    array library: CLD2 is one C extension with its tables inside."""
    assert "lang:" not in article_md.read_text(encoding="utf-8")  # its language is detected
    args = tuple(str(article_md) if a == "ARTICLE" else a for a in args)
    assert heavy_modules_after(cli_run(*args), tmp_path, ("numpy",)) == []


@pytest.mark.slow
def test_an_unchanged_batch_loads_no_engine_or_audio_library(tmp_path, article_md):
    """A batch with nothing new skips every post before reading it: it needs the voice's
    identity (its model's digest), never the voice itself."""
    posts = tmp_path / "posts"
    posts.mkdir()
    article_md.rename(posts / article_md.name)
    args = ("batch", str(posts), "-o", str(tmp_path / "out"))
    assert "hibari" in heavy_modules_after(cli_run(*args), tmp_path)  # narrated the post
    assert (tmp_path / "out" / "harbor-ferry-approved.mp3").is_file()
    assert heavy_modules_after(cli_run(*args), tmp_path) == []
