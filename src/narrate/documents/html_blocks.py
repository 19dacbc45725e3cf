"""Headings and paragraphs of an HTML page: from trafilatura's body, and from the page itself.

trafilatura's XML body is read into blocks; the page's own innermost headings and paragraphs
are read beside it, to restore headings trafilatura dropped and to notice when it merged a
table layout's paragraphs into one lump. When trafilatura finds nothing, the densest block of
paragraphs on the page is the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag
from lxml.etree import _Element

from narrate.documents.article import Block, BlockKind
from narrate.limits import checkpoint

_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
# Paragraphs are found inside blocks by an index of their openings this long (lumped()).
_PREFIX = 32


def element_text(element: Tag) -> str:
    """The element's text with spaces collapsed; each <br> kept as a line break.

    Each <br> is given a line break as its text rather than replaced by one: replacing looks
    the element up among its siblings, which made a page of 30,000 lines quadratic."""
    for br in element.find_all("br"):
        br.string = "\n"
    return lines(element.get_text())


def lines(text: str) -> str:
    collapsed = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in collapsed if line)


def paragraph(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def extracted_blocks(body: _Element | None) -> list[Block]:
    """trafilatura's XML body (<head rend="h2">, <p>, <list><item>, <quote>) as blocks."""
    blocks: list[Block] = []
    if body is None:
        return blocks
    for element in body:
        if element.tag == "list":
            blocks.extend(paragraph(_xml_text(item)) for item in element.iter("item"))
        elif element.tag == "table":  # a row a paragraph, its cells parted by commas
            blocks.extend(paragraph(_row_text(row)) for row in element.iter("row"))
        elif element.tag == "head":
            rend = element.get("rend") or "h2"
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            blocks.append(Block(BlockKind.HEADING, _xml_text(element), level))
        else:
            blocks.append(paragraph(_xml_text(element)))
    return [block for block in blocks if block.text]


def _row_text(row: _Element) -> str:
    cells = (" ".join(_xml_text(cell).split()) for cell in row.iter("cell"))
    return ", ".join(cell for cell in cells if cell)


def _xml_text(element: _Element) -> str:
    parts: list[str] = []
    for node in element.iter():
        parts.append("\n" if node.tag == "lb" else node.text or "")
        if node is not element:
            parts.append(node.tail or "")
    return lines("".join(parts))


def page_blocks(soup: BeautifulSoup) -> list[Block]:
    """Every heading and paragraph left on the cleaned page, in order, innermost elements only."""
    return list(blocks_in(soup.body or soup))


def blocks_in(root: Tag) -> Iterable[Block]:
    for element in root.find_all(_BLOCK_TAGS):
        checkpoint()
        if element.find(_BLOCK_TAGS) is not None:
            continue
        text = element_text(element)
        if not text:
            continue
        if element.name[0] == "h":
            yield Block(BlockKind.HEADING, text, int(element.name[1]))
        elif _link_density(element) < 0.5:
            yield paragraph(text)


def _link_density(element: Tag) -> float:
    text = len(element.get_text().split()) or 1
    return sum(len(a.get_text().split()) for a in element.find_all("a")) / text


def densest_blocks(soup: BeautifulSoup) -> list[Block]:
    """The blocks of the element holding the most paragraph text: where trafilatura failed.

    Each paragraph scores its words for its parent and half of them for its grandparent.
    """
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for p in soup.find_all("p"):
        count = len(p.get_text().split())
        if count < 8 or _link_density(p) > 0.3:
            continue
        for ancestor, weight in ((p.parent, 1.0), (p.parent.parent if p.parent else None, 0.5)):
            if isinstance(ancestor, Tag):
                elements[id(ancestor)] = ancestor
                scores[id(ancestor)] = scores.get(id(ancestor), 0) + count * weight
    if not scores:
        # No paragraphs at all: a bare page of text, one line per <br> or line break.
        return [paragraph(line) for line in element_text(soup.body or soup).split("\n") if line]
    best = elements[max(scores, key=lambda key: scores[key])]
    return list(blocks_in(best))


def lumped(blocks: list[Block], page: list[Block]) -> bool:
    """True when trafilatura merged the page's paragraphs into fewer, longer blocks.

    It does so on table layouts: a whole story comes back as one <div> of text.
    """
    candidates = [p for p in page if len(p.text) > 40]
    if len(candidates) < 3 * max(1, len(blocks)):
        return False  # too few to be lumped, whichever are contained
    found = _contained(blocks, {p.text for p in candidates})
    contained = [p for p in candidates if p.text in found]
    longest = max((len(b.text) for b in blocks), default=0)
    return len(contained) >= 3 * max(1, len(blocks)) and longest > 2 * max(
        (len(p.text) for p in contained), default=0
    )


def _contained(blocks: list[Block], texts: set[str]) -> set[str]:
    """Those of `texts` (each over _PREFIX characters) found inside some block's text.

    In linear time: the texts are indexed by their first _PREFIX characters and the blocks
    read once, position by position, a text checked only where its opening is; comparing
    every paragraph with every block took minutes on a page of 30,000 paragraphs."""
    by_prefix: dict[str, list[str]] = {}
    for text in texts:
        by_prefix.setdefault(text[:_PREFIX], []).append(text)
    whole = "\0".join(b.text for b in blocks)  # texts hold no NUL: no match spans two
    found = texts & {b.text for b in blocks}
    for text in found:
        by_prefix[text[:_PREFIX]].remove(text)
    for start in range(len(whole) - _PREFIX + 1):
        waiting = by_prefix.get(whole[start : start + _PREFIX])
        if not waiting:
            continue
        for text in [t for t in waiting if whole.startswith(t, start)]:
            found.add(text)
            waiting.remove(text)
    return found


def key(text: str) -> str:
    """`text` reduced for comparison: lower case, words only."""
    return re.sub(r"\W+", " ", text).strip().lower()


def restore_headings(blocks: list[Block], page: list[Block]) -> list[Block]:
    """Put back h2-h6 headings trafilatura dropped, before the paragraph that follows them."""
    have = {key(b.text) for b in blocks if b.kind is BlockKind.HEADING}
    positions = {key(b.text): i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH}
    inserts: dict[int, Block] = {}
    following: Block | None = None
    next_paragraph: list[Block | None] = []  # the first paragraph after each page block
    for block in reversed(page):
        next_paragraph.append(following)
        if block.kind is BlockKind.PARAGRAPH:
            following = block
    next_paragraph.reverse()
    for index, heading in enumerate(page):
        if heading.kind is not BlockKind.HEADING or key(heading.text) in have:
            continue
        following = next_paragraph[index]
        position = positions.get(key(following.text)) if following else None
        # Only a heading directly over article text: not the title of a related-links list.
        if position is not None and page[index + 1].kind is BlockKind.PARAGRAPH:
            inserts.setdefault(position, heading)
    restored: list[Block] = []
    for index, block in enumerate(blocks):
        if index in inserts:
            restored.append(inserts[index])
        restored.append(block)
    return restored
