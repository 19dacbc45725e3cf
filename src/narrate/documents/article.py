"""The structured article every reader produces and every later stage consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Block:
    """One unit of the article body: a heading (level 1-6) or a paragraph of prose."""

    kind: BlockKind
    text: str
    level: int = 0


@dataclass(frozen=True)
class Article:
    """An article as found in its source: metadata plus the body as blocks, in reading order.

    `date` is an ISO 8601 date (YYYY-MM-DD) when known; `language` a BCP 47 tag ("en", "en-US").
    `source` is the path or URL the article was read from.
    """

    title: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    date: str | None = None
    language: str | None = None
    url: str | None = None
    publication: str | None = None
    description: str | None = None
    image: str | None = None
    source: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is BlockKind.PARAGRAPH)

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks) + len(self.title.split())
