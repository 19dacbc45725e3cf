"""How narrate scales with length: articles of 1,000 to 20,000 words, cold and warm.

Each article is narrated by a whole `narrate` process with the default voice, cold (a new
empty user cache folder, XDG_CACHE_HOME: no sentence cache, no model digests, as a new user
meets it) then warm (the same folder again), --repeat times; each row is the median. Printed
as a table: words, audio length, wall time, audio seconds per wall second, wall time per
1,000 words, and the peak memory of the whole process tree (narrate, any pool
workers, ffmpeg; PSS, polled with psutil every 0.1 s).
After each warm run of the longest article, ffmpeg alone encodes that narration's audio
(decoded to WAV) at narrate's settings, measured the same way: the floor a warm run can
reach, measured beside it on the same (shared, noisy) machine.

The long articles are built from the two bench articles, section by section, each section
with its own numbers (every figure moved by the section's number) and its own town (named in
any sentence that would otherwise repeat), so no two sentences are the same and a cold run
synthesizes every one of them.

Usage: python bench/scale.py [--words 1000 1600 5000 20000] [--jobs N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from measure import Run, ffmpeg, median_run, mib, run_measured, user_cache_env  # noqa: E402

# Seconds between memory samples: each reads every process's memory map, so a tighter
# poll takes CPU from the runs it times (a narration's memory is flat: 0.1 s finds its peak).
SAMPLE_EVERY = 0.1

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


def narrate(source: Path, out: Path, cache: Path, jobs: int | None) -> Run:
    """Wall seconds and peak tree memory (bytes, PSS) of one `narrate` process whose user
    cache folder is `cache`."""
    command = [str(Path(sys.executable).parent / "narrate"), str(source), "-o", str(out), "-q"]
    if jobs:
        command += ["-j", str(jobs)]
    return run_measured(command, env=user_cache_env(cache), sample_every=SAMPLE_EVERY)


def duration(path: Path) -> float:
    import mutagen

    return float(mutagen.File(path).info.length)


def decoded(mp3: Path, folder: Path) -> Path:
    """The narration's audio as WAV, at its own rate: what ffmpeg alone encodes."""
    wav = folder / "alone.wav"
    subprocess.run([ffmpeg(), "-v", "error", "-y", "-i", str(mp3), str(wav)], check=True)
    return wav


def ffmpeg_alone(wav: Path, folder: Path) -> Run:
    """ffmpeg encoding `wav` at the settings narrate uses, measured as narrate is."""
    return run_measured(
        [ffmpeg(), "-v", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame", "-b:a", "64k",
         "-compression_level", "7", str(folder / "alone.mp3")],
        sample_every=SAMPLE_EVERY,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 1,600 words is about ten minutes of audio: issue 11 wants memory flat from there.
    parser.add_argument("--words", type=int, nargs="+", default=[1000, 1600, 5000, 20000])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per row (medians)")
    args = parser.parse_args()
    rows = []
    alone: list[Run] = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        longest = max(args.words)
        wav = None
        for words in args.words:
            source = article(words, folder)
            runs: dict[str, list[Run]] = {"cold": [], "warm": []}
            for attempt in range(args.repeat):
                cache = folder / f"cache-{words}-{attempt}"  # new and empty: a cold run
                for state in ("cold", "warm"):
                    out = folder / f"out-{words}-{state}.mp3"
                    runs[state].append(narrate(source, out, cache, args.jobs))
                    last = runs[state][-1]
                    print(f"  {words} words {state}: {last.wall:.1f} s, {mib(last.peak_rss)}",
                          file=sys.stderr, flush=True)  # fmt: skip
                    if words == longest and state == "warm":
                        wav = wav or decoded(out, folder)
                        alone.append(ffmpeg_alone(wav, folder))
                        print(f"  ffmpeg alone: {alone[-1].wall:.1f} s", file=sys.stderr)
                shutil.rmtree(cache)
            seconds = duration(out)
            for state, measured in runs.items():
                rows.append((words, state, seconds, median_run(measured)))
    print(f"Medians of {args.repeat} runs each; memory sampled every {SAMPLE_EVERY} s.\n")
    print("cold: a new empty user cache folder (XDG_CACHE_HOME); warm: the same folder again.")
    print("| words | cache | audio | wall | audio s / wall s | wall per 1k words | peak tree PSS |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for words, state, seconds, run in rows:
        print(
            f"| {words:,} | {state} | {seconds / 60:.1f} min | {run.wall:.1f} s | "
            f"{seconds / run.wall:.0f} | {run.wall / words * 1000:.2f} s | {mib(run.peak_rss)} |"
        )
    cold = [(seconds, run) for _words, state, seconds, run in rows if state == "cold"]
    ten_minutes = min(cold, key=lambda row: abs(row[0] - 600))
    if cold[-1] is not ten_minutes:
        growth = cold[-1][1].peak_rss / ten_minutes[1].peak_rss - 1
        print(
            f"\nPeak memory, cold: {mib(cold[-1][1].peak_rss)} for {cold[-1][0] / 60:.0f} min "
            f"against {mib(ten_minutes[1].peak_rss)} for {ten_minutes[0] / 60:.0f} min "
            f"({growth:+.0%})"
        )
    warm_longest = [run for words, state, _s, run in rows if state == "warm"][-1]
    floor = median_run(alone).wall
    print(
        f"\nffmpeg alone, encoding the {longest:,}-word narration's audio: {floor:.1f} s "
        f"(warm narrate / ffmpeg alone: {warm_longest.wall / floor:.2f})"
    )


if __name__ == "__main__":
    main()
