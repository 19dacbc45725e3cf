import numpy as np

from narrate.audio.assemble import LEAD_IN_SECONDS, TAIL_SECONDS, assemble, trim_silence
from narrate.documents.article import Article, Block, BlockKind
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
    return script, assemble(script, lambda s, i: tone(1.0, pad=0.4), RATE, PAUSES)


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
