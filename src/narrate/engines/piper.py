"""The default engine: piper (offline neural TTS), reproducible chunk by chunk."""

from __future__ import annotations

import importlib
import json
import threading
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from narrate.engines.base import Speech
from narrate.engines.identity import file_digest
from narrate.errors import EngineError, VoiceError
from narrate.voices import Voice

# Piper phonemizes a whole call at once; long calls only cost memory and latency, so keep the
# chunks sentence-sized. 400 characters is a long sentence.
MAX_CHARS = 400


class PiperEngine:
    """piper-tts with a model from a voice package (`model_package`) or a path (`model`).

    Noise is seeded from a hash of the voice and the text (see piper_seed), so a chunk's
    samples depend on nothing else.
    """

    name = "piper"
    max_chars = MAX_CHARS
    remote = False
    # onnxruntime releases the GIL (espeak's phonemes, a small part, do not): two threads on
    # one engine speak 1.9 times as fast as one (measured on 2 cores), with one model loaded.
    threaded = True

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self.model_path = _model_path(voice)
        self.config_path = Path(f"{self.model_path}.json")
        try:
            self._config = json.loads(self.config_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise VoiceError(f"voice {voice.name}: cannot read {self.config_path}") from error
        self.sample_rate = int(self._config["audio"]["sample_rate"])
        rate = float(voice.option("speaking_rate", 1.0))
        if not 0.25 <= rate <= 4.0:
            raise VoiceError(f"voice {voice.name}: speaking_rate {rate} is outside 0.25-4")
        self.length_scale = 1.0 / rate
        # Loaded on first use, so building an engine to plan chunks stays cheap.
        self._piper: Any = None
        self._session: Any = None
        self._lock = threading.Lock()

    @cached_property
    def _identity(self) -> str:
        return (
            f"piper:{self.model_path.name}:{_package_version(self.voice)}:"
            f"{file_digest(self.model_path)}:length_scale={self.length_scale:.4f}"
        )

    def identity(self) -> str:
        return self._identity

    def _load(self) -> tuple[Any, Any]:
        """Load the model once (the ONNX session is the expensive part), seeded."""
        with self._lock:
            if self._piper is None:
                self._piper, self._session = self._load_model()
            return self._piper, self._session

    def _load_model(self) -> tuple[Any, Any]:
        import onnx
        from piper import PiperVoice
        from piper.config import PiperConfig
        from piper.patch_voice_with_alignment import add_alignment_output

        from narrate.engines.onnx_session import open_session
        from narrate.engines.piper_seed import SeededSession, add_seed_input

        try:
            model = add_seed_input(onnx.load(str(self.model_path)))
            # The phoneme durations as an output too (word timings, see piper_timing): the
            # same graph, so timed and plain calls give the same samples from one session.
            add_alignment_output(model)
            session = open_session(model.SerializeToString())
        except Exception as error:  # onnx/onnxruntime raise many types
            raise EngineError(f"cannot load piper model {self.model_path}: {error}") from error
        seeded = SeededSession(session)
        return PiperVoice(session=seeded, config=PiperConfig.from_dict(self._config)), seeded

    def synthesize(self, text: str) -> np.ndarray:
        """Speak `text`; mono int16 at the model's rate. Piper splits sentences itself."""
        from piper import SynthesisConfig

        from narrate.engines.markup import piper_phonemes
        from narrate.engines.piper_seed import seed_for

        piper, session = self._load()
        config = SynthesisConfig(length_scale=self.length_scale)
        with session.seeded(seed_for(self.identity(), text)):
            pieces = [
                chunk.audio_int16_array for chunk in piper.synthesize(piper_phonemes(text), config)
            ]
        if not pieces:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(pieces).astype(np.int16, copy=False)

    def synthesize_timed(self, text: str) -> Speech:
        """`synthesize`'s samples, with each spoken word's time (see piper_timing)."""
        from narrate.engines.piper_timing import synthesize_timed

        return synthesize_timed(self, text)


def _package_version(voice: Voice) -> str:
    """The version of the voice's model package, or "file" for a model given by path."""
    package = voice.option("model_package")
    if not package or voice.option("model"):
        return "file"
    try:
        return metadata.version(str(package).replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "unknown"


def _model_path(voice: Voice) -> Path:
    explicit = voice.option("model")
    if explicit:
        path = Path(str(explicit)).expanduser()
        if not path.is_absolute() and voice.path:
            path = Path(voice.path).parent / path
        if not path.is_file():
            raise VoiceError(f"voice {voice.name}: model file {path} not found")
        return path
    package = voice.option("model_package")
    if not package:
        raise VoiceError(f"voice {voice.name}: set options.model or options.model_package")
    try:
        module = importlib.import_module(str(package))
    except ImportError as error:
        raise VoiceError(
            f"voice {voice.name}: model package {package!r} is not installed "
            f"(pip install {str(package).replace('_', '-')})"
        ) from error
    return Path(module.model_path())
