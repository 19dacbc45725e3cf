"""Worker pools: the same samples as inline, a few chunks inline, crashes and orphans."""

import numpy as np

from narrate.speaking.inline import InlineExecutor
from narrate.speaking.pool import AdaptiveExecutor, PoolExecutor


def test_pool_of_processes_speaks_the_same_samples_as_inline(voice, piper_engine):
    requests = [
        (i, text)
        for i, text in enumerate(
            ["First sentence.", "Second one, a bit longer.", "Third.", "Fourth and last."]
        )
    ]
    inline = dict(InlineExecutor(piper_engine).speak(requests))
    pool = PoolExecutor(voice, piper_engine, jobs=2)
    try:
        pooled = dict(pool.speak(iter(requests)))
    finally:
        pool.close()
    assert sorted(pooled) == [0, 1, 2, 3]
    for key in inline:
        np.testing.assert_array_equal(pooled[key].samples, inline[key].samples)


def test_adaptive_executor_speaks_a_few_chunks_inline_and_many_in_a_pool(voice, piper_engine):
    executor = AdaptiveExecutor(voice, piper_engine, jobs=2, threshold=3)
    try:
        few = dict(executor.speak([(0, "Only one.")]))
        assert executor._pool is None  # no processes started for one chunk
        many = dict(executor.speak(enumerate(["One.", "Two.", "Three.", "Four."])))
        assert executor._pool is not None and sorted(many) == [0, 1, 2, 3]
    finally:
        executor.close()
    np.testing.assert_array_equal(few[0].samples, piper_engine.synthesize("Only one."))
    np.testing.assert_array_equal(many[3].samples, piper_engine.synthesize("Four."))
