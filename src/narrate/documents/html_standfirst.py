"""The standfirst: the summary a news page shows under its headline, before the story.

Sites print their description (og:description, <meta name="description">) there as the dek
("We're about to get 20 terabyte hard drives, but the path looks clear to scale up to 80TB."),
often in an element trafilatura takes for the page header and leaves out. A newsreader reads
it after the headline. The description counts as a standfirst only when the page shows it,
whole and word for word, after the headline and before the story's first paragraph: a
description that is a teaser written for search results ("Visit the post for more."), a
cut-off first paragraph ("..."), the site's motto in its header or a line the page never shows
is not read.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from narrate.documents.article import Block, BlockKind
from narrate.documents.html_blocks import key, paragraph

_TRUNCATED = ("...", "…", "[…]", "[...]")


def with_standfirst(
    blocks: list[Block], soup: BeautifulSoup, headline: str, description: str | None
) -> list[Block]:
    """`blocks` with the page's standfirst in front, when the page shows one they lack."""
    description = " ".join((description or "").split())
    if len(description.split()) < 4 or description.endswith(_TRUNCATED):
        return blocks
    wanted = key(description)
    texts = [key(block.text) for block in blocks if block.kind is BlockKind.PARAGRAPH]
    if not texts or any(wanted in text or text in wanted for text in texts):
        return blocks
    body = soup.body or soup
    shown = key(body.get_text(" "))
    at = shown.find(wanted)
    above = shown.find(key(headline)) if headline.strip() else -1
    story = shown.find(texts[0][:80])
    if at < 0 or not 0 <= above < at or 0 <= story < at:
        return blocks
    return [paragraph(description), *blocks]
