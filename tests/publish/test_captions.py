"""Captions from sentence timings: cue times exact to the millisecond, text escaped for WebVTT,
read back by webvtt-py."""

import numpy as np
import webvtt

from narrate.publish.captions import captions_srt, captions_vtt, cue_times
from narrate.timing import Chapter, Rendered, Timing

RATE = 22050
RENDERED = Rendered(
    samples=np.zeros(10 * RATE, dtype=np.int16),
    sample_rate=RATE,
    sentences=(
        Timing("s0001", "Ferry approved", 5512, 2 * RATE),
        Timing("s0002", "AT&T said 5 < 6 --> fine.", 2 * RATE + 7717, 3601 * RATE + 11),
        Timing("s0003", "A heading\nover two lines", 3602 * RATE, 3603 * RATE),
    ),
    chapters=(Chapter("Ferry approved", 0, 10 * RATE),),
)


def test_cue_times_are_the_sample_counts_in_milliseconds():
    assert [(start, end) for _, start, end, _ in cue_times(RENDERED)] == [
        (250, 2000),  # 5512 samples = 249.98 ms
        (2350, 3_601_000),
        (3_602_000, 3_603_000),
    ]


def test_vtt_has_one_cue_per_sentence_named_by_its_id(tmp_path):
    path = tmp_path / "a.vtt"
    path.write_text(captions_vtt(RENDERED), encoding="utf-8")
    cues = webvtt.read(str(path))
    assert [cue.identifier for cue in cues] == ["s0001", "s0002", "s0003"]
    assert [(cue.start, cue.end) for cue in cues][:2] == [
        ("00:00:00.250", "00:00:02.000"),
        ("00:00:02.350", "01:00:01.000"),
    ]


def test_vtt_escapes_markup_and_joins_lines():
    text = captions_vtt(RENDERED)
    assert "AT&amp;T said 5 &lt; 6 --&gt; fine." in text
    assert "A heading over two lines" in text


def test_srt_numbers_cues_and_keeps_plain_text(tmp_path):
    text = captions_srt(RENDERED)
    assert text.startswith("1\n00:00:00,250 --> 00:00:02,000\nFerry approved\n\n2\n")
    assert "AT&T said 5 < 6 --> fine." in text
    path = tmp_path / "a.srt"
    path.write_text(text, encoding="utf-8")
    assert len(webvtt.from_srt(str(path))) == 3
