"""The Dask executor on a real LocalCluster of two worker processes."""

import os
import signal
import time

import numpy as np
import pytest

from narrate.audio.loudness import level_chunk
from narrate.batching.cluster import DaskExecutor
from narrate.engines.executor import InlineExecutor
from narrate.errors import EngineError, UsageError

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
    for key, samples in local.items():
        np.testing.assert_array_equal(remote[key], samples)


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
    assert all(samples.size > 0 for samples in results.values())


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
