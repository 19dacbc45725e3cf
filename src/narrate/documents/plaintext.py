"""Plain text -> Article (minimal version: first line is the title, blank lines part paragraphs)."""

from __future__ import annotations

import re

from narrate.documents.article import Article, Block, BlockKind
from narrate.errors import ArticleError


def parse_plaintext(text: str, *, source: str = "") -> Article:
    """Read plain text: the first non-empty line is the title, the rest paragraphs."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        raise ArticleError(f"{source or 'the text'} is empty: nothing to narrate")
    first, *rest = paragraphs
    lines = [line.strip() for line in text.strip().splitlines()]
    title = lines[0]
    body = [p for p in ([first[len(title):].strip()] + rest) if p]
    return Article(
        title=title,
        blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in body),
        source=source,
    )
