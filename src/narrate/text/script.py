"""Article -> Script: what will be spoken, sentence by sentence, in engine-sized chunks."""

from __future__ import annotations

import re
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


def block_lines(text: str) -> list[str]:
    """The lines of a paragraph, each to be read as a sentence or more of its own.

    A reader keeps a line break only where the page has one (a <br> in HTML): the lines of a
    tour-dates list or an address are items, never one run-on. A break inside a sentence (the
    line ends without punctuation and the next goes on in lower case) is joined back, except in
    code, where most lines hold code's punctuation or keywords: a statement a line.
    """
    found: list[str] = []
    lines = [line for line in (part.strip() for part in text.split("\n")) if line]
    code = len(lines) > 1 and sum(bool(_CODE_LINE.search(line)) for line in lines) * 2 > len(lines)
    for line in lines:
        if found and not code and line[0].islower() and not found[-1].endswith(_LINE_ENDS):
            found[-1] = f"{found[-1]} {line}"
        else:
            found.append(line)
    return found


_LINE_ENDS = (".", "!", "?", ":", ";", "…")
_CODE_LINE = re.compile(
    r"[=(){}\[\];<>]|^(?:import|from|def|class|return|if|for|while|var|let|const|function)\b"
    r"|^[$#>] "
)


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

    def sentences(texts: list[str]) -> tuple[Sentence, ...]:
        """Sentences with something to say: one of bare symbols normalizes to nothing."""
        spoken = [(text, lexicon.apply(normalize(text, language))) for text in texts]
        return tuple(
            Sentence(
                id=f"s{next(counter):04d}",
                text=text,
                spoken=said,
                chunks=tuple(split_for_engine(said, max_chars)),
            )
            for text, said in spoken
            if any(c.isalnum() for c in said)
        )

    intro = sentences([article.title, disclosure])
    if not intro or intro[-1].text != disclosure:
        raise ArticleError(f"the disclosure {disclosure!r} has nothing a voice can say")
    blocks = [ScriptBlock(Part.INTRO, intro)]
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            part, level, texts = Part.HEADING, block.level, [block.text]
        else:
            part, level = Part.PARAGRAPH, 0
            texts = [s for line in block_lines(block.text) for s in split_sentences(line, language)]
        said = sentences(texts)
        if said:
            blocks.append(ScriptBlock(part, said, level))
    if len(blocks) == 1:
        raise ArticleError(f"{article.source or 'the article'} has no body text to narrate")
    return Script(
        title=article.title, language=language, disclosure=disclosure, blocks=tuple(blocks)
    )
