"""The narration manifest: what was narrated, timings in seconds, hashes that tie it to the
audio file and to the script an editor approved."""

import hashlib
from datetime import UTC, datetime

import numpy as np
from typer.testing import CliRunner

from narrate.cli import app
from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.documents.read import read_article
from narrate.publish.manifest import narration_manifest
from narrate.tags.labels import Labels
from narrate.text.script import build_script
from narrate.timing import Chapter, Rendered, Timing

RATE = 22050


def manifest_for(article_md, audio):
    script = build_script(read_article(article_md), max_chars=400)
    sentences = list(script.sentences())
    rendered = Rendered(
        samples=np.zeros(RATE * len(sentences), dtype=np.int16),
        sample_rate=RATE,
        sentences=tuple(
            Timing(s.id, s.text, i * RATE, i * RATE + RATE // 2) for i, s in enumerate(sentences)
        ),
        chapters=(Chapter("Harbor ferry approved", 0, RATE * len(sentences)),),
    )
    labels = Labels(
        title="Harbor ferry approved",
        disclosure=DEFAULT_DISCLOSURE,
        digital_source_type=IPTC_TRAINED_ALGORITHMIC_MEDIA,
        engine="piper:joe",
        voice="joe",
        generator="narrate test",
        author="Dana Whitfield",
        disclosure_spoken=(1.0, 1.5),
    )
    return narration_manifest(
        source=str(article_md),
        labels=labels,
        script=script,
        rendered=rendered,
        audio=audio,
        files={"audio": audio.name, "vtt": "a.vtt"},
        created=datetime(2025, 3, 14, 9, 30, tzinfo=UTC),
    )


def test_manifest_records_the_narration(article_md, tmp_path):
    audio = tmp_path / "a.mp3"
    audio.write_bytes(b"audio bytes")
    manifest = manifest_for(article_md, audio)
    assert manifest["title"] == "Harbor ferry approved"
    assert manifest["byline"] == "Dana Whitfield"
    assert (manifest["voice"], manifest["engine"]) == ("joe", "piper:joe")
    assert manifest["sentences"][1] == {
        "id": "s0002",
        "text": DEFAULT_DISCLOSURE,
        "spoken": "This audio is created with A.I assistance.",
        "start": 1.0,
        "end": 1.5,
        "block": 0,
        "kind": "intro",
    }
    assert manifest["disclosure"] == {
        "text": DEFAULT_DISCLOSURE,
        "digital_source_type": IPTC_TRAINED_ALGORITHMIC_MEDIA,
        "spoken": {"start": 1.0, "end": 1.5},
    }
    assert manifest["created"] == "2025-03-14T09:30:00+00:00"
    assert manifest["files"] == {"audio": "a.mp3", "vtt": "a.vtt"}


def test_hashes_tie_the_manifest_to_the_audio_and_the_approved_script(article_md, tmp_path):
    audio = tmp_path / "a.mp3"
    audio.write_bytes(b"audio bytes")
    hashes = manifest_for(article_md, audio)["hashes"]
    assert hashes["audio_sha256"] == hashlib.sha256(b"audio bytes").hexdigest()
    printed = CliRunner().invoke(app, ["script", str(article_md)]).stdout
    assert hashes["script_sha256"] == hashlib.sha256(printed.encode()).hexdigest()
