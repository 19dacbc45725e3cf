"""Remove page furniture from an HTML page before the article is looked for.

What is never article text is found by tag (scripts, navigation, sidebars, footers, forms)
and by the words of a class or id ("share-bar", "related-posts"). Each kind is a named rule,
so that the extraction benchmarks can switch it off and measure what it is worth
(bench/extraction.py and bench/realpages.py --ablate); a rule stays only while it helps
on real pages (../shared/realpages), the pages of tests/data/extraction being regression tests.
Rules by ARIA role, by the hidden attributes, for AMP widgets and for headers without the
headline were measured and removed: trafilatura already leaves that text out.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bs4 import BeautifulSoup, Tag

from narrate.limits import checkpoint

# Browsers stop nesting elements at a few hundred levels (Chromium's HTML parser at 512), and
# trafilatura's parser (libxml2) drops whatever lies deeper than 256: flattened below this,
# the text of a page nested deeper is still found.
MAX_DEPTH = 200

# Rules of this module, by name: each removes one kind of element.
CHROME_RULES = frozenset({"drop-tags", "drop-figures", "junk-names"})

# Never article text: scripts, media and page landmarks; forms because inside an article they
# are sign-up or comment boxes.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "picture", "img", "video", "audio", "form", "button", "input", "select", "textarea", "label",
    "nav", "aside", "footer",
)  # fmt: skip
# A caption read aloud in the middle of a paragraph is noise; but on a gallery the captions are
# the story, and a figure may hold a table: figures are a rule of their own.
_FIGURE_TAGS = ("figure", "figcaption")
_ALWAYS = ("script", "style", "noscript", "template", "svg")
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
    "banner", "more", "toc", "jp", "screen", "sr", "visually", "signature", "postprofile",
    "jumpbox",
}  # fmt: skip


def _junk_name(element: Tag) -> bool:
    names = " ".join([*element.get("class", []), str(element.get("id", ""))])
    split = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
    return any(word in _JUNK_WORDS for word in re.split(r"[\s_-]+", split) if word)


def _content_figure(element: Tag) -> bool:
    """A figure that is text, not a picture: a table in a figure (as publishers' templates
    wrap their comparison tables), or a caption with a heading of its own (an entry of a
    gallery or a list, where the captions are the story)."""
    if element.name == "figure" and element.find("table") is not None:
        return True
    caption = element if element.name == "figcaption" else element.find("figcaption")
    return isinstance(caption, Tag) and caption.find(("h2", "h3", "h4")) is not None


def chrome_rule(element: Tag, rules: Collection[str]) -> str | None:
    """The name of the rule that finds `element` to be page furniture, or None."""
    name = element.name
    if name == "script" and element.get("type") == "application/ld+json":
        return None
    if name in _ALWAYS:
        return "always"
    if name in _DROP_TAGS and "drop-tags" in rules:
        return "drop-tags"
    if name in _FIGURE_TAGS and "drop-figures" in rules and not _content_figure(element):
        return "drop-figures"
    if "junk-names" in rules and _junk_name(element):
        return "junk-names"
    return None


def remove_chrome(soup: BeautifulSoup, rules: Collection[str] = CHROME_RULES) -> None:
    """Remove page furniture in place, but never what holds the headline or most of the text.

    Nesting deeper than MAX_DEPTH is flattened first (cut_nesting).

    The guard matters: some sites put "has-comments" on the article or wrap the whole page in a
    form, and removing those would remove the article.
    """
    cut_nesting(soup)
    total = paragraph_words(soup)
    if "drop-figures" in rules:
        # trafilatura skips figures: the figures that stay are read as sections.
        for element in soup.find_all(_FIGURE_TAGS):
            if _content_figure(element):
                element.name = "div"
    for element in soup.find_all(True):
        # A removed element has lost its name (bs4's `decomposed` searches the element's
        # subtree for a tag of that name: quadratic on deep nesting).
        if not element.name or element.name in ("html", "body", "head", "title", "meta"):
            continue
        if element.parent is None:
            continue
        checkpoint()
        rule = chrome_rule(element, rules)
        if rule is None:
            continue
        holds_article = element.find("h1") is not None or paragraph_words(element) * 2 > total
        if rule == "always" or not holds_article:
            element.decompose()


def cut_nesting(soup: BeautifulSoup, max_depth: int = MAX_DEPTH) -> int:
    """Flatten elements nested deeper than `max_depth`: each element at that depth keeps the
    text of everything inside it, as one string. Returns how many elements were flattened.

    Iterative (a page of 20,000 nested <div>s is deeper than Python's recursion limit)."""
    flattened = 0
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        element, depth = stack.pop()
        children = [child for child in element.children if isinstance(child, Tag)]
        if depth < max_depth:
            stack.extend((child, depth + 1) for child in children)
        elif children:
            text = element.get_text()
            element.clear()
            element.append(text)
            flattened += 1
        if flattened and not flattened % 256:
            checkpoint()
    return flattened


def paragraph_words(element: Tag) -> int:
    return sum(len(p.get_text().split()) for p in element.find_all("p"))
