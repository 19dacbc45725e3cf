"""Article text a page marks up the schema.org way, put back when the extraction lost it.

Templates show some of the article where trafilatura takes it for furniture: a recipe's
ingredient list in a tab, a card or a carousel (while the method beside it is read); a
question-and-answer page's question above its answers (the answers, being longer, are taken
for the article). Search engines ask pages to mark those parts up with schema.org microdata,
so they are found by that mark, not by any one template's classes:

- a Recipe's `itemprop="recipeIngredient"` items, an item a line, before the first step of the
  method when the method is marked up too (`recipeInstructions`), else after the text. A list
  shown twice (a tab for desktops, a carousel for phones) is read once. No heading is made up
  for it: the page's own would be in its language, a made-up one in ours.
- a Question's `itemprop="text"` (not its answers'), first: the question comes before the
  answers to it.

Each is put back only when most of it is missing from what was read.
"""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup, Tag

from narrate.documents.article import Block, BlockKind
from narrate.documents.html_blocks import blocks_in, element_text, key, paragraph

_INGREDIENT = ("recipeIngredient", "ingredients")  # the second is schema.org's older name


def with_ingredients(blocks: list[Block], soup: BeautifulSoup) -> list[Block]:
    """`blocks` with the page's marked-up ingredient list, when most of it is missing."""
    items: list[str] = []
    for element in soup.find_all(attrs={"itemprop": _INGREDIENT}):
        text = " ".join(element_text(element).split())
        if text and text not in items:
            items.append(text)
    if not _mostly_missing(items, blocks):
        return blocks
    steps = [key(element_text(e)) for e in soup.find_all(attrs={"itemprop": "recipeInstructions"})]
    at = next((i for i, block in enumerate(blocks) if _is_step(key(block.text), steps)), None)
    at = len(blocks) if at is None else at
    while at and key(blocks[at - 1].text).isdigit():  # the step's number, read before it
        at -= 1
    return [*blocks[:at], *map(paragraph, items), *blocks[at:]]


def with_question(blocks: list[Block], soup: BeautifulSoup) -> list[Block]:
    """`blocks` with the page's marked-up question first, when most of it is missing."""
    question = soup.find(attrs={"itemtype": _schema_type("Question")})
    if not isinstance(question, Tag):
        return blocks
    texts = [
        element
        for element in question.find_all(attrs={"itemprop": "text"})
        if element.find_parent(attrs={"itemtype": _schema_type("Answer")}) is None
    ]
    if not texts:
        return blocks
    asked = [b for b in blocks_in(texts[0]) if b.kind is BlockKind.PARAGRAPH]
    asked = asked or [paragraph(element_text(texts[0]))]
    if not _mostly_missing([block.text for block in asked], blocks):
        return blocks
    return [*asked, *blocks]


def _schema_type(name: str) -> Callable[[str | None], bool]:
    """A bs4 attribute matcher for the schema.org type `name`, by either address."""
    return lambda value: bool(value) and str(value).rstrip("/").rsplit("/", 1)[-1] == name


def _mostly_missing(texts: list[str], blocks: list[Block]) -> bool:
    read = "\n".join(key(block.text) for block in blocks)
    missing = [text for text in texts if key(text) not in read]
    return bool(texts) and len(missing) * 2 > len(texts)


def _is_step(text: str, steps: list[str]) -> bool:
    """Whether a block is one of the method's steps (a bare step number is not)."""
    return len(text) >= 20 and any(text in step for step in steps)
