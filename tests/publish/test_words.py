"""Word timings in the published files: the manifest's written words with their times and
offsets, and the word-level WebVTT beside the captions."""

from datetime import UTC, datetime

import numpy as np
import webvtt
from synthetic import labels

from narrate.documents.read import read_article
from narrate.engines.base import WordTiming
from narrate.publish.captions import word_captions_vtt, write_word_captions
from narrate.publish.manifest import narration_manifest
from narrate.text.script import build_script
from narrate.timing import Chapter, Rendered, Timing

RATE = 24000
TEXT = "The fare rises to $2.50 on Oct. 3."
# As spoken: "The fare rises to two dollars and fifty cents on October third."
SPOKEN = "The fare rises to two dollars and fifty cents on October third".split()  # noqa: SIM905


def rendered_with_words() -> Rendered:
    words = tuple(
        WordTiming(word, RATE + i * 2400, RATE + i * 2400 + 2000) for i, word in enumerate(SPOKEN)
    )
    return Rendered(
        samples=np.zeros(5 * RATE, dtype=np.int16),
        sample_rate=RATE,
        sentences=(
            Timing("s0003", TEXT, RATE, RATE + len(SPOKEN) * 2400, words),
            Timing("s0004", "Untimed.", 4 * RATE, 5 * RATE),
        ),
        chapters=(Chapter("Fares", 0, 5 * RATE),),
    )


def test_written_words_get_the_time_of_what_was_said_for_them():
    cues = [c for c in webvtt.from_string(word_captions_vtt(rendered_with_words(), "en"))]
    assert [c.text for c in cues] == ["The", "fare", "rises", "to", "$2.50", "on", "Oct", "3"]
    money = cues[4]
    assert (money.identifier, money.start, money.end) == ("s0003.5", "00:00:01.400", "00:00:01.883")


def test_no_word_captions_without_word_timings(tmp_path):
    untimed = Rendered(np.zeros(10, np.int16), RATE, (Timing("s0001", "Hi.", 0, 5),), ())
    assert word_captions_vtt(untimed, "en") is None
    assert write_word_captions(tmp_path / "a.vtt", untimed, "en") is None
    assert (
        write_word_captions(tmp_path / "a.vtt", rendered_with_words(), "en").name == "a.words.vtt"
    )


def test_manifest_keeps_written_words_with_offsets(tmp_path):
    article_md = tmp_path / "fare.md"
    article_md.write_text(f"# Fares\n\n{TEXT}\n", encoding="utf-8")
    script = build_script(read_article(str(article_md)), max_chars=400)
    audio = tmp_path / "a.mp3"
    audio.write_bytes(b"audio")
    manifest = narration_manifest(
        source=str(article_md),
        labels=labels(title="Fares", engine="hibari", voice="heart"),
        script=script,
        rendered=rendered_with_words(),
        audio=audio,
        files={"audio": "a.mp3", "vtt": "a.vtt"},
        created=datetime(2026, 1, 1, tzinfo=UTC),
    )
    timed, untimed = manifest["sentences"]
    assert "words" not in untimed
    words = timed["words"]
    assert [w["text"] for w in words][4] == "$2.50"
    assert all(TEXT[w["offset"] :].startswith(w["text"]) for w in words)
    assert words[4] == {"text": "$2.50", "offset": 18, "start": 1.4, "end": 1.883}
    assert manifest["files"]["words_vtt"] == "a.words.vtt"
