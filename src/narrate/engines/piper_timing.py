"""Word timings for the piper engine, from piper's phoneme alignments.

piper exposes how many samples each phoneme id lasts when the model's `w_ceil` tensor is a
graph output (`piper.patch_voice_with_alignment`, which needs the `onnx` package); each
AudioChunk then carries `phoneme_alignments`. PiperEngine loads its model (seeded, see
piper_seed) with that output added, so timed and plain calls share one session and give
the same samples for the same text.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from narrate.engines.base import Speech, WordTiming


def synthesize_timed(engine: Any, text: str) -> Speech:
    """`engine` (a PiperEngine) speaking `text`, with the time of each spoken word."""
    from piper import SynthesisConfig

    from narrate.engines.markup import piper_phonemes
    from narrate.engines.piper_seed import seed_for
    from narrate.text.word_alignment import pair_words, phoneme_word_spans, spoken_words

    piper, session = engine._load()
    config = SynthesisConfig(length_scale=engine.length_scale)
    pieces: list[np.ndarray] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    with session.seeded(seed_for(engine.identity(), text)):
        for chunk in piper.synthesize(piper_phonemes(text), config, include_alignments=True):
            audio = chunk.audio_int16_array
            if chunk.phoneme_alignments:
                phonemes = [(a.phoneme, int(a.num_samples)) for a in chunk.phoneme_alignments]
                spans.extend(
                    (cursor + start, cursor + end) for start, end in phoneme_word_spans(phonemes)
                )
            pieces.append(audio)
            cursor += len(audio)
    samples = (
        np.concatenate(pieces).astype(np.int16, copy=False)
        if pieces
        else np.zeros(0, dtype=np.int16)
    )
    words = tuple(
        WordTiming(word, min(start, cursor), min(end, cursor))
        for word, start, end in pair_words(spoken_words(text), spans)
    )
    return Speech(samples, words)
