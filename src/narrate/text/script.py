"""Article -> Script: what will be spoken, sentence by sentence, in engine-sized chunks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from narrate.disclosure import DEFAULT_DISCLOSURE
from narrate.documents.article import Article, BlockKind
from narrate.errors import ArticleError
from narrate.text.lexicon import Lexicon
from narrate.text.normalize import normalize
from narrate.text.sentences import split_for_engine, split_sentences


class Part(StrEnum):
    """What a block of the script is, which decides the pauses around it."""

    INTRO = "intro"
    HEADING = "heading"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text` as written (for captions), `chunks` as sent to the engine."""

    id: str
    text: str
    spoken: str
    chunks: tuple[str, ...]


@dataclass(frozen=True)
class ScriptBlock:
    part: Part
    sentences: tuple[Sentence, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Script:
    """The whole narration: an intro (title and disclosure), then headings and paragraphs."""

    title: str
    language: str
    disclosure: str
    blocks: tuple[ScriptBlock, ...]

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            yield from block.sentences

    def chunks(self) -> Iterator[str]:
        for sentence in self.sentences():
            yield from sentence.chunks

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences())


def build_script(
    article: Article,
    *,
    max_chars: int,
    language: str = "en",
    disclosure: str = DEFAULT_DISCLOSURE,
    lexicon: Lexicon | None = None,
) -> Script:
    """Turn an article into a Script; the intro speaks the title, then the disclosure.

    `disclosure` may not be empty: every narration says it is made with AI assistance.
    """
    if not disclosure.strip():
        raise ArticleError("the AI-assistance disclosure may not be empty")
    lexicon = lexicon or Lexicon()
    counter = iter(range(1, 1_000_000))

    def sentence(text: str) -> Sentence:
        spoken = lexicon.apply(normalize(text, language))
        chunks = tuple(split_for_engine(spoken, max_chars)) or (text,)
        return Sentence(id=f"s{next(counter):04d}", text=text, spoken=spoken, chunks=chunks)

    intro = [sentence(t) for t in (article.title, disclosure) if t.strip()]
    blocks = [ScriptBlock(Part.INTRO, tuple(intro))]
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            blocks.append(ScriptBlock(Part.HEADING, (sentence(block.text),), block.level))
            continue
        sentences = tuple(sentence(t) for t in split_sentences(block.text, language))
        if sentences:
            blocks.append(ScriptBlock(Part.PARAGRAPH, sentences))
    if len(blocks) == 1:
        raise ArticleError(f"{article.source or 'the article'} has no body text to narrate")
    return Script(
        title=article.title, language=language, disclosure=disclosure, blocks=tuple(blocks)
    )
