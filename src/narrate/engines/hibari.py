"""The hibari engine: a Kokoro-distilled voice (hibari-tts, Apache-2.0), offline, reproducible.

hibari's model predicts vocoder parameters and its numpy DSP adds noise from a random
generator; a seed per call (a hash of the engine's identity and the text) makes each chunk's
samples depend on nothing else, in any process or thread. Its grapheme-to-phoneme stage reads
misaki's inline markup `[word](/phonemes/)`, which is how a voice lexicon gives phonemes in
the voice's own alphabet (see text/lexicon.py).
"""

from __future__ import annotations

import importlib.util
import json
import threading
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrate.engines.base import Speech
from narrate.engines.identity import file_digest
from narrate.engines.onnx_session import open_session
from narrate.errors import EngineError, VoiceError
from narrate.voices import Voice

if TYPE_CHECKING:  # planning builds the engine for its limits only: numpy loads to speak
    import numpy as np

SAMPLE_RATE = 24_000
# hibari splits what it is given into sentences and long sentences at clauses (400 phonemes);
# sentence-sized chunks keep latency and memory low and the seed per chunk meaningful.
MAX_CHARS = 300
# Voices inside the wheel; the others download on first use, which narrate never does.
BUNDLED_VOICES = ("heart",)
# One G2P (lexicons, about 100 MB of Python objects) per spelling and one serialized model
# (about 8 MB) per model file, per process, shared by every engine in it. A pool's forkserver
# builds both before it forks the workers, so the workers share their pages.
_G2P: dict[bool, Any] = {}
_MODELS: dict[str, bytes] = {}
_SHARED_LOCK = threading.Lock()


def shared_g2p(british: bool = False) -> Any:
    """hibari's grapheme-to-phoneme stage, built once per process. It is pure Python (its
    out-of-vocabulary network loads lazily), so a pool's forkserver builds it before it forks
    the workers (preload_for_workers): they share its pages instead of each loading a copy."""
    with _SHARED_LOCK:
        if british not in _G2P:
            from hibari.g2p import G2P

            mend_roman_numerals()

            _G2P[british] = G2P(british=british)
        return _G2P[british]


# hibari 0.2.1 reads a Roman numeral after a title ("Henry VIII") with a pattern that also
# matches an empty numeral before any capital I, V, X, L or C: "Pope Leo" became "Pope the
# zerothLeo", "King Charles" "King the zerothCharles", "part Irish" "part 0Irish". The mended
# pattern wants at least one numeral letter (the lookbehind): "Henry VIII" reads as before.
_NUMERAL = (
    r"((?=[IVXLC])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?<=[IVXLCDM]))"
)
G2P_MENDED = "numerals-mended"  # in the identity: the sentence cache keeps no zeroth Leo


def mend_roman_numerals() -> None:
    """Give hibari's normalizer the numeral pattern above (idempotent, before its first use)."""
    import re

    # The module, not the function hibari.g2p exports under the same name.
    hibari_normalize = importlib.import_module("hibari.g2p.normalize")
    for name, titles in (("RE_ROMAN_C", "ROMAN_CARDINAL"), ("RE_ROMAN_O", "ROMAN_ORDINAL")):
        words = hibari_normalize._alt(getattr(hibari_normalize, titles))
        pattern = rf"\b({words}) {_NUMERAL}\b(?![.'’]\w)"
        setattr(hibari_normalize, name, re.compile(pattern))


def shared_timed_model(model_path: str) -> bytes:
    """hibari_timing.timed_model, built once per process (in the forkserver, for its
    workers to share)."""
    with _SHARED_LOCK:
        if model_path not in _MODELS:
            from narrate.engines.hibari_timing import timed_model

            _MODELS[model_path] = timed_model(model_path)
        return _MODELS[model_path]


def bundled_model_path(voice_name: str, profile: str) -> Path:
    """Where a voice inside the hibari-tts wheel keeps its model, found without importing
    hibari (its DSP imports scipy.fft: a batch with nothing to narrate needs only the path,
    for the model's digest)."""
    spec = importlib.util.find_spec("hibari")
    if spec is None or not spec.submodule_search_locations:
        raise VoiceError(f"voice {profile}: hibari-tts is not installed (pip install hibari-tts)")
    assets = Path(next(iter(spec.submodule_search_locations))) / "assets"
    try:
        entry = json.loads((assets / "voices.json").read_text(encoding="utf-8"))[voice_name]
    except (OSError, ValueError, KeyError) as error:
        raise VoiceError(f"voice {profile}: hibari has no voice {voice_name!r}") from error
    return assets / str(entry["file"])


def preload_for_workers() -> None:
    """Called by narrate.speaking in the pool's forkserver, before any worker is forked."""
    shared_g2p(False)
    shared_timed_model(str(bundled_model_path(BUNDLED_VOICES[0], BUNDLED_VOICES[0])))


class HibariEngine:
    """hibari-tts with a voice packaged in its wheel (`options.voice`, default "heart")."""

    name = "hibari"
    sample_rate = SAMPLE_RATE
    max_chars = MAX_CHARS
    remote = False
    # onnxruntime and hibari's numpy DSP release the GIL: two threads on one engine speak
    # 1.8 times as fast as one (measured on 2 cores), with one model in memory.
    threaded = True

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self.voice_name = str(voice.option("voice", "heart"))
        if self.voice_name not in BUNDLED_VOICES:
            raise VoiceError(
                f"voice {voice.name}: hibari voice {self.voice_name!r} is not in the package "
                f"(offline voices: {', '.join(BUNDLED_VOICES)})"
            )
        self.speed = float(voice.option("speaking_rate", 1.0))
        if not 0.5 <= self.speed <= 2.0:
            raise VoiceError(f"voice {voice.name}: speaking_rate {self.speed} is outside 0.5-2")
        self._tts: Any = None
        self._lock = threading.Lock()

    @cached_property
    def model_path(self) -> Path:
        return bundled_model_path(self.voice_name, self.voice.name)

    @cached_property
    def _identity(self) -> str:
        try:
            version = metadata.version("hibari-tts")
        except metadata.PackageNotFoundError:
            version = "unknown"
        digest = file_digest(self.model_path)
        return f"hibari:{version}:{G2P_MENDED}:{self.voice_name}:{digest}:speed={self.speed:.4f}"

    def identity(self) -> str:
        return self._identity

    def _load(self) -> Any:
        """The model and its G2P, loaded once per engine (one thread per call for
        onnxruntime: the parallelism comes from threads calling the one session at once)."""
        with self._lock:
            if self._tts is None:
                try:
                    from hibari.voices import VOICES

                    british = bool(VOICES[self.voice_name].get("british", False))
                    # One session per engine: the model with its phoneme durations as an
                    # output too (word timings).
                    session = open_session(shared_timed_model(str(self.model_path)))
                    tts = hibari_around(session, self.voice_name, shared_g2p(british))
                except Exception as error:  # onnxruntime and file errors of many types
                    raise EngineError(
                        f"cannot load hibari voice {self.voice_name}: {error}"
                    ) from error
                self._tts = tts
        return self._tts

    def synthesize(self, text: str) -> np.ndarray:
        """Speak `text`; mono int16 at 24 kHz. Text with nothing to say gives no samples."""
        return self.synthesize_timed(text).samples

    def synthesize_timed(self, text: str) -> Speech:
        """`text` spoken, with each spoken word's time (see hibari_timing); the noise is seeded
        from the engine's identity and the text."""
        from narrate.engines.hibari_timing import synthesize_timed

        return synthesize_timed(self, text)


def hibari_around(session: Any, voice_name: str, g2p: Any) -> Any:
    """hibari's `Hibari` speaking through `session` (engines/onnx_session.py). Its own
    constructor opens a session with onnxruntime's default options, which cannot be changed
    afterwards; opening a second one would cost 0.4 s at every start. So the instance is made
    without it, with what the constructor sets: the voice, the model, the vocabulary and the
    G2P (the test against hibari's own samples holds it to that)."""
    from hibari import Hibari
    from hibari.tts import ASSETS

    tts = Hibari.__new__(Hibari)
    tts.voice, tts.model_path, tts.sess, tts._g2p = voice_name, None, session, g2p
    with open(Path(ASSETS) / "vocab.json", encoding="utf-8") as file:
        tts.vocab = json.load(file)
    return tts
