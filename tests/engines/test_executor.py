import numpy as np

from narrate.engines.executor import InlineExecutor, PoolExecutor


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
        np.testing.assert_array_equal(pooled[key], inline[key])
