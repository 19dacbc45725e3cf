"""Word timings for the piper engine, from piper's phoneme alignments.

piper exposes how many samples each phoneme id lasts when the model's `w_ceil` tensor is a
graph output (`piper.patch_voice_with_alignment`, which needs the `onnx` package); each
AudioChunk then carries `phoneme_alignments`. The model used here is the engine's own
(seeded as the engine seeds it, see piper_seed) with that output added, so the samples are
those `PiperEngine.synthesize` gives for the same text. When the engine's own session
already has the output, it is used as it is; otherwise a timed copy is loaded once.
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path
from typing import Any

import numpy as np

from narrate.engines.base import Speech, WordTiming

_LOCK = threading.Lock()


@functools.lru_cache(maxsize=4)
def _timed_voice(model_path: str, config_path: str) -> tuple[Any, Any]:
    """(PiperVoice, SeededSession) of the model with the seed input and the alignment
    output; loaded once per process and model."""
    import onnx
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.patch_voice_with_alignment import add_alignment_output

    from narrate.engines.piper_seed import SeededSession, add_seed_input

    model = add_seed_input(onnx.load(model_path))
    add_alignment_output(model)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = SeededSession(
        onnxruntime.InferenceSession(
            model.SerializeToString(), sess_options=options, providers=["CPUExecutionProvider"]
        )
    )
    config = PiperConfig.from_dict(json.loads(Path(config_path).read_text(encoding="utf-8")))
    return PiperVoice(session=session, config=config), session


def _voice_for(engine: Any) -> tuple[Any, Any]:
    """The engine's own voice when its model already gives alignments, else the timed copy
    (without loading the engine's plain model for nothing)."""
    session = getattr(engine, "_session", None)
    if session is not None and len(session.get_outputs()) > 1:
        return engine._piper, session
    with _LOCK:
        return _timed_voice(str(engine.model_path), str(engine.config_path))


def synthesize_timed(engine: Any, text: str) -> Speech:
    """`engine` (a PiperEngine) speaking `text`, with the time of each spoken word."""
    from piper import SynthesisConfig

    from narrate.engines.markup import piper_phonemes
    from narrate.engines.piper_seed import seed_for
    from narrate.text.word_alignment import pair_words, phoneme_word_spans, spoken_words

    piper, session = _voice_for(engine)
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
