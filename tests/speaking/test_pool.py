"""Worker pools: the same samples as inline, a few chunks inline, crashes and orphans."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest
from fakes import MARKER, DyingEngine, dying_engine

from narrate.batching.run import BatchSettings, batch
from narrate.batching.state import STATE_NAME
from narrate.pipeline import NarrationSettings
from narrate.speaking.chunks import ChunkFailure
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
    pool = PoolExecutor(voice, piper_engine, jobs=2, processes=True)
    try:
        pooled = dict(pool.speak(iter(requests)))
    finally:
        pool.close()
    assert sorted(pooled) == [0, 1, 2, 3]
    for key in inline:
        np.testing.assert_array_equal(pooled[key].samples, inline[key].samples)


def test_adaptive_executor_speaks_a_few_chunks_inline_and_many_in_a_pool(voice, piper_engine):
    executor = AdaptiveExecutor(voice, piper_engine, jobs=2, threshold=3, processes=True)
    try:
        few = dict(executor.speak([(0, "Only one.")]))
        assert executor._pool is None  # no processes started for one chunk
        many = dict(executor.speak(enumerate(["One.", "Two.", "Three.", "Four."])))
        assert executor._pool is not None and sorted(many) == [0, 1, 2, 3]
    finally:
        executor.close()
    np.testing.assert_array_equal(few[0].samples, piper_engine.synthesize("Only one."))
    np.testing.assert_array_equal(many[3].samples, piper_engine.synthesize("Four."))


def test_a_worker_that_dies_fails_only_the_chunk_it_held(voice, piper_engine):
    texts = ["One.", "Two words.", f"{MARKER} here.", "Four.", "Five, after the crash."]
    pool = PoolExecutor(voice, piper_engine, jobs=2, factory=dying_engine, processes=True)
    try:
        outcomes = dict(pool.speak(enumerate(texts)))
        assert pool.restarts >= 1
        after = dict(pool.speak([(9, "Still speaking.")]))  # the restarted pool works
    finally:
        pool.close()
    assert sorted(outcomes) == [0, 1, 2, 3, 4]
    assert isinstance(outcomes[2], ChunkFailure) and "worker process died" in str(outcomes[2])
    for key in (0, 1, 3, 4):
        assert outcomes[key].samples.size == len(texts[key]) * 400
    assert after[9].samples.size > 0


def test_a_batch_records_the_post_whose_worker_died_and_goes_on(tmp_path, voice):
    posts = tmp_path / "posts"
    posts.mkdir()
    for n in range(1, 5):
        body = f"{MARKER} goes the boiler." if n == 3 else f"The ferry made trip {n}."
        (posts / f"post-{n}.md").write_text(
            f"# Note {n}\n\n{body} The crew waved. Everyone went home.\n", encoding="utf-8"
        )
    settings = BatchSettings(
        narration=NarrationSettings(voice="joe", output_dir=tmp_path / "out", cache=False, jobs=2)
    )

    def executor(voice, engine):
        # An engine that is not `threaded` is spoken by worker processes (joe's piper is
        # threaded): the dying engine, at joe's sample rate, built in each worker.
        assert DyingEngine.sample_rate == engine.sample_rate
        return AdaptiveExecutor(voice, DyingEngine(), 2, factory=dying_engine, threshold=2)

    result = batch([str(posts)], settings, executor_factory=executor)
    statuses = {Path(p.id).name: (p.status, p.error) for p in result.posts}
    assert statuses["post-3.md"][0] == "failed"
    assert "worker process died" in statuses["post-3.md"][1]
    assert [statuses[f"post-{n}.md"][0] for n in (1, 2, 4)] == ["narrated"] * 3
    with sqlite3.connect(tmp_path / "out" / STATE_NAME) as db:
        (error,) = db.execute("SELECT error FROM posts WHERE status = 'failed'").fetchone()
    assert "worker process died" in error


def _tree(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


@pytest.mark.slow
def test_killing_narrate_leaves_no_worker_behind(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    for n in range(1, 13):
        (posts / f"post-{n:02d}.md").write_text(
            f"# Note {n}\n\nThe ferry made trip number {n} across the bay today. "
            "The crew waved at the harbor master. Everyone went home happy.\n",
            encoding="utf-8",
        )
    # A batch whose voice is spoken by worker processes (the built-in voices are spoken by
    # threads: an engine that is not `threaded`, or processes=True, gets processes).
    script = tmp_path / "batch_it.py"
    script.write_text(
        "from pathlib import Path\n"
        "from narrate.audio.loudness import level_chunk\n"
        "from narrate.batching.run import BatchSettings, batch\n"
        "from narrate.pipeline import NarrationSettings\n"
        "from narrate.speaking.pool import AdaptiveExecutor\n"
        "if __name__ == '__main__':\n"
        "    narration = NarrationSettings(voice='joe', jobs=2,\n"
        f"        output_dir=Path({str(tmp_path / 'out')!r}),\n"
        f"        cache_dir=Path({str(tmp_path / 'cache')!r}))\n"
        "    def processes(voice, engine):\n"
        "        return AdaptiveExecutor(voice, engine, 2, level_chunk, processes=True)\n"
        f"    batch([{str(posts)!r}], BatchSettings(narration=narration),\n"
        "          executor_factory=processes)\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while len(_tree(process.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        descendants = _tree(process.pid)
        assert len(descendants) >= 3  # the forkserver and two workers
    finally:
        process.kill()  # SIGKILL to narrate alone, not to its process group
        process.wait()
    _gone, alive = psutil.wait_procs(descendants, timeout=5)
    running = [p for p in alive if _running(p)]  # dead but not yet reaped by init is gone
    assert not running, [(p.pid, p.status()) for p in running]


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
def test_the_api_works_in_a_script_without_the_main_guard(tmp_path):
    article = tmp_path / "article.md"
    sentences = " ".join(f"The ferry made trip number {n} across the bay." for n in range(30))
    article.write_text(f"# Ferry log\n\n{sentences}\n", encoding="utf-8")
    script = tmp_path / "narrate_it.py"
    script.write_text(
        "from pathlib import Path\n"
        "import narrate\n"
        "from narrate import NarrationSettings\n"
        "from narrate.audio.loudness import level_chunk\n"
        "from narrate.engines.registry import create_engine\n"
        "from narrate.speaking.pool import AdaptiveExecutor\n"
        "from narrate.voices import get_voice\n"
        f"settings = NarrationSettings(output_dir=Path({str(tmp_path / 'audio')!r}), jobs=2,\n"
        f"    voice='joe', cache_dir=Path({str(tmp_path / 'cache')!r}))\n"
        "voice = get_voice('joe')\n"
        "# Worker processes, which import this script: they must not narrate it again.\n"
        "executor = AdaptiveExecutor(voice, create_engine(voice), 2, level_chunk, processes=True)\n"
        f"result = narrate.narrate_article({str(article)!r}, settings, executor=executor)\n"
        "executor.close()\n"
        "print(result.path)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == [str(tmp_path / "audio" / "ferry-log.mp3")]
    assert "Traceback" not in done.stderr


def test_a_pool_started_ahead_still_leaves_a_few_chunks_inline(voice, piper_engine):
    executor = AdaptiveExecutor(voice, piper_engine, jobs=2, threshold=3, processes=True)
    try:
        executor.start_pool()  # as narrate_article does while it plans a long article
        few = dict(executor.speak([(0, "Only one.")]))  # all but one chunk were cached
        assert executor._warm  # the pool waited on nothing
        many = dict(executor.speak(enumerate(["One.", "Two.", "Three.", "Four."])))
        assert not executor._warm and sorted(many) == [0, 1, 2, 3]
    finally:
        executor.close()
    np.testing.assert_array_equal(few[0].samples, piper_engine.synthesize("Only one."))


def test_a_pool_started_ahead_and_never_needed_ends_its_workers_on_close(voice, piper_engine):
    executor = AdaptiveExecutor(voice, piper_engine, jobs=2, threshold=3, processes=True)
    executor.start_pool()
    dict(executor.speak([(0, "Only one.")]))  # every other chunk was cached
    workers = [psutil.Process(p.pid) for p in executor._pool._pool._processes.values()]
    executor.close()
    assert not [w for w in workers if _running(w)]


def test_the_model_loads_ahead_unless_the_opening_is_cached_or_processes_would_be_idle(
    tmp_path, voice, piper_engine
):
    """Threads load the model ahead for any article; worker processes (seconds to start)
    only for a long one; an article whose opening is cached loads nothing ahead."""
    from dataclasses import replace

    from narrate.documents.article import Article, Block, BlockKind
    from narrate.engines.base import Speech
    from narrate.pipeline import get_ready
    from narrate.planning import plan_article
    from narrate.speaking.speaker import Speaker, open_speaker

    paragraph = " ".join(f"The ferry made trip number {n} across the bay." for n in range(20))
    long = Article(title="Ferry log", blocks=(Block(BlockKind.PARAGRAPH, paragraph),) * 4)
    short = replace(long, blocks=(Block(BlockKind.PARAGRAPH, "One short note."),))
    settings = NarrationSettings(voice="joe", cache_dir=tmp_path / "cache", jobs=2)

    def started_ahead(article: Article, processes: bool = False) -> bool:
        executor = AdaptiveExecutor(voice, piper_engine, 2, processes=processes)
        speaker = open_speaker(voice, settings.speaking, executor=executor)
        try:
            get_ready(speaker, plan_article(settings.cast(article), piper_engine, settings))
            return executor._pool is not None
        finally:
            speaker.close()

    assert started_ahead(long) and started_ahead(short)  # piper speaks in threads
    assert started_ahead(long, processes=True)
    assert not started_ahead(short, processes=True)
    # Narrated before: its opening is in the cache, and a repeat loads no model.
    speaker: Speaker = open_speaker(voice, settings.speaking, planning_only=True)
    plan = plan_article(settings.cast(long), piper_engine, settings)
    for block in plan.script.blocks[:4]:
        for sentence in block.sentences:
            for text in sentence.chunks:
                speaker.cache.put(speaker.cache.key(text), Speech(np.zeros(10, dtype=np.int16)))
    assert not started_ahead(long)


def test_a_first_run_loads_the_model_before_the_article_is_read(tmp_path):
    """Nothing can be cached yet (an empty cache folder, or the cache off): the speaker of
    the one voice opens at once and its threads load the model. Once the cache holds
    anything, or with --voice auto, the article decides first."""
    from narrate.pipeline import early_speaker

    def opened(settings: NarrationSettings) -> bool:
        speaker = early_speaker(settings)
        if speaker is None:
            return False
        try:
            assert speaker.voice.name == "joe"
            return speaker.inner._pool is not None  # its threads started
        finally:
            speaker.close()

    cache = tmp_path / "cache"
    assert opened(NarrationSettings(voice="joe", cache_dir=cache, jobs=2))
    assert opened(NarrationSettings(voice="joe", cache=False, jobs=2))
    (cache / "ab").mkdir(parents=True)  # an entry's shard: narrated here before
    assert not opened(NarrationSettings(voice="joe", cache_dir=cache, jobs=2))
    assert not opened(NarrationSettings(voice="auto", cache=False, jobs=2))


def test_a_threaded_engine_is_spoken_by_threads_sharing_it(hibari_voice, hibari_engine):
    """hibari releases the GIL: its pool is threads in this process, one model in memory."""
    from narrate.speaking.pool import runs_in_threads

    texts = ["First sentence.", "Second one, a bit longer.", "Third.", "Fourth and last."]
    requests = list(enumerate(texts))
    inline = dict(InlineExecutor(hibari_engine).speak(requests))
    assert runs_in_threads(hibari_engine)
    before = psutil.Process().children(recursive=True)
    pool = PoolExecutor(hibari_voice, hibari_engine, jobs=2)
    try:
        pooled = dict(pool.speak(iter(requests)))
        assert psutil.Process().children(recursive=True) == before  # no worker process
    finally:
        pool.close()
    assert sorted(pooled) == [0, 1, 2, 3]
    for key in inline:
        np.testing.assert_array_equal(pooled[key].samples, inline[key].samples)
