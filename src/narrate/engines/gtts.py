"""The online engine: Google Translate's text-to-speech through gTTS.

gTTS gives MP3 at 24 kHz; pydub decodes it (through narrate's ffmpeg) to PCM here, so every
engine hands the pipeline the same thing. Rate limits (429) and server errors (5xx) are
retried with exponential backoff.
"""

from __future__ import annotations

import io
import time
import warnings

import numpy as np

from narrate.errors import EngineError, VoiceError
from narrate.ffmpeg import ffmpeg_path
from narrate.voices import Voice

SAMPLE_RATE = 24_000
# gTTS cuts text into 100-character requests itself; matching that keeps one call one request
# and leaves the pauses between pieces to narrate.
MAX_CHARS = 100
RETRY_STATUSES = {429, 500, 502, 503, 504}


class GttsEngine:
    name = "gtts"
    sample_rate = SAMPLE_RATE
    max_chars = MAX_CHARS
    remote = True

    def __init__(self, voice: Voice) -> None:
        from gtts.lang import tts_langs

        self.voice = voice
        self.lang = str(voice.option("lang", voice.language.split("-")[0]))
        if self.lang not in tts_langs():
            raise VoiceError(f"voice {voice.name}: gTTS does not speak language {self.lang!r}")
        self.tld = str(voice.option("tld", "com"))
        self.slow = bool(voice.option("slow", False))
        self.timeout = float(voice.option("timeout", 15))
        self.retries = int(voice.option("retries", 4))
        self.backoff = float(voice.option("backoff", 1.0))

    def identity(self) -> str:
        return f"gtts:{self.lang}:{self.tld}:slow={self.slow}"

    def synthesize(self, text: str) -> np.ndarray:
        from narrate.engines.markup import plain_words

        return mp3_to_pcm(self._fetch_mp3(plain_words(text)), SAMPLE_RATE)

    def _fetch_mp3(self, text: str) -> bytes:
        from gtts import gTTS, gTTSError

        for attempt in range(self.retries + 1):
            buffer = io.BytesIO()
            try:
                gTTS(
                    text,
                    lang=self.lang,
                    tld=self.tld,
                    slow=self.slow,
                    timeout=self.timeout,
                    lang_check=False,
                ).write_to_fp(buffer)
                return buffer.getvalue()
            except gTTSError as error:
                status = getattr(getattr(error, "rsp", None), "status_code", None)
                if status in RETRY_STATUSES and attempt < self.retries:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                if status is None:
                    raise EngineError(
                        f"gTTS: cannot reach translate.google.{self.tld} "
                        "(no network?); use an offline voice such as `--voice joe`"
                    ) from error
                raise EngineError(f"gTTS: the service answered HTTP {status}") from error
        raise EngineError("gTTS: gave up after retries")  # pragma: no cover - loop returns


def mp3_to_pcm(data: bytes, sample_rate: int) -> np.ndarray:
    """MP3 bytes as mono int16 samples at `sample_rate`, decoded by pydub."""
    # pydub looks for ffmpeg on PATH, and warns at import when none is there: it is pointed
    # at the one narrate uses (imageio-ffmpeg's when PATH has none) before any use.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
        from pydub import AudioSegment
        from pydub.exceptions import CouldntDecodeError

    AudioSegment.converter = ffmpeg_path()
    try:  # a named codec spares the ffprobe call, which imageio-ffmpeg does not ship
        segment = AudioSegment.from_file(io.BytesIO(data), format="mp3", codec="mp3")
    except CouldntDecodeError as error:
        raise EngineError(f"gTTS sent audio that does not decode: {error}") from error
    segment = segment.set_channels(1).set_frame_rate(sample_rate).set_sample_width(2)
    return np.frombuffer(segment.raw_data, dtype=np.int16).copy()
