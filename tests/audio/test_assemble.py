import numpy as np

from narrate.audio.assemble import (
    LEAD_IN_SECONDS,
    TAIL_SECONDS,
    Joiner,
    assemble,
    trim_silence,
)
from narrate.documents.article import Article, Block, BlockKind
from narrate.engines.base import Speech, WordTiming
from narrate.text.script import build_script
from narrate.voices import Pauses

RATE = 22050


def tone(seconds: float, pad: float = 0.0) -> np.ndarray:
    """A tone of `seconds` with `pad` seconds of silence on each side, like an engine's chunk."""
    t = np.arange(int(seconds * RATE)) / RATE
    body = (np.sin(2 * np.pi * 220 * t) * 12000).astype(np.int16)
    silence = np.zeros(int(pad * RATE), dtype=np.int16)
    return np.concatenate([silence, body, silence])


def test_trim_removes_edge_silence_but_keeps_a_margin():
    trimmed = trim_silence(tone(1.0, pad=0.5), RATE)
    assert 1.0 <= trimmed.size / RATE <= 1.0 + 2 * 0.03


def test_trim_of_pure_silence_is_empty():
    assert trim_silence(np.zeros(RATE, dtype=np.int16), RATE).size == 0


ARTICLE = Article(
    title="Title",
    blocks=(
        Block(BlockKind.PARAGRAPH, "One. Two."),
        Block(BlockKind.HEADING, "Part", 2),
        Block(BlockKind.PARAGRAPH, "Three."),
    ),
)
PAUSES = Pauses(
    chunk=0.1, sentence=0.3, paragraph=0.7, heading_before=1.1, heading_after=0.5, intro=1.3
)


def rendered():
    script = build_script(ARTICLE, max_chars=400)
    chunks = (Speech(tone(1.0, pad=0.4)) for s in script.sentences() for _ in s.chunks)
    return script, assemble(script, chunks, RATE, PAUSES)


def gaps(result):
    starts = [t.start for t in result.sentences]
    ends = [t.end for t in result.sentences]
    pairs = zip(ends[:-1], starts[1:], strict=True)
    return [round((start - end) / RATE, 2) for end, start in pairs]


def test_pauses_follow_structure():
    _, result = rendered()
    # title | disclosure || one | two || heading || three
    assert gaps(result) == [0.3, 1.3, 0.3, 1.1, 0.5]


def test_timings_are_in_samples_and_cover_the_whole_narration():
    _, result = rendered()
    assert result.sentences[0].start == round(LEAD_IN_SECONDS * RATE)
    assert result.samples.size - result.sentences[-1].end == round(TAIL_SECONDS * RATE)
    assert abs(result.duration - result.samples.size / RATE) < 1e-9


def test_chapters_start_at_the_intro_and_each_heading():
    _, result = rendered()
    assert [c.title for c in result.chapters] == ["Title", "Part"]
    assert result.chapters[0].start == 0
    heading_sentence = result.sentences[4]
    assert result.chapters[1].start == heading_sentence.start
    assert result.chapters[0].end == result.chapters[1].start
    assert result.chapters[-1].end == result.samples.size


def test_word_timings_move_with_the_trimmed_chunk():
    script = build_script(
        Article(title="", blocks=(Block(BlockKind.PARAGRAPH, "One."),)), max_chars=400
    )
    pad = round(0.4 * RATE)
    words = (WordTiming("One", pad + 100, pad + 5000),)
    chunks = [Speech(tone(1.0, pad=0.4), words) for s in script.sentences() for _ in s.chunks]
    result = assemble(script, chunks, RATE, PAUSES)
    for timing in result.sentences:
        (word,) = timing.words
        # The chunk keeps a 20 ms margin before its sound (found in 5 ms steps): the word
        # starts that much after the sentence, plus its own 100 samples.
        margin = word.start - timing.start - 100
        assert round(0.02 * RATE) <= margin <= round(0.025 * RATE)
        assert word.end - word.start == 4900 and word.end <= timing.end


def test_streamed_blocks_join_to_the_same_narration():
    script = build_script(ARTICLE, max_chars=400)
    chunks = [Speech(tone(1.0, pad=0.4)) for s in script.sentences() for _ in s.chunks]
    joined = assemble(script, chunks, RATE, PAUSES)
    joiner = Joiner(script, RATE, PAUSES)
    streamed = np.concatenate(list(joiner.blocks(chunks)))
    np.testing.assert_array_equal(streamed, joined.samples)
    assert joiner.rendered().sentences == joined.sentences
    assert joiner.rendered().frames == streamed.size
