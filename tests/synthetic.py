"""Synthetic narrations for tests of the stages after synthesis: labels as narrate writes
them, and a tone standing in for speech, timed like a script's sentences."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.documents.article import Article, Block, BlockKind
from narrate.tags.labels import Labels
from narrate.text.script import Script, build_script
from narrate.timing import Chapter, Rendered, Timing

RATE = 22050


def labels(**fields: Any) -> Labels:
    """Labels for "Ferry approved" with the disclosure, two chapters of a second; `fields`
    override any of them."""
    base = Labels(
        title="Ferry approved",
        disclosure=DEFAULT_DISCLOSURE,
        digital_source_type=IPTC_TRAINED_ALGORITHMIC_MEDIA,
        engine="piper:joe",
        voice="joe",
        generator="narrate test",
        chapters=(Chapter("Ferry approved", 0, RATE), Chapter("Costs", RATE, 2 * RATE)),
        sample_rate=RATE,
    )
    return replace(base, **fields)


def tone_narration(
    *, spoken: tuple[float, float] | None = None, silent_first_second: bool = False
) -> tuple[Rendered, Script, Labels]:
    """Three seconds of a 220 Hz tone as the narration of a one-paragraph article, each
    sentence half a second; `spoken` is where the labels say the disclosure sounds."""
    script = build_script(
        Article(title="Tone", blocks=(Block(BlockKind.PARAGRAPH, "One. Two."),)), max_chars=400
    )
    t = np.arange(3 * RATE) / RATE
    samples = (np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16)
    if silent_first_second:
        samples[:RATE] = 0
    sentences = tuple(
        Timing(s.id, s.text, i * RATE // 2, (i + 1) * RATE // 2)
        for i, s in enumerate(script.sentences())
    )
    rendered = Rendered(samples, RATE, sentences, (Chapter("Tone", 0, samples.size),))
    tone_labels = labels(
        title="Tone",
        engine="test",
        voice="test",
        chapters=rendered.chapters,
        disclosure_spoken=spoken,
    )
    return rendered, script, tone_labels
