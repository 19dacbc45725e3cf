"""Google Translate's TTS endpoint as gTTS calls it, for faking with `responses`: the URL
pattern, a body that carries given MP3 bytes the way Google wraps them, and a tone as MP3."""

from __future__ import annotations

import base64
import json
import re

from narrate.ffmpeg import run_ffmpeg

ENDPOINT = re.compile(
    r"https://translate\.google\.[a-z.]+/_/TranslateWebserverUi/data/batchexecute"
)


def google_body(mp3: bytes) -> str:
    """The batchexecute answer that carries `mp3`, as gTTS parses it."""
    compact = {"separators": (",", ":")}
    payload = json.dumps([base64.b64encode(mp3).decode("ascii")], **compact)
    rpc = [["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]]
    return ")]}'\n\n" + json.dumps(rpc, **compact)


def tone_mp3(seconds: float) -> bytes:
    """A 440 Hz tone as 24 kHz mono MP3, the kind of bytes Google returns."""
    source = f"sine=frequency=440:duration={seconds}:sample_rate=24000"
    return run_ffmpeg(
        ["-f", "lavfi", "-i", source, "-ac", "1", "-b:a", "32k", "-f", "mp3", "pipe:1"]
    ).stdout
