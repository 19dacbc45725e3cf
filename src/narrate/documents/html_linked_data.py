"""The article body a page declares in its schema.org JSON-LD (`articleBody`).

Pages that draw their story with JavaScript, or hide it behind a paywall script, often still
carry the whole text in a `<script type="application/ld+json">` NewsArticle for search engines.
When the page's own markup yields much less, that text is the article.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Tag


def linked_data_body(soup: BeautifulSoup) -> list[str]:
    """The paragraphs of the longest `articleBody` of an Article-like item, or []."""
    bodies = [body for item in _items(soup) if (body := _body(item))]
    if not bodies:
        return []
    longest = max(bodies, key=len)
    if "<" in longest and ">" in longest:  # some sites put the body's HTML in it
        longest = BeautifulSoup(longest, "lxml").get_text("\n")
    return [" ".join(line.split()) for line in longest.splitlines() if line.strip()]


def _items(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        if not isinstance(script, Tag):
            continue
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, RecursionError):
            continue
        yield from _walk(data)


def _walk(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _walk(entry)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _walk(data[key])


def _body(item: dict[str, Any]) -> str:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if not any(isinstance(k, str) and k.endswith(("Article", "BlogPosting")) for k in kinds):
        return ""
    body = item.get("articleBody")
    return html.unescape(body).strip() if isinstance(body, str) else ""
