"""gTTS against a faked Google endpoint (responses): real decoding, no network."""

import numpy as np
import pytest
import requests
import responses
from google_fake import ENDPOINT, google_body, tone_mp3

from narrate.engines.gtts import SAMPLE_RATE, GttsEngine
from narrate.errors import EngineError, VoiceError
from narrate.voices import get_voice


@pytest.fixture(scope="module")
def mp3_tone() -> bytes:
    """Half a second of a 440 Hz tone as MP3, the kind of bytes Google returns."""
    return tone_mp3(0.5)


@pytest.fixture
def engine():
    voice = get_voice("gtts-en")
    voice = voice.__class__(**{**voice.__dict__, "options": {**voice.options, "backoff": 0.01}})
    return GttsEngine(voice)


@responses.activate
def test_decodes_google_mp3_to_pcm(engine, mp3_tone):
    responses.post(ENDPOINT, body=google_body(mp3_tone))
    samples = engine.synthesize("Hello from the harbor.")
    assert samples.dtype == np.int16
    assert abs(samples.size / SAMPLE_RATE - 0.5) < 0.1
    assert "tld" not in responses.calls[0].request.url
    assert "translate.google.com" in responses.calls[0].request.url


@responses.activate
def test_retries_rate_limits_then_succeeds(engine, mp3_tone):
    responses.post(ENDPOINT, status=429)
    responses.post(ENDPOINT, status=503)
    responses.post(ENDPOINT, body=google_body(mp3_tone))
    assert engine.synthesize("Hello.").size > 0
    assert len(responses.calls) == 3


@responses.activate
def test_gives_up_with_the_status_after_retries(engine):
    for _ in range(engine.retries + 1):
        responses.post(ENDPOINT, status=503)
    with pytest.raises(EngineError, match="503"):
        engine.synthesize("Hello.")


@responses.activate
def test_client_error_is_not_retried(engine):
    responses.post(ENDPOINT, status=403)
    with pytest.raises(EngineError, match="403"):
        engine.synthesize("Hello.")
    assert len(responses.calls) == 1


@responses.activate
def test_offline_gives_a_clear_error(engine):
    responses.post(ENDPOINT, body=requests.exceptions.ConnectionError("no route"))
    with pytest.raises(EngineError, match="cannot reach"):
        engine.synthesize("Hello.")


def test_accent_comes_from_the_profile_tld():
    voice = get_voice("gtts-en")
    voice = voice.__class__(**{**voice.__dict__, "options": {**voice.options, "tld": "co.uk"}})
    assert GttsEngine(voice).identity() == "gtts:en:co.uk:slow=False"


def test_unknown_language_is_refused():
    voice = get_voice("gtts-en")
    voice = voice.__class__(**{**voice.__dict__, "options": {"lang": "xx-nope"}})
    with pytest.raises(VoiceError, match="xx-nope"):
        GttsEngine(voice)
