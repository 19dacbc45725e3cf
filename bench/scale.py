"""How narrate scales with length: articles of 1,000, 5,000 and 20,000 words, cold and warm.

Each article is narrated twice by a whole `narrate` process with the default voice: cold
(an empty sentence cache) and warm (the same cache again). Printed as a table: words, audio
length, wall time, audio seconds per wall second, wall time per 1,000 words, and the peak
memory of the whole process tree (narrate, its forkserver and pool workers, ffmpeg; PSS,
polled with psutil every 0.1 s).
Last, ffmpeg alone encoding the longest narration's audio, the floor a warm run can reach.

The long articles are built from the two bench articles, section by section, each section
with its own numbers (every figure moved by the section's number) and its own town (named in
any sentence that would otherwise repeat), so no two sentences are the same and a cold run
synthesizes every one of them.

Usage: python bench/scale.py [--words 1000 5000 20000] [--jobs N]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from measure import run_measured  # noqa: E402

SOURCES = [HERE / "data" / "city-budget-1000.md", HERE / "data" / "river-flood-plan-1000.md"]
PLACES = ["Ashford", "Brookline", "Cedar Falls", "Dunmore", "Eastport", "Fairhaven",
          "Glenwood", "Hillsborough", "Ironton", "Jamestown", "Kingsbury", "Lakeview"]  # fmt: skip


def paragraphs(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    return [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("# ")]


def place_of(number: int) -> str:
    place = PLACES[number % len(PLACES)]
    return place if number < len(PLACES) else f"North {place}"


def section(number: int, seen: set[str]) -> str:
    """One bench article as section `number`: its figures moved, its city renamed, and any
    sentence already said elsewhere placed in this section's town."""
    place = place_of(number)
    kept = []
    for paragraph in paragraphs(SOURCES[number % 2]):
        paragraph = re.sub(r"\d+", lambda m: str(int(m.group()) + number), paragraph)
        paragraph = paragraph.replace("The city", place).replace("the city", place)
        sentences = []
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            if sentence in seen and sentence[-1:] in ".!?":
                sentence = f"{sentence[:-1]}, in {place}{sentence[-1]}"
            seen.add(sentence)
            sentences.append(sentence)
        kept.append(" ".join(sentences))
    return f"## Part {number + 1}: {place}\n\n" + "\n\n".join(kept)


def article(words: int, folder: Path) -> Path:
    parts, count, number = [], 0, 0
    seen: set[str] = set()
    while count < words:
        part = section(number, seen)
        kept = []
        for paragraph in part.split("\n\n"):
            if count >= words:
                break
            kept.append(paragraph)
            count += len(paragraph.split())
        parts.append("\n\n".join(kept))
        number += 1
    path = folder / f"scale-{words}.md"
    path.write_text(
        f"---\ntitle: A long read of {words} words\n---\n\n" + "\n\n".join(parts) + "\n",
        encoding="utf-8",
    )
    return path


def narrate(source: Path, out: Path, cache: Path, jobs: int | None) -> tuple[float, int]:
    """Wall seconds and peak tree memory (bytes, PSS) of one `narrate` process."""
    command = [str(Path(sys.executable).parent / "narrate"), str(source), "-o", str(out),
               "--cache-dir", str(cache), "-q"]  # fmt: skip
    if jobs:
        command += ["-j", str(jobs)]
    run = run_measured(command)
    return run.wall, run.peak_rss


def duration(path: Path) -> float:
    import mutagen

    return float(mutagen.File(path).info.length)


def ffmpeg_alone(mp3: Path, folder: Path) -> float:
    """Seconds ffmpeg takes to encode the narration's audio (decoded to WAV first) at the
    settings narrate uses."""
    from narrate.ffmpeg import ffmpeg_path

    wav = folder / "alone.wav"
    subprocess.run([ffmpeg_path(), "-v", "error", "-y", "-i", str(mp3), str(wav)], check=True)
    started = time.perf_counter()
    subprocess.run(
        [ffmpeg_path(), "-v", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame", "-b:a", "64k",
         "-compression_level", "7", str(folder / "alone.mp3")],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        last = None
        for words in args.words:
            source = article(words, folder)
            cache = folder / f"cache-{words}"
            for state in ("cold", "warm"):
                out = folder / f"out-{words}-{state}.mp3"
                wall, peak = narrate(source, out, cache, args.jobs)
                seconds = duration(out)
                rows.append((words, state, seconds, wall, peak))
                print(f"  {words} words {state}: {wall:.1f} s", file=sys.stderr, flush=True)
                last = out
        alone = ffmpeg_alone(last, folder) if last else 0.0
    print("| words | cache | audio | wall | audio s / wall s | wall per 1k words | peak tree PSS |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for words, state, seconds, wall, peak in rows:
        print(
            f"| {words:,} | {state} | {seconds / 60:.1f} min | {wall:.1f} s | "
            f"{seconds / wall:.0f} | {wall / words * 1000:.2f} s | {peak / 2**20:.0f} MiB |"
        )
    warm_longest = [r for r in rows if r[1] == "warm"][-1]
    print(
        f"\nffmpeg alone, encoding the {warm_longest[0]:,}-word narration's audio: {alone:.1f} s "
        f"(warm narrate / ffmpeg alone: {warm_longest[3] / alone:.2f})"
    )


if __name__ == "__main__":
    main()
