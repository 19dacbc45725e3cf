"""Streaming assembly: memory flat in the narration's length (a fast fake engine, in a
process of its own), and the loudness target met on a long narration after encoding."""

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
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


def _tone(seconds: float, amplitude: float, rate: int = 22050) -> np.ndarray:
    """A 440 Hz tone: its loudness is known and its peaks low, so a plain gain levels it."""
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 440 * t) * amplitude * 32767).astype(np.int16)


def _streamed(blocks, tmp_path, monkeypatch) -> tuple[float, int]:
    """Loudness (pyloudnorm) of `blocks` leveled and encoded as WAV, and how many times the
    encoder ran."""
    import soundfile

    import narrate.audio.stream as stream
    from narrate.audio.encode import EncodeSettings
    from narrate.audio.loudness import integrated_loudness

    runs = []

    def counted(*args, **kwargs):
        runs.append(1)
        return encode_blocks(*args, **kwargs)

    encode_blocks = stream.encode_blocks
    monkeypatch.setattr(stream, "encode_blocks", counted)
    path = tmp_path / "streamed.wav"
    stream.encode_leveled(iter(blocks), 22050, path, EncodeSettings(format="wav"))
    samples, rate = soundfile.read(path, dtype="int16")
    return integrated_loudness(samples, rate), len(runs)


def test_a_narration_that_changes_level_after_two_minutes_is_encoded_again(tmp_path, monkeypatch):
    quiet, loud = _tone(150, 0.15), _tone(150, 0.25)
    loudness, runs = _streamed([quiet, loud], tmp_path, monkeypatch)
    assert abs(loudness + 16) <= 0.1 and runs == 2


def test_a_steady_narration_is_encoded_once_as_it_comes(tmp_path, monkeypatch):
    blocks = [_tone(10, 0.15) for _ in range(20)]
    loudness, runs = _streamed(blocks, tmp_path, monkeypatch)
    assert abs(loudness + 16) <= 0.1 and runs == 1


def test_a_short_narration_is_measured_whole_before_encoding(tmp_path, monkeypatch):
    loudness, runs = _streamed([_tone(20, 0.1), _tone(20, 0.2)], tmp_path, monkeypatch)
    assert abs(loudness + 16) <= 0.1 and runs == 1


def test_the_meter_measures_blocks_of_any_size_as_pyloudnorm_measures_the_whole():
    import pyloudnorm

    from narrate.audio.bs1770 import LoudnessMeter

    rng = np.random.default_rng(7)
    rate = 24000
    gates = np.repeat(rng.random(40) > 0.3, rate)  # speech with pauses, on and off
    audio = (rng.standard_normal(gates.size) * 3000 * gates).astype(np.int16)
    meter = LoudnessMeter(rate)
    start = 0
    while start < audio.size:
        size = int(rng.integers(1, 30000))
        meter.add(audio[start : start + size])
        start += size
    expected = pyloudnorm.Meter(rate).integrated_loudness(audio / 32768)
    assert abs(meter.integrated() - expected) < 1e-6
    assert meter.peak == np.abs(audio.astype(np.int32)).max() / 32768


def test_a_follower_reads_each_block_as_it_is_written(tmp_path):
    import threading

    from narrate.audio.stream import Spool

    spool = Spool(tmp_path)
    stop = threading.Event()
    follower = spool.follow(stop)
    spool.write(np.arange(5, dtype=np.int16))
    assert next(follower).tolist() == [0, 1, 2, 3, 4]
    later = threading.Timer(0.2, spool.write, [np.full(3, 7, dtype=np.int16)])
    later.start()
    assert next(follower).tolist() == [7, 7, 7]  # waited for it
    spool.finish()
    assert list(follower) == []
    assert [block.tolist() for block in spool.blocks()] == [[0, 1, 2, 3, 4], [7, 7, 7]]
    spool.close()


def test_a_stopped_follower_raises_instead_of_waiting(tmp_path):
    import threading

    from narrate.audio.stream import Spool, Stopped

    spool = Spool(tmp_path)
    stop = threading.Event()
    follower = spool.follow(stop)
    threading.Timer(0.2, stop.set).start()
    with pytest.raises(Stopped):
        next(follower)
    spool.close()


def _ffmpeg_children() -> list:
    import psutil

    return [p for p in psutil.Process().children(recursive=True) if "ffmpeg" in p.name()]


def test_the_narration_is_taken_whole_before_the_encoder_finishes(tmp_path):
    """The encoder follows the spool: every block is taken, and `meanwhile` runs, without
    waiting for ffmpeg to encode them."""
    import mutagen

    from narrate.audio.encode import EncodeSettings
    from narrate.audio.stream import encode_leveled

    blocks = [_tone(10, 0.15)] * 180  # half an hour: ffmpeg takes seconds to encode it
    taken = []
    encoding_then = []

    def produced():
        for block in blocks:
            taken.append(block.size)
            yield block

    def meanwhile():
        encoding_then.append((len(taken), len(_ffmpeg_children())))

    path = tmp_path / "followed.mp3"
    encode_leveled(produced(), 22050, path, EncodeSettings(), meanwhile=meanwhile)
    assert encoding_then == [(180, 1)]  # every block taken; ffmpeg still encoding
    assert not _ffmpeg_children()
    assert abs(mutagen.File(path).info.length - 1800) < 0.1  # the whole, as it was given


def test_a_failure_beside_the_encoder_stops_it(tmp_path):
    from narrate.audio.encode import EncodeSettings
    from narrate.audio.stream import encode_leveled

    def meanwhile():
        raise OSError("disk full")

    blocks = [_tone(10, 0.15) for _ in range(60)]
    with pytest.raises(OSError, match="disk full"):
        encode_leveled(
            iter(blocks), 22050, tmp_path / "x.mp3", EncodeSettings(), meanwhile=meanwhile
        )
    assert not _ffmpeg_children()  # killed and waited for, not left running
    assert not list(tmp_path.glob(".narrate-*"))  # the spool is gone


def test_an_encoder_failure_reaches_the_caller(tmp_path):
    from narrate.audio.encode import EncodeSettings
    from narrate.audio.stream import encode_leveled
    from narrate.errors import AudioError

    missing = tmp_path / "no-such-folder" / "x.mp3"
    with pytest.raises(AudioError, match=r"x\.mp3"):
        encode_leveled(iter([_tone(5, 0.15)]), 22050, missing, EncodeSettings(), tmp_path)


def test_an_encoder_that_fails_early_stops_the_narration(tmp_path):
    from narrate.audio.encode import EncodeSettings
    from narrate.audio.stream import encode_leveled
    from narrate.errors import AudioError

    taken = []

    def produced():
        for _ in range(1000):  # nearly three hours, if it were all taken
            taken.append(1)
            if len(taken) > 12:
                time.sleep(0.01)  # as synthesis would: ffmpeg's failure comes first
            yield _tone(10, 0.15)

    missing = tmp_path / "no-such-folder" / "x.mp3"
    with pytest.raises(AudioError, match=r"x\.mp3"):
        encode_leveled(produced(), 22050, missing, EncodeSettings(), tmp_path)
    assert len(taken) < 1000


def test_a_target_the_limiter_cannot_reach_ends_as_loud_as_the_whole_would(tmp_path):
    """Driven three times and still short of a loud target, the last drive is kept, as
    normalize_loudness keeps it for a narration held whole."""
    import soundfile

    from narrate.audio.encode import EncodeSettings
    from narrate.audio.formats import LoudnessTarget
    from narrate.audio.loudness import integrated_loudness, normalize_loudness
    from narrate.audio.stream import encode_leveled

    rate = 22050
    t = np.arange(20 * rate) / rate
    noise = np.random.default_rng(0).standard_normal(t.size) * (1 + np.sin(np.pi * t))
    block = (noise * 0.05 * 32767).clip(-32768, 32767).astype(np.int16)
    target = LoudnessTarget(integrated=-9.0)
    path = tmp_path / "loud.wav"
    encode_leveled(iter([block] * 9), rate, path, EncodeSettings(format="wav", loudness=target))
    samples, _rate = soundfile.read(path, dtype="int16")
    whole = normalize_loudness(np.concatenate([block] * 9), rate, target)
    assert samples.size == whole.size
    assert abs(integrated_loudness(samples, rate) - integrated_loudness(whole, rate)) < 0.1
