"""HTML pages -> Article (minimal version; extraction is improved in documents/html.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from narrate.documents.article import Article, Block, BlockKind
from narrate.errors import ArticleError


def parse_html(html: str, *, source: str = "", url: str | None = None) -> Article:
    """Read the article body of an HTML page: title, headings and paragraphs."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("article") or soup.body or soup
    h1 = root.find("h1") or soup.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else ""
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True)
    blocks: list[Block] = []
    for element in root.find_all(["h2", "h3", "h4", "h5", "h6", "p", "li"]):
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        if element.name.startswith("h"):
            blocks.append(Block(BlockKind.HEADING, text, int(element.name[1])))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text))
    if not blocks:
        raise ArticleError(f"no article text found in {source or 'the page'}")
    lang = soup.html.get("lang") if soup.html else None
    return Article(title=title, blocks=tuple(blocks), language=lang, url=url, source=source)
