"""`narrate batch` on 20 posts: the first run, a run with nothing changed, a one-sentence edit.

All three runs happen in this one process, in a fresh folder with a new empty user cache
folder (XDG_CACHE_HOME, set before the first run: no sentence cache, no model digests, as on
a new machine; the two later runs find what the first left there), on the same 20 posts
(three or four sentences each, written here). Prints the first batch's audio seconds per
wall second, then the no-change rerun's and the one-sentence edit's wall times as
fractions of the first run's (targets: under 0.1 each), with the chunks each run synthesized.

Usage: python bench/batch.py [--posts N] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from narrate import BatchSettings, NarrationSettings, batch

# Every sentence names its post, so no two posts share a chunk (only the disclosure): the
# first run synthesizes every post in full.
SENTENCES = [
    "The harbor commission met on {day} to review the ferry schedule for route {n}.",
    "Riders of route {n} asked for an earlier boat, and the operator said it would study it.",
    "Fares on route {n} stay at two dollars and fifty cents through the end of the year.",
    "A decision on the new dock at pier {n} is expected next month.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_posts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for n in range(1, count + 1):
        sentences = SENTENCES[: 3 + n % 2]
        body = " ".join(s.format(n=n, day=DAYS[n % 5]) for s in sentences)
        path = folder / f"post-{n:02d}.md"
        path.write_text(
            f"---\ntitle: Ferry route {n} review\ndate: 2025-04-{n % 28 + 1:02d}\n---\n\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def timed_batch(posts: Path, settings: BatchSettings) -> tuple[float, object]:
    started = time.perf_counter()
    result = batch([str(posts)], settings)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None, help="default: all cores")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths = write_posts(work / "posts", args.posts)
        os.environ["XDG_CACHE_HOME"] = str(work / "user-cache")  # read when first needed
        settings = BatchSettings(
            narration=NarrationSettings(
                output_dir=work / "out", cache_dir=work / "cache", jobs=args.jobs
            )
        )
        first_time, first = timed_batch(work / "posts", settings)
        assert first.ok, first.failed
        rerun_time, rerun = timed_batch(work / "posts", settings)
        edited = paths[len(paths) // 2]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("an earlier boat", "a later boat"), encoding="utf-8")
        assert text != edited.read_text(encoding="utf-8")
        edit_time, edit = timed_batch(work / "posts", settings)

    print(f"batch of {args.posts} posts, {first.audio_seconds:.1f} s of audio")
    print(
        f"  first run (new empty user cache): {first_time:7.2f} s wall, "
        f"{first.synthesized} chunks synthesized, "
        f"{first.audio_seconds / first_time:.2f} audio s per wall s"
    )
    print(
        f"  nothing changed:  {rerun_time:7.2f} s wall, {rerun.synthesized} chunks synthesized, "
        f"{rerun_time / first_time:.3f} x the first run"
    )
    print(
        f"  one sentence:     {edit_time:7.2f} s wall, {edit.synthesized} chunk(s) synthesized, "
        f"{edit_time / first_time:.3f} x the first run"
    )


if __name__ == "__main__":
    main()
