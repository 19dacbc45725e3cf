"""HTML pages -> Article: trafilatura finds the article, BeautifulSoup cleans and repairs around it.

Three steps. BeautifulSoup first removes what is never article text (scripts, figures and their
captions, navigation, sidebars, share bars, sign-up boxes, comment threads, related lists, AMP
widgets), found by tag, ARIA role and class/id words. trafilatura then extracts the body and the
metadata from the cleaned page. Last, its paragraphs are checked line by line with the rules in
`documents/boilerplate.py` (bylines, date lines, photo credits, "Read more:" teasers), and the
structure it loses is restored from the page: headings it dropped, and paragraphs it merged into
one lump on table layouts. When trafilatura finds nothing, the densest block of paragraphs on the
cleaned page is the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

import trafilatura
from bs4 import BeautifulSoup, Tag
from lxml.etree import _Element

from narrate.documents.article import Article, Block, BlockKind
from narrate.documents.boilerplate import LineKind, classify, find_date, parse_byline
from narrate.errors import ArticleError

# Never article text; figures go because a caption read aloud in the middle of a paragraph is
# noise, and forms because inside an article they are sign-up or comment boxes.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "figure", "figcaption", "picture", "img", "video", "audio", "form", "button", "input",
    "select", "textarea", "label", "nav", "aside", "footer",
)  # fmt: skip
_DROP_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "alert",
}  # fmt: skip
# Words in a class or id that name page furniture, matched against whole words of the name
# ("share-bar" -> "share", "bar") so that "shared-content" or "header" do not match.
_JUNK_WORDS = {
    "share", "sharing", "sharedaddy", "social", "subscribe", "subscription", "newsletter",
    "newsletters", "signup", "related", "relatedposts", "recommended", "recommendations",
    "comment", "comments", "respond", "reply", "disqus", "promo", "advert", "advertisement",
    "ad", "ads", "adslot", "sponsor", "sponsored", "cookie", "cookies", "consent", "paywall",
    "popup", "modal", "breadcrumb", "breadcrumbs", "tags", "widget", "sidebar", "trending",
    "mostread", "popular", "outbrain", "taboola", "toolbar", "storytools", "caption", "credit",
    "credits", "skip", "print", "follow", "bio", "masthead", "nav", "navigation", "menu",
    "banner", "more", "toc", "jp", "screen", "sr", "visually",
}  # fmt: skip
_KEEP_AMP = {"amp-accordion", "amp-fit-text"}
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:-]\s+")


def parse_html(html: str, *, source: str = "", url: str | None = None) -> Article:
    """Read the article of an HTML page: title, metadata, headings and paragraphs."""
    soup = BeautifulSoup(html, "lxml")
    language = _page_language(soup)
    page_title = _meta(soup, "og:title") or (
        soup.title.get_text(" ", strip=True) if soup.title else ""
    )
    _remove_chrome(soup)
    document = trafilatura.bare_extraction(
        str(soup),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    site = (document.sitename if document else None) or _meta(soup, "og:site_name")
    title = _headline(soup, page_title, document.title if document else None, site)
    page_blocks = _page_blocks(soup)
    blocks = _extracted_blocks(document.body) if document is not None else []
    if _lumped(blocks, page_blocks) or not blocks:
        blocks = _densest_blocks(soup)
    else:
        blocks = _restore_headings(blocks, page_blocks)
    blocks, byline, date = _drop_chrome(blocks, title)
    if byline is None and not (document and document.author):
        byline = _byline_near_headline(soup)
    if not any(block.kind is BlockKind.PARAGRAPH for block in blocks):
        raise ArticleError(f"no article text found in {source or 'the page'}")
    canonical = _canonical_url(soup, url, document.url if document else None)
    image = document.image if document else None
    return Article(
        title=title,
        blocks=tuple(blocks),
        byline=(document.author if document else None) or byline,
        date=(document.date if document else None) or date,
        language=language or (document.language if document else None),
        url=canonical,
        publication=site,
        description=(document.description if document else None) or None,
        image=urljoin(canonical or "", image) if image else None,
        source=source,
    )


def _text(element: Tag) -> str:
    """The element's text with spaces collapsed; each <br> kept as a line break."""
    for br in element.find_all("br"):
        br.replace_with("\n")
    return _lines(element.get_text())


def _flat(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    if not content:
        return None
    return " ".join(str(content).split()) or None


def _canonical_url(soup: BeautifulSoup, url: str | None, extracted: str | None) -> str | None:
    """The page's canonical address, made absolute against the address it was read from.

    trafilatura resolves a relative canonical link only against an og:/twitter: URL, and
    otherwise falls back to the fetched address, query string and all.
    """
    link = soup.find("link", rel="canonical")
    candidates = [
        link.get("href") if isinstance(link, Tag) else None,
        _meta(soup, "og:url"),
        extracted,
    ]
    for candidate in candidates:
        if candidate:
            absolute = urljoin(url or "", str(candidate).strip())
            if urlsplit(absolute).scheme in ("http", "https"):
                return absolute
    return url


def _page_language(soup: BeautifulSoup) -> str | None:
    """The page's BCP 47 language: <html lang>, else Content-Language, else og:locale."""
    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    if not lang:
        equiv = soup.find("meta", attrs={"http-equiv": re.compile("content-language", re.I)})
        lang = equiv.get("content") if isinstance(equiv, Tag) else None
    lang = str(lang or _meta(soup, "og:locale") or "").replace("_", "-").strip()
    return lang or None


def _junk_name(element: Tag) -> bool:
    names = " ".join([*element.get("class", []), str(element.get("id", ""))])
    split = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
    return any(word in _JUNK_WORDS for word in re.split(r"[\s_-]+", split) if word)


def _is_chrome(element: Tag) -> bool:
    name = element.name
    if name == "script":
        return element.get("type") != "application/ld+json"
    if name in _DROP_TAGS:
        return True
    if name == "header":
        return element.find("h1") is None
    if name.startswith("amp-"):
        return name not in _KEEP_AMP
    if element.get("role") in _DROP_ROLES or element.get("aria-hidden") == "true":
        return True
    return element.has_attr("hidden") or _junk_name(element)


def _remove_chrome(soup: BeautifulSoup) -> None:
    """Remove page furniture in place, but never what holds the headline or most of the text.

    The guard matters: some sites put "has-comments" on the article or wrap the whole page in a
    form, and removing those would remove the article.
    """
    total = _paragraph_words(soup)
    for element in soup.find_all(True):
        if element.decomposed or element.name in ("html", "body", "head", "title", "meta"):
            continue
        if element.parent is None or not _is_chrome(element):
            continue
        holds_article = element.find("h1") is not None or _paragraph_words(element) * 2 > total
        if element.name in ("script", "style", "noscript", "template", "svg") or not holds_article:
            element.decompose()


def _paragraph_words(element: Tag) -> int:
    return sum(len(p.get_text().split()) for p in element.find_all("p"))


def _headline(soup: BeautifulSoup, page_title: str, extracted: str | None, site: str | None) -> str:
    """The article's headline: its <h1>, else the page title without the site's name."""
    scope = soup.find(["article", "main"]) or soup
    h1s = [_flat(h) for h in scope.find_all("h1")] or [_flat(h) for h in soup.find_all("h1")]
    h1s = [h for h in h1s if h and (not site or h.lower() != site.lower())]
    if h1s:
        return max(h1s, key=lambda h: len(h.split())) if scope is soup else h1s[0]
    return _strip_site(page_title, site) or _strip_site(extracted or "", site)


def _strip_site(title: str, site: str | None) -> str:
    """Drop the site's name from a page title ("Headline | Site" or "Site - Headline")."""
    parts = [p for p in _TITLE_SEPARATORS.split(" ".join(title.split())) if p]
    if len(parts) < 2:
        return title.strip()
    if site and any(p.lower() == site.lower() for p in parts):
        return " - ".join(p for p in parts if p.lower() != site.lower())
    # No known site name: it is the short piece at one end.
    ends = sorted((parts[0], parts[-1]), key=lambda p: len(p.split()))
    return " - ".join(p for p in parts if p != ends[0]) if len(ends[0].split()) <= 4 else title


def _extracted_blocks(body: _Element | None) -> list[Block]:
    """trafilatura's XML body (<head rend="h2">, <p>, <list><item>, <quote>) as blocks."""
    blocks: list[Block] = []
    if body is None:
        return blocks
    for element in body:
        if element.tag == "list":
            blocks.extend(_paragraph(_xml_text(item)) for item in element.iter("item"))
        elif element.tag == "head":
            rend = element.get("rend") or "h2"
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            blocks.append(Block(BlockKind.HEADING, _xml_text(element), level))
        else:
            blocks.append(_paragraph(_xml_text(element)))
    return [block for block in blocks if block.text]


def _xml_text(element: _Element) -> str:
    parts: list[str] = []
    for node in element.iter():
        parts.append("\n" if node.tag == "lb" else node.text or "")
        if node is not element:
            parts.append(node.tail or "")
    return _lines("".join(parts))


def _paragraph(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def _page_blocks(soup: BeautifulSoup) -> list[Block]:
    """Every heading and paragraph left on the cleaned page, in order, innermost elements only."""
    return list(_blocks_in(soup.body or soup))


def _blocks_in(root: Tag) -> Iterable[Block]:
    for element in root.find_all(_BLOCK_TAGS):
        if element.find(_BLOCK_TAGS) is not None:
            continue
        text = _text(element)
        if not text:
            continue
        if element.name[0] == "h":
            yield Block(BlockKind.HEADING, text, int(element.name[1]))
        elif _link_density(element) < 0.5:
            yield _paragraph(text)


def _link_density(element: Tag) -> float:
    text = len(element.get_text().split()) or 1
    return sum(len(a.get_text().split()) for a in element.find_all("a")) / text


def _densest_blocks(soup: BeautifulSoup) -> list[Block]:
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
        return [_paragraph(line) for line in _text(soup.body or soup).split("\n") if line]
    best = elements[max(scores, key=lambda key: scores[key])]
    return list(_blocks_in(best))


def _lumped(blocks: list[Block], page: list[Block]) -> bool:
    """True when trafilatura merged the page's paragraphs into fewer, longer blocks.

    It does so on table layouts: a whole story comes back as one <div> of text.
    """
    longest = max((len(b.text) for b in blocks), default=0)
    contained = [p for p in page if len(p.text) > 40 and any(p.text in b.text for b in blocks)]
    return len(contained) >= 3 * max(1, len(blocks)) and longest > 2 * max(
        (len(p.text) for p in contained), default=0
    )


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _restore_headings(blocks: list[Block], page: list[Block]) -> list[Block]:
    """Put back h2-h6 headings trafilatura dropped, before the paragraph that follows them."""
    have = {_key(b.text) for b in blocks if b.kind is BlockKind.HEADING}
    positions = {_key(b.text): i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH}
    inserts: dict[int, Block] = {}
    for index, heading in enumerate(page):
        if heading.kind is not BlockKind.HEADING or _key(heading.text) in have:
            continue
        following = next((b for b in page[index + 1 :] if b.kind is BlockKind.PARAGRAPH), None)
        position = positions.get(_key(following.text)) if following else None
        # Only a heading directly over article text: not the title of a related-links list.
        if position is not None and page[index + 1].kind is BlockKind.PARAGRAPH:
            inserts.setdefault(position, heading)
    restored: list[Block] = []
    for index, block in enumerate(blocks):
        if index in inserts:
            restored.append(inserts[index])
        restored.append(block)
    return restored


def _byline_near_headline(soup: BeautifulSoup) -> str | None:
    """A byline in a short element between the <h1> and the first paragraph of the text."""
    h1 = soup.find("h1")
    if not isinstance(h1, Tag):
        return None
    for element in h1.find_all_next(True, limit=30):
        text = _text(element)
        if element.name == "p" and len(text.split()) >= 20:
            break
        if element.find(["p", "div", "li"]) is None and len(text.split()) <= 24:
            found = parse_byline(text.split("\n")[0])
            if found:
                return found.name
    return None


def _kind(text: str) -> LineKind:
    """Classify a block; "By NAME<br>Staff Writer" is a byline on its first line."""
    first, *rest = text.split("\n")
    if rest and all(len(line.split()) <= 6 for line in rest) and classify(first) is LineKind.BYLINE:
        return LineKind.BYLINE
    return classify(" ".join(text.split()))


def _drop_chrome(blocks: list[Block], title: str) -> tuple[list[Block], str | None, str | None]:
    """Remove chrome paragraphs trafilatura kept; return the blocks, byline and date found."""
    byline: str | None = None
    date: str | None = None
    kept: list[Block] = []
    seen = {_key(title)}
    kinds = [_kind(block.text) for block in blocks]
    first_lines = [block.text.split("\n")[0] for block in blocks]
    blocks = [replace(block, text=" ".join(block.text.split())) for block in blocks]
    for index, (block, kind) in enumerate(zip(blocks, kinds, strict=True)):
        # An <h1> in the body is the page's title or its site's name, never a section head.
        if _key(block.text) in seen or (block.kind is BlockKind.HEADING and block.level == 1):
            continue
        if block.kind is BlockKind.HEADING:
            if kind in (LineKind.SECTION_END, LineKind.CHROME):
                continue
            kept.append(block)
            continue
        if kind is LineKind.BYLINE:
            found = parse_byline(first_lines[index])
            if found and byline is None:
                byline, date = found.name, date or found.date
            continue
        if kind is LineKind.DATE:
            date = date or find_date(block.text)
            continue
        if kind is LineKind.TRUNCATED and index and kinds[index - 1] is LineKind.HEADLINE:
            if kept and kept[-1].text == blocks[index - 1].text:
                kept.pop()
            continue
        if kind in (
            LineKind.CAPTION,
            LineKind.TEASER,
            LineKind.CHROME,
            LineKind.SECTION_END,
            LineKind.TIMESTAMP,
        ):
            continue
        seen.add(_key(block.text))
        kept.append(block)
    while kept and kept[-1].kind is BlockKind.HEADING:
        kept.pop()
    return kept, byline, date
