"""HTML pages -> Article: trafilatura finds the article, BeautifulSoup cleans and repairs around it.

Four steps. First, what is never article text is removed from the page (documents/html_chrome.py:
scripts, navigation, sidebars, share bars, sign-up boxes, comment threads, related lists, AMP
widgets). trafilatura then extracts the body and the metadata from the cleaned page. Its
paragraphs are checked one by one with the line rules of `documents/boilerplate.py` (bylines,
date lines, photo credits, "Read more:" teasers), and the structure it loses is restored from the
page (documents/html_blocks.py): headings it dropped, paragraphs it merged into one lump on table
layouts; when it finds nothing, the densest block of paragraphs is the article. Last, when all
that leaves much less text than trafilatura finds on the untouched page, its text is used.

Every cleaning step is a named rule in CLEANING_RULES; `parse_html(..., rules=...)` switches
rules off, which is how bench/extraction.py measures what each one is worth.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from narrate.documents.article import Article, Block, BlockKind
from narrate.documents.boilerplate import (
    LineKind,
    classify,
    find_date,
    is_date_line,
    parse_byline,
)
from narrate.documents.html_blocks import (
    densest_blocks,
    element_text,
    extracted_blocks,
    key,
    lines,
    lumped,
    page_blocks,
    paragraph,
    restore_headings,
)
from narrate.documents.html_chrome import CHROME_RULES, remove_chrome
from narrate.documents.html_linked_data import linked_data_body
from narrate.documents.html_schema import with_ingredients, with_question
from narrate.documents.html_standfirst import with_standfirst
from narrate.errors import ArticleError

# Paragraph rules: which kinds of line (documents/boilerplate.py) are dropped, by rule name.
LINE_RULES = {
    "bylines": LineKind.BYLINE,
    "dates": LineKind.DATE,
    "captions": LineKind.CAPTION,
    "teasers": LineKind.TEASER,
    "widgets": LineKind.CHROME,
    "section-ends": LineKind.SECTION_END,
    "timestamps": LineKind.TIMESTAMP,
    "prompts": LineKind.PROMPT,
    "labels": LineKind.LABEL,
    "snippets": LineKind.TRUNCATED,
}
CLEANING_RULES = (
    CHROME_RULES
    | set(LINE_RULES)
    | {
        "repeats",  # a paragraph that repeats the headline or an earlier paragraph
        "trailing-headings",  # headings with nothing after them (a related list's title)
        "restore-headings",  # put back the h2-h6 trafilatura dropped
        "unlump",  # re-split a merged table layout; the densest block when trafilatura found none
        "fallback",  # trafilatura's own text when ours is empty or much shorter
        "tables",  # tables trafilatura finds in the article, a row a sentence
        "linked-data",  # the page's JSON-LD articleBody when ours is much shorter still
        "standfirst",  # the description the page shows under its headline, read first
        "ingredients",  # a recipe's marked-up ingredient list, when the extraction lost it
        "question",  # a Q&A page's marked-up question, before the answers
    }
)
# Ours is "much shorter" below this share of the words trafilatura finds on the raw page.
FALLBACK_SHARE = 0.5
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:-]\s+")
_BOX_LINES = (LineKind.CHROME, LineKind.PROMPT)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_html(
    html: str,
    *,
    source: str = "",
    url: str | None = None,
    rules: Collection[str] | None = None,
) -> Article:
    """Read the article of an HTML page: title, metadata, headings and paragraphs.

    `rules` are the cleaning rules to apply (None: all of them; fewer to measure one's worth).
    """
    import trafilatura

    rules = CLEANING_RULES if rules is None else rules
    # An XML declaration in front of an (X)HTML page means nothing to an HTML parser.
    soup = BeautifulSoup(_XML_DECLARATION.sub("", html, count=1), "lxml")
    language = _page_language(soup)
    page_title = _meta(soup, "og:title") or (
        soup.title.get_text(" ", strip=True) if soup.title else ""
    )
    remove_chrome(soup, rules)
    document = trafilatura.bare_extraction(
        str(soup),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables="tables" in rules,
        include_images=False,
        deduplicate=False,
    )
    site = (document.sitename if document else None) or _meta(soup, "og:site_name")
    title = _headline(soup, page_title, document.title if document else None, site)
    page = page_blocks(soup)
    blocks = extracted_blocks(document.body) if document is not None else []
    if "unlump" in rules and (not blocks or lumped(blocks, page)):
        blocks = densest_blocks(soup)
    elif "restore-headings" in rules:
        blocks = restore_headings(blocks, page)
    description = (document.description if document else None) or _meta(soup, "og:description")
    if "standfirst" in rules:
        blocks = with_standfirst(blocks, soup, title, description)
    if "ingredients" in rules:
        blocks = with_ingredients(blocks, soup)
    if "question" in rules:
        blocks = with_question(blocks, soup)
    blocks, byline, date = _drop_chrome(blocks, title, rules)
    if "fallback" in rules:
        blocks = _or_trafilatura_text(blocks, html, title, rules)
    if "linked-data" in rules:
        blocks = _or_linked_data(blocks, soup, title, rules)
    # Ours first: a "By" line or a date line beside the headline says what the page shows;
    # trafilatura's author and date are guesses that may take in the text around them.
    near_name, near_date = _byline_near_headline(soup)
    byline = byline or near_name or _author(document.author if document else None)
    date = date or near_date or (document.date if document else None)
    if not any(block.kind is BlockKind.PARAGRAPH for block in blocks):
        raise ArticleError(f"no article text found in {source or 'the page'}")
    canonical = _canonical_url(soup, url, document.url if document else None)
    image = document.image if document else None
    return Article(
        title=title,
        blocks=tuple(blocks),
        byline=byline,
        date=date,
        language=language or (document.language if document else None),
        url=canonical,
        publication=site,
        description=description or None,
        image=urljoin(canonical or "", image) if image else None,
        source=source,
    )


def _or_trafilatura_text(
    blocks: list[Block], html: str, title: str, rules: Collection[str]
) -> list[Block]:
    """`blocks`, or trafilatura's text of the untouched page when ours is much shorter.

    The cleaning can remove the article itself on a layout it misreads (a story inside an
    element named like furniture); trafilatura alone never leaves such a page empty.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    theirs, _, _ = _drop_chrome(
        [paragraph(line) for line in lines(text).split("\n") if line], title, rules
    )
    return _much_longer(blocks, theirs)


def _or_linked_data(
    blocks: list[Block], soup: BeautifulSoup, title: str, rules: Collection[str]
) -> list[Block]:
    """`blocks`, or the page's JSON-LD articleBody when ours has less than half its words."""
    declared, _, _ = _drop_chrome([paragraph(p) for p in linked_data_body(soup)], title, rules)
    return _much_longer(blocks, declared)


def _much_longer(ours: list[Block], theirs: list[Block]) -> list[Block]:
    """`theirs` when `ours` has less than FALLBACK_SHARE of its words, else `ours`."""
    count = sum(len(block.text.split()) for block in ours)
    return theirs if count < FALLBACK_SHARE * sum(len(b.text.split()) for b in theirs) else ours


def _flat(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


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


def _headline(soup: BeautifulSoup, page_title: str, extracted: str | None, site: str | None) -> str:
    """The article's headline: its <h1>, else the page title without the site's name."""
    scope = soup.find(["article", "main"]) or soup
    h1s = [_flat(h) for h in scope.find_all("h1")] or [_flat(h) for h in soup.find_all("h1")]
    # A permalink sign after a docs heading ("Configuring retries ¶") is not read.
    h1s = [h.rstrip(" ¶#§") for h in h1s if h.rstrip(" ¶#§")]
    # An <h1> that is the site's name is the logo, unless it is the only one: the site's name
    # may be a guess from the page title, and the guess may be the headline itself.
    h1s = [h for h in h1s if not site or h.lower() != site.lower()] or h1s[-1:]
    titled = _strip_site(page_title, site) or _strip_site(extracted or "", site)
    if len(h1s) > 1 and scope is soup:
        # Several <h1>s outside any <article>: the one the page's title names, else the title
        # (a template that makes every box heading an <h1>: prices, the footer's motto).
        named = [h for h in h1s if _resembles(h, titled)]
        return max(named, key=lambda h: len(h.split())) if named else titled or h1s[0]
    if h1s:
        return max(h1s, key=lambda h: len(h.split())) if scope is soup else h1s[0]
    return titled


def _resembles(heading: str, title: str) -> bool:
    """Whether most of the words of `heading` are words of `title`."""
    said, named = key(heading).split(), set(key(title).split())
    return bool(said) and sum(word in named for word in said) * 2 > len(said)


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


def _byline_near_headline(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """The byline and date in short elements between the <h1> and the first paragraph of the
    text: "By NAME", a date line, or a <time datetime>."""
    name: str | None = None
    date: str | None = None
    h1 = soup.find("h1")
    if not isinstance(h1, Tag):
        return None, None
    for element in h1.find_all_next(True, limit=30):
        text = element_text(element)
        if element.name == "p" and len(text.split()) >= 20:
            break
        if element.name == "time" and date is None:
            date = find_date(str(element.get("datetime") or "")) or find_date(text)
        if element.find(["p", "div", "li"]) is None and len(text.split()) <= 24:
            first = text.split("\n")[0]
            found = parse_byline(first)
            if found and name is None:
                name, date = found.name, date or found.date
            elif date is None and is_date_line(first):
                date = find_date(first)
    return name, date


def _author(author: str | None) -> str | None:
    """trafilatura's author, read as a byline: "NAME · Published Apr" gives NAME."""
    names = []
    for part in (author or "").split(";"):
        part = part.strip()
        found = parse_byline(part if re.match(r"(?i)by\s", part) else f"By {part}")
        if found and found.name not in names:
            names.append(found.name)
    return "; ".join(names) or None


def _page_title(block: Block, title: str) -> bool:
    """A paragraph that is the page's <title>: the headline with the site's name or section
    beside it ("verb choice - HEADLINE - German Language Stack Exchange")."""
    parts = _TITLE_SEPARATORS.split(" ".join(block.text.split()))
    return (
        block.kind is BlockKind.PARAGRAPH
        and 1 < len(parts) <= 3
        and len(block.text.split()) <= len(title.split()) + 8
        and any(key(part) == key(title) for part in parts)
    )


def _kind(text: str) -> LineKind:
    """Classify a block; "By NAME<br>Staff Writer" is a byline on its first line."""
    first, *rest = text.split("\n")
    if rest and all(len(line.split()) <= 6 for line in rest) and classify(first) is LineKind.BYLINE:
        return LineKind.BYLINE
    # A box of short lines, each a widget phrase or a prompt: "We need your help / Help us
    # continue ... / Donate".
    if rest and all(classify(line) in _BOX_LINES for line in (first, *rest)):
        return LineKind.PROMPT
    return classify(" ".join(text.split()))


def _drop_chrome(
    blocks: list[Block], title: str, rules: Collection[str]
) -> tuple[list[Block], str | None, str | None]:
    """Remove chrome paragraphs trafilatura kept; return the blocks, byline and date found."""
    byline: str | None = None
    date: str | None = None
    kept: list[Block] = []
    seen = {key(title)}
    dropped = {kind for rule, kind in LINE_RULES.items() if rule in rules}
    kinds = [_kind(block.text) for block in blocks]
    first_lines = [block.text.split("\n")[0] for block in blocks]
    # Line breaks stay: each line of a list-like block is read as a sentence (text/script.py).
    blocks = [replace(block, text=lines(block.text)) for block in blocks]
    for index, (block, kind) in enumerate(zip(blocks, kinds, strict=True)):
        if "repeats" in rules and (key(block.text) in seen or _page_title(block, title)):
            continue
        if kind not in dropped:
            if block.kind is BlockKind.PARAGRAPH:
                seen.add(key(block.text))
            kept.append(block)
            continue
        if block.kind is BlockKind.HEADING and kind not in (LineKind.SECTION_END, LineKind.CHROME):
            kept.append(block)
        elif kind is LineKind.BYLINE:
            found = parse_byline(first_lines[index])
            if found and byline is None:
                byline, date = found.name, date or found.date
        elif kind is LineKind.DATE:
            date = date or find_date(block.text)
    while "trailing-headings" in rules and kept and kept[-1].kind is BlockKind.HEADING:
        kept.pop()
    return kept, byline, date
