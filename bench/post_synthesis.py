"""What the stages after synthesis cost, as a share of a whole narration.

Narrates a ~2,000-word article once through the Python API (narrate_article, sentence cache
off, C2PA signing on with a throwaway certificate) and times each stage from the progress
reports, which narrate sends as each stage starts. The narration streams: chunks are
trimmed, joined, measured and (once the gain is set) encoded while synthesis goes on, so
what is left after the last chunk is the encoder's flush ("join + flush", from the last
chunk to the end of encoding), tagging, signing and the captions and manifest. For scale,
trim_silence is also timed alone on the recorded chunks (work done during synthesis).

Prints each stage's seconds and share of the total; target: the post-synthesis stages (trim,
join, loudness, encode, tag, sign, captions and manifest) together under 10%.
Usage: python bench/post_synthesis.py [--jobs N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from narrate.audio.assemble import trim_silence
from narrate.engines.registry import create_engine
from narrate.pipeline import NarrationSettings, Progress, narrate_article
from narrate.speaking.chunks import Executor
from narrate.speaking.speaker import open_executor
from narrate.tags.c2pa import SigningSettings
from narrate.voices import get_voice

HERE = Path(__file__).resolve().parent
ARTICLES = [HERE / "data" / "city-budget-1000.md", HERE / "data" / "river-flood-plan-1000.md"]
# The pipeline's stages in order, and the name each gets in the table.
STAGES = {
    "reading": "read and plan",
    "speaking": "synthesis",
    "joining": "join + flush",
    "leveling": "loudness",
    "encoding": "encode",
    "tagging": "tag",
    "signing": "sign (C2PA)",
    "publishing": "captions + manifest",
}
POST_SYNTHESIS = ["join + flush", "loudness", "encode", "tag", "sign (C2PA)", "captions + manifest"]
TARGET_SHARE = 0.10


class RecordingExecutor:
    """Passes chunks through from another executor, keeping a reference to each."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner
        self.chunks: list[np.ndarray] = []

    def speak(self, requests: Iterable) -> Iterator:
        for key, speech in self.inner.speak(requests):
            self.chunks.append(speech.samples)
            yield key, speech

    def close(self) -> None:
        self.inner.close()


def two_thousand_words(folder: Path) -> Path:
    """The two 1,000-word articles as one: the first's front matter and title, the second's
    title as a section heading."""
    first = ARTICLES[0].read_text(encoding="utf-8").rstrip()
    second = ARTICLES[1].read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    second = second.replace("# ", "## ", 1)
    path = folder / "two-thousand-words.md"
    path.write_text(f"{first}\n\n{second}\n", encoding="utf-8")
    return path


def throwaway_signing(folder: Path) -> SigningSettings:
    # The same throwaway CA the tests make (needs the test extra: cryptography).
    sys.path.insert(0, str(HERE.parent / "tests"))
    from signing_certs import make_signing_files

    return SigningSettings(*make_signing_files(folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        os.environ["XDG_CACHE_HOME"] = str(folder / "user-cache")  # new and empty: a first run
        article = two_thousand_words(folder)
        settings = NarrationSettings(
            output_dir=folder / "output",
            jobs=args.jobs,
            cache=False,  # synthesize everything: the share is of a real narration
            signing=throwaway_signing(folder),
        )
        starts: dict[str, float] = {}

        def note(event: Progress) -> None:
            starts.setdefault(event.stage, time.perf_counter())

        started = time.perf_counter()
        voice = get_voice(settings.voice)
        recorder = RecordingExecutor(open_executor(voice, create_engine(voice), jobs=args.jobs))
        try:
            result = narrate_article(article, settings, on_progress=note, executor=recorder)
        finally:
            recorder.close()
        total = time.perf_counter() - started
        trim_started = time.perf_counter()
        for chunk in recorder.chunks:
            trim_silence(chunk, result.rendered.sample_rate)
        trim = time.perf_counter() - trim_started

    order = [stage for stage in STAGES if stage in starts] + ["done"]
    seconds = {
        STAGES[stage]: starts[following] - starts[stage]
        for stage, following in itertools.pairwise(order)
    }
    # Before the first report: finding the voice and starting the worker pool.
    seconds["read and plan"] += starts["reading"] - started

    print(
        f"article: {result.script.word_count:,} words, {len(recorder.chunks)} chunks, "
        f"{result.duration:.1f} s of audio, {args.jobs} jobs"
    )
    print(f"narration: {total:.2f} s in all ({result.duration / total:.1f} s of audio a second)")
    print(f"{'stage':<22}{'seconds':>9}{'share':>9}")
    for name, value in seconds.items():
        print(f"{name:<22}{value:>9.3f}{value / total:>9.2%}")
    print(f"{'(trim, alone)':<22}{trim:>9.3f}{trim / total:>9.2%}  done during synthesis")
    post = sum(seconds.get(name, 0.0) for name in POST_SYNTHESIS)
    verdict = "meets" if post / total < TARGET_SHARE else "MISSES"
    print(f"{'post-synthesis':<22}{post:>9.3f}{post / total:>9.2%}  ({verdict} target < 10%)")


if __name__ == "__main__":  # synthesis runs in worker processes
    main()
