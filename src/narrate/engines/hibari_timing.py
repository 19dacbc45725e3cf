"""Word timings for the hibari engine, from the phoneme durations its model computes.

hibari's API returns samples only, but its ONNX graph computes one duration per phoneme id
(pads included) at the node `/Round`; the clipped value right after it (`/Clip`) is what the
decoder expands by, in units of exactly 600 samples (25 ms at 24 kHz). The engine's session
is the model with that tensor added to the graph's outputs, which gives the durations beside
the very same vocoder parameters; the DSP stage then runs exactly as hibari's own `__call__`
does (one random generator per call, seeded as the engine seeds it), so plain and timed
calls give the same samples from one session.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from narrate.engines.base import Speech, WordTiming

DURATION_TENSOR = "/Clip_output_0"
SAMPLES_PER_UNIT = 600


def timed_model(model_path: str) -> bytes:
    """The model at `model_path`, serialized with the duration tensor as an extra (last)
    output: what the engine's one session runs, for plain and timed calls alike.

    Done on the serialized bytes, without the onnx package (whose import, ml_dtypes with it,
    took seconds of a new machine's first narration): protobuf merges a message field that
    appears twice, concatenating its repeated fields, so a second `graph` field (ModelProto
    field 7) holding only one `output` (GraphProto field 12) with the tensor's `name`
    (ValueInfoProto field 1) appends that output to the graph's own."""
    model = Path(model_path).read_bytes()
    output = _field(_VALUE_INFO_NAME, DURATION_TENSOR.encode("utf-8"))
    return model + _field(_MODEL_GRAPH, _field(_GRAPH_OUTPUT, output))


# Field numbers of onnx.proto3: ModelProto.graph, GraphProto.output, ValueInfoProto.name.
_MODEL_GRAPH, _GRAPH_OUTPUT, _VALUE_INFO_NAME = 7, 12, 1


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field (wire type 2): its key, its length, its bytes."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def synthesize_timed(engine: Any, text: str) -> Speech:
    """`engine` (a HibariEngine) speaking `text`, with the time of each spoken word."""
    from hibari import dsp

    from narrate.engines.identity import seed_for
    from narrate.text.word_alignment import pair_words, phoneme_word_spans, spoken_words

    tts = engine._load()
    session = tts.sess  # the engine loads hibari with timed_model() in place of its own
    rng = np.random.default_rng(seed_for(engine.identity(), text))
    pieces: list[np.ndarray] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    for phonemes in tts.phonemize(text):
        ids = tts.ids(phonemes)
        if len(ids) < 3:  # as hibari's from_ids: nothing to say, no noise drawn
            continue
        outputs = session.run(
            None,
            {
                "ids": np.asarray([ids], np.int64),
                "speed": np.asarray([engine.speed], np.float32),
            },
        )
        lh, th, ln, lr, phi, f0 = (o[0] for o in outputs[:6])
        durations = np.asarray(outputs[6]).reshape(-1).astype(np.int64) * SAMPLES_PER_UNIT
        audio = dsp.synth(lh, th, ln, lr, phi, f0, rng)
        kept = ["_"] + [c for c in phonemes if c in tts.vocab] + ["_"]
        if len(kept) == len(durations):
            spans.extend(
                (cursor + start, cursor + end)
                for start, end in phoneme_word_spans(
                    list(zip(kept, durations.tolist(), strict=False))
                )
            )
        pieces.append(audio)
        cursor += len(audio)
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    words = tuple(
        WordTiming(word, min(start, cursor), min(end, cursor))
        for word, start, end in pair_words(spoken_words(text), spans)
    )
    return Speech(to_int16(samples), words)


def to_int16(audio: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] as int16, clipped (the DSP can overshoot by a hair)."""
    return (np.clip(audio, -1.0, 1.0) * 32767.0).round().astype(np.int16)
