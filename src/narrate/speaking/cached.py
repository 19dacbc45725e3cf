"""The sentence cache as a voice sees it, and the executor that serves chunks from it.

A key is the SHA-256 of the engine's identity, the voice's name and options, the chunk's
spoken text, SYNTHESIS_VERSION and the leveling version. Chunks are reproducible, so a hit is
exactly what synthesis would give. The samples and the words' timings are an entry of
narrate.speaking.store's SentenceCache.

CachedExecutor wraps any executor (the local pool, a cluster): it serves hits itself and
sends only the misses on, once per distinct text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path

from narrate.engines.base import SYNTHESIS_VERSION, Engine, Speech, WordTiming
from narrate.errors import OutputError
from narrate.speaking.chunks import ChunkFailure, Executor, Key, Outcome
from narrate.speaking.store import SentenceCache, default_cache_dir
from narrate.voices import Voice

# Hits found ahead of the next miss wait in memory until they are yielded; past this many
# the executor lets the consumer catch up first, so memory stays bounded on long runs of hits.
LOOKAHEAD_HITS = 64
# Cache entries read ahead of the request being served (in a thread of their own).
READ_AHEAD = 8


@dataclass(frozen=True)
class CacheStats:
    """What one narration took from the cache and what it had to synthesize (chunks)."""

    hits: int = 0
    synthesized: int = 0
    failed: int = 0


@dataclass(frozen=True)
class VoiceCache:
    """The cache as one voice and engine see it: keys include everything but the text."""

    store: SentenceCache
    identity: str
    sample_rate: int

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.identity}\x1f{text}".encode()).hexdigest()

    def get(self, text_key: str) -> Speech | None:
        """The cached speech, or None when the entry or its words are absent or unreadable."""
        try:
            raw = json.loads(self.store.words_path_for(text_key).read_text(encoding="utf-8"))
            words = tuple(WordTiming(str(t), int(a), int(b)) for t, a, b in raw)
        except (OSError, ValueError, TypeError):
            return None
        samples = self.store.get(text_key, self.sample_rate)
        if samples is None:
            return None
        return Speech(samples, words)

    def put(self, text_key: str, speech: Speech) -> None:
        """Store `speech`: the words first, then the samples (which make it a hit)."""
        data = json.dumps([[w.text, w.start, w.end] for w in speech.words], ensure_ascii=False)
        self.store.put_words(text_key, data)
        self.store.put(text_key, speech.samples, self.sample_rate)

    def count_missing(self, texts: Iterable[str]) -> int:
        """How many distinct texts would have to be synthesized."""
        return sum(1 for text in set(texts) if not self.store.has(self.key(text)))


def speech_identity(voice: Voice, engine: Engine) -> str:
    """Everything that decides a chunk's samples but its text: the engine's identity (its
    model's version and digest), the voice's name and options, and narrate's own synthesis
    and leveling versions. The sentence cache keys by it; a batch re-narrates when it
    changes."""
    from narrate.audio.loudness import LEVELING_VERSION

    return json.dumps(
        [engine.identity(), voice.name, voice.options, SYNTHESIS_VERSION, LEVELING_VERSION],
        sort_keys=True,
        default=str,
    )


def voice_cache(directory: Path | None, voice: Voice, engine: Engine) -> VoiceCache:
    """The cache for `voice` spoken by `engine`, in `directory` (default: the user cache)."""
    store = SentenceCache(directory if directory is not None else default_cache_dir())
    return VoiceCache(store, speech_identity(voice, engine), engine.sample_rate)


class CachedExecutor:
    """An executor that serves cached chunks itself and sends only misses to `inner`.

    The same text requested twice while it is being synthesized (the disclosure in every
    post of a batch) is synthesized once. Failures are passed on, never cached.
    """

    def __init__(self, inner: Executor, cache: VoiceCache, lookahead: int = LOOKAHEAD_HITS):
        self.inner = inner
        self.cache = cache
        self.lookahead = max(1, lookahead)
        self._hits = 0
        self._synthesized = 0
        self._failed = 0

    @property
    def stats(self) -> CacheStats:
        return CacheStats(self._hits, self._synthesized, self._failed)

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        with futures.ThreadPoolExecutor(1, thread_name_prefix="narrate-cache") as reader:
            yield from self._speak(self._looked_up(requests, reader))

    def _looked_up(
        self, requests: Iterable[tuple[Key, str]], reader: futures.Executor
    ) -> Iterator[tuple[Key, str, str, Speech | None]]:
        """Each request with its cache key and cached speech (None: a miss). Entries are
        read (FLAC decoded) READ_AHEAD requests ahead in a thread, while the caller joins
        and measures the chunks before them."""
        ahead: deque[tuple[Key, str, str, futures.Future]] = deque()
        source = iter(requests)
        while True:
            while len(ahead) < READ_AHEAD and (item := next(source, None)) is not None:
                key, text = item
                text_key = self.cache.key(text)
                ahead.append((key, text, text_key, reader.submit(self.cache.get, text_key)))
            if not ahead:
                return
            key, text, text_key, entry = ahead.popleft()
            # Read early, an entry may have been written since (a text said twice).
            speech = entry.result() or self.cache.get(text_key)
            yield key, text, text_key, speech

    def _speak(
        self, source: Iterator[tuple[Key, str, str, Speech | None]]
    ) -> Iterator[tuple[Key, Outcome]]:
        hits: deque[tuple[Key, Outcome]] = deque()
        # Cache key -> the requests waiting for it; the inner executor sees cache keys only.
        waiting: dict[str, list[Key]] = {}
        exhausted = False

        def misses() -> Iterator[tuple[str, str]]:
            nonlocal exhausted
            for key, text, text_key, speech in source:
                if text_key in waiting:
                    waiting[text_key].append(key)
                    continue
                if speech is not None:
                    self._hits += 1
                    hits.append((key, speech))
                    if len(hits) >= self.lookahead:
                        return  # ends this round; the next one resumes `source`
                    continue
                waiting[text_key] = [key]
                yield text_key, text
            exhausted = True

        while not exhausted:
            for text_key, outcome in self.inner.speak(misses()):
                while hits:
                    yield hits.popleft()
                if isinstance(outcome, ChunkFailure):
                    self._failed += 1
                else:
                    self._synthesized += 1
                    # A cache that cannot be written (full disk, read-only) costs speed only.
                    with contextlib.suppress(OSError, OutputError):
                        self.cache.put(text_key, outcome)
                for key in waiting.pop(text_key):
                    yield key, outcome
            while hits:
                yield hits.popleft()

    def close(self) -> None:
        self.inner.close()
