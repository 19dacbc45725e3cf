"""A script as editors read it: plain text (a sentence a line) or data for other tools."""

from __future__ import annotations

from typing import Any

from narrate.documents.article import Article
from narrate.text.script import Script


def script_as_text(script: Script, *, spoken: bool = False) -> str:
    """One sentence a line, blocks parted by a blank line; `spoken` shows the text after
    normalization and lexicon instead of as written."""
    return "\n\n".join(
        "\n".join(s.spoken if spoken else s.text for s in block.sentences)
        for block in script.blocks
    )


def script_as_data(article: Article, script: Script) -> dict[str, Any]:
    """The script as JSON-ready data: metadata, then blocks of sentences."""
    return {
        "title": article.title,
        "byline": article.byline,
        "date": article.date,
        "language": script.language,
        "url": article.url,
        "source": article.source,
        "disclosure": script.disclosure,
        "blocks": [
            {
                "kind": block.part.value,
                "level": block.level,
                "sentences": [
                    {"id": s.id, "text": s.text, "spoken": s.spoken, "chunks": list(s.chunks)}
                    for s in block.sentences
                ],
            }
            for block in script.blocks
        ],
    }
