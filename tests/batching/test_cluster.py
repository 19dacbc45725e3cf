"""The Dask executor on a real LocalCluster of two worker processes."""

import os
import signal
import time

import numpy as np
import pytest

from narrate.audio.loudness import level_chunk
from narrate.errors import EngineError, UsageError
from narrate.speaking.cluster import DaskExecutor
from narrate.speaking.inline import InlineExecutor

pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

REQUESTS = [(i, f"Sentence {i}: the archive is narrated on a cluster.") for i in range(10)]


@pytest.fixture(scope="module")
def cluster(voice):
    executor = DaskExecutor("local:2", voice, level_chunk)
    yield executor
    executor.close()


def test_cluster_speaks_the_same_samples_as_a_local_run(cluster, piper_engine):
    local = dict(InlineExecutor(piper_engine, level_chunk).speak(REQUESTS))
    remote = dict(cluster.speak(iter(REQUESTS)))
    assert sorted(remote) == sorted(local)
    for key, speech in local.items():
        np.testing.assert_array_equal(remote[key].samples, speech.samples)
        assert remote[key].words == speech.words


def test_audio_crosses_the_network_compressed(cluster):
    before = cluster.stats()
    dict(cluster.speak(iter(REQUESTS[:4])))
    after = cluster.stats()
    raw_bytes = (after.audio_samples - before.audio_samples) * 2
    assert after.chunks - before.chunks == 4
    assert 0 < after.audio_bytes - before.audio_bytes < 0.8 * raw_bytes


def test_a_killed_worker_loses_no_chunk(cluster):
    pids = cluster.client.run(os.getpid)
    requests = [(i, f"Chunk {i} survives a worker dying mid-run.") for i in range(16)]
    results = {}
    for key, samples in cluster.speak(iter(requests)):
        if not results:
            os.kill(next(iter(pids.values())), signal.SIGKILL)
        results[key] = samples
    assert sorted(results) == list(range(16))
    assert all(speech.samples.size > 0 for speech in results.values())


def test_unreachable_scheduler_fails_fast_and_clearly(voice):
    started = time.perf_counter()
    with pytest.raises(
        EngineError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        DaskExecutor("tcp://127.0.0.1:9", voice)
    assert time.perf_counter() - started < 5


def test_malformed_address_is_a_usage_error(voice):
    with pytest.raises(UsageError, match="tcp://HOST:PORT or local:N"):
        DaskExecutor("http://scheduler", voice)


# --- narrate batch --cluster -------------------------------------------------------------

POSTS = 10


def write_posts(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, POSTS + 1):
        (folder / f"post-{n:02d}.md").write_text(
            f"---\ntitle: Archive story {n}\ndate: 2016-05-{n:02d}\n---\n\n"
            f"Ten years ago, the council met for session {n}. It adjourned early.\n",
            encoding="utf-8",
        )


def batch_settings(output, cache, **options):
    from narrate.batching.run import BatchSettings
    from narrate.pipeline import NarrationSettings

    narration = NarrationSettings(output_dir=output, cache_dir=cache, jobs=2, **options)
    return BatchSettings(narration=narration)


def decoded_outputs(folder):
    from narrate.ffmpeg import decode_file

    return {path.name: decode_file(str(path))[0] for path in sorted(folder.glob("*.mp3"))}


def test_batch_on_a_cluster_gives_the_same_audio_as_a_local_run(tmp_path):
    from narrate.batching.run import batch

    write_posts(tmp_path / "posts")
    local = batch([str(tmp_path / "posts")], batch_settings(tmp_path / "local", tmp_path / "c1"))
    remote = batch(
        [str(tmp_path / "posts")],
        batch_settings(tmp_path / "remote", tmp_path / "c2", cluster="local:2"),
    )
    assert local.ok and remote.ok and remote.synthesized == local.synthesized > POSTS
    here, there = decoded_outputs(tmp_path / "local"), decoded_outputs(tmp_path / "remote")
    assert len(here) == POSTS and sorted(here) == sorted(there)
    for name, samples in here.items():
        np.testing.assert_array_equal(there[name], samples)


class KillsAWorker:
    """The cluster executor, killing one worker process once the first chunk is back."""

    def __init__(self, voice, engine):
        self.inner = DaskExecutor("local:2", voice, level_chunk)
        self.pids = list(self.inner.client.run(os.getpid).values())

    def speak(self, requests):
        for count, item in enumerate(self.inner.speak(requests)):
            if count == 0:
                os.kill(self.pids[0], signal.SIGKILL)
            yield item

    def close(self):
        self.inner.close()


def test_batch_survives_a_worker_killed_mid_run(tmp_path):
    from narrate.batching.run import batch

    write_posts(tmp_path / "posts")
    result = batch(
        [str(tmp_path / "posts")],
        batch_settings(tmp_path / "out", tmp_path / "cache"),
        executor_factory=KillsAWorker,
    )
    assert [p.status for p in result.posts] == ["narrated"] * POSTS
    assert len(list((tmp_path / "out").glob("*.mp3"))) == POSTS


def test_cli_unreachable_cluster_fails_before_any_work(tmp_path):
    from typer.testing import CliRunner

    from narrate.cli import app

    write_posts(tmp_path / "posts")
    started = time.perf_counter()
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "posts"),
            "-o",
            str(tmp_path / "out"),
            "--cluster",
            "tcp://127.0.0.1:9",
        ],
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler" in lines[0]
    assert time.perf_counter() - started < 10
    assert not (tmp_path / "out").exists()  # not even the state file


def test_one_article_on_a_cluster_gives_the_same_audio_as_a_local_run(tmp_path):
    from typer.testing import CliRunner

    from narrate.cli import app
    from narrate.ffmpeg import decode_file

    article = tmp_path / "council.md"
    article.write_text(
        "# Council session\n\nThe council met for its spring session. It adjourned early.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    outputs = {}
    for name, extra in (("local", ["-j", "2"]), ("remote", ["--cluster", "local:2"])):
        result = runner.invoke(
            app,
            ["speak", str(article), "-o", str(tmp_path / f"{name}.mp3"), "-q",
             "--cache-dir", str(tmp_path / f"cache-{name}"), *extra],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs[name] = decode_file(str(tmp_path / f"{name}.mp3"))[0]
    np.testing.assert_array_equal(outputs["remote"], outputs["local"])
