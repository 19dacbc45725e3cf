"""Streaming assembly: memory flat in the narration's length (a fast fake engine, in a
process of its own), and the loudness target met on a long narration after encoding."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
PARAGRAPH = (
    "The harbor board met on a grey morning to weigh the ferry plan. Members asked about "
    "costs, about the timetable and about the old pier. A resident spoke for the fishing "
    "crews, who feared the new wake. The chair promised a study before any vote."
)

NARRATE = """
import json, resource, sys
from pathlib import Path
sys.path.insert(0, {fakes!r})
from fakes import BabbleEngine
from narrate.audio.loudness import level_chunk
from narrate.pipeline import NarrationSettings, narrate_article
from narrate.speaking.inline import InlineExecutor

settings = NarrationSettings(voice="joe", output_dir=Path({out!r}), cache=False, jobs=1)
executor = InlineExecutor(BabbleEngine(), level_chunk)
result = narrate_article({article!r}, settings, executor=executor)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"peak": peak, "seconds": result.duration, "path": str(result.path)}}))
"""


def narrate_in_a_process(tmp_path: Path, paragraphs: int) -> dict:
    article = tmp_path / f"long-{paragraphs}.md"
    body = "\n\n".join(f"## Part {n}\n\n{PARAGRAPH}" for n in range(paragraphs))
    article.write_text(f"# A long read\n\n{body}\n", encoding="utf-8")
    code = NARRATE.format(
        fakes=str(HERE.parent / "speaking"), out=str(tmp_path / "out"), article=str(article)
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_peak_memory_is_flat_in_the_narrations_length(tmp_path):
    short = narrate_in_a_process(tmp_path, 10)
    long = narrate_in_a_process(tmp_path, 150)
    assert long["seconds"] > 10 * short["seconds"] > 10 * 60
    # Held whole, 15x the audio would add about 40 MB a minute of it (issue 11's figure).
    growth = long["peak"] - short["peak"]
    print(f"peak {short['peak'] / 2**20:.0f} MiB for {short['seconds'] / 60:.0f} min, "
          f"{long['peak'] / 2**20:.0f} MiB for {long['seconds'] / 60:.0f} min")  # fmt: skip
    assert growth < 0.15 * short["peak"], (short, long)


def test_a_long_streamed_narration_meets_the_loudness_target(tmp_path):
    from narrate.audio.measure import measure_loudness

    result = narrate_in_a_process(tmp_path, 40)
    measured = measure_loudness(Path(result["path"]))
    assert abs(measured.integrated - (-16.0)) <= 0.5
    assert measured.true_peak <= -1.0
