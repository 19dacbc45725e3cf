"""Captions from sentence timings: WebVTT (webvtt-py) and SubRip, one cue per sentence; and
a word-level WebVTT (`<name>.words.vtt`, one cue per written word) when the engine timed
the words.

Cue times come from the sample counts in Rendered.sentences, rounded to the millisecond
(the formats' precision): a cue starts when its sentence's first sample sounds and ends
with its last, so captions stay exact however long the narration.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import webvtt
import webvtt.vtt

from narrate.atomic import write_text_atomic
from narrate.publish.words import NarrationWords
from narrate.tags.labels import timecode
from narrate.timing import Rendered

_SPACE = re.compile(r"\s+")
WORD_CAPTIONS_SUFFIX = ".words.vtt"


def cue_times(rendered: Rendered) -> list[tuple[str, int, int, str]]:
    """(sentence id, start ms, end ms, text) for every sentence, in order."""
    rate = rendered.sample_rate
    return [
        (
            timing.id,
            _milliseconds(timing.start, rate),
            _milliseconds(timing.end, rate),
            # A cue may not hold a blank line; sentences are prose, so any run of white
            # space (a line break in a heading, say) reads as one space.
            _SPACE.sub(" ", timing.text).strip(),
        )
        for timing in rendered.sentences
    ]


def captions_vtt(rendered: Rendered) -> str:
    """A WebVTT document with one cue per sentence, identified by the sentence id."""
    return _vtt_document(cue_times(rendered))


def captions_srt(rendered: Rendered) -> str:
    """A SubRip document with one cue per sentence.

    Written here rather than by webvtt-py, whose SRT writer drops anything that looks like
    a tag ("5 < 6 > 4") from the text; SubRip text is plain and needs no escaping.
    """
    cues = [
        f"{number}\n{timecode(start, ',')} --> {timecode(end, ',')}\n{text}\n"
        for number, (_, start, end, text) in enumerate(cue_times(rendered), start=1)
    ]
    return "\n".join(cues)


def word_cues(
    rendered: Rendered, language: str, words: NarrationWords | None = None
) -> Iterator[tuple[str, int, int, str]]:
    """(cue id, start ms, end ms, written word) for every timed word, in order; the cue id
    is the sentence's with the word's number (`s0005.3`). Nothing when no word is timed."""
    rate = rendered.sample_rate
    words = words or NarrationWords(language)
    for timing in rendered.sentences:
        for number, w in enumerate(words(timing), start=1):
            start, end = _milliseconds(w.start, rate), _milliseconds(w.end, rate)
            yield f"{timing.id}.{number}", start, end, w.text


def word_captions_vtt(
    rendered: Rendered, language: str, words: NarrationWords | None = None
) -> str | None:
    """A WebVTT document with one cue per written word, or None when no word is timed (an
    engine without word timings, such as gTTS). `words`: found already, for the manifest."""
    cues = word_cues(rendered, language, words)
    first = next(cues, None)
    if first is None:
        return None
    return _vtt_document(itertools.chain([first], cues))


def _vtt_document(cues: Iterable[tuple[str, int, int, str]]) -> str:
    """WebVTT of (id, start ms, end ms, text) cues, each made a webvtt-py Caption only as
    it is written: a two-hour narration has some 20,000 word cues, which held as Caption
    objects at once took 20 MB."""
    captions = (
        webvtt.Caption(timecode(start), timecode(end), _vtt_escape(text), identifier=identifier)
        for identifier, start, end, text in cues
    )
    return webvtt.vtt.to_str(captions, styles=(), header_comments=(), footer_comments=())


def write_word_captions(captions: Path, rendered: Rendered, language: str) -> Path | None:
    """Write the word-level WebVTT beside `captions` (`<name>.words.vtt`), atomically, when
    the narration has word timings; returns its path."""
    text = word_captions_vtt(rendered, language)
    if text is None:
        return None
    target = word_captions_path(captions)
    write_text_atomic(target, text)
    return target


def word_captions_path(captions: Path) -> Path:
    return captions.with_name(f"{captions.stem}{WORD_CAPTIONS_SUFFIX}")


def _milliseconds(sample: int, sample_rate: int) -> int:
    return round(sample * 1000 / sample_rate)


def _vtt_escape(text: str) -> str:
    """WebVTT cue text is markup: &, < and > must be character references (which also keeps
    a sentence containing "-->" from ending the cue)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
