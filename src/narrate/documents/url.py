"""Fetch an article over HTTP(S): the page's decoded text, its kind and its final URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from narrate.documents.decode import decode_document
from narrate.documents.options import sniff_kind
from narrate.errors import ArticleError
from narrate.http import DownloadError, download

# An article page is well under a megabyte; the cap stops a wrong URL (a video, a dump) from
# filling memory before anyone notices.
MAX_PAGE_BYTES = 10_000_000
PAGE_TIMEOUT_SECONDS = 20.0
_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}
_MARKDOWN_PATH = re.compile(r"\.(?:md|markdown|mdown|mkd)$", re.I)


@dataclass(frozen=True)
class FetchedPage:
    """A fetched document: `url` is the final address after redirects, `kind` is "html",
    "markdown" or "text", `content_type` the media type the server declared (may be empty)."""

    url: str
    text: str
    kind: str
    content_type: str


def fetch_url(
    url: str, *, timeout: float | None = None, max_bytes: int = MAX_PAGE_BYTES
) -> FetchedPage:
    """Download `url` and decode it; raise ArticleError with one line when that fails.

    `timeout` (seconds, default PAGE_TIMEOUT_SECONDS) bounds the whole download. Redirects
    are followed, under the network policy in force (narrate.network_policy).
    """
    try:
        page = download(
            url,
            accept="text/html, text/markdown, text/*",
            max_bytes=max_bytes,
            timeout=timeout or PAGE_TIMEOUT_SECONDS,
            allowed=_readable,
        )
    except DownloadError as error:
        if error.kind == "size":
            raise ArticleError(f"{url} is too large to be an article ({error.reason})") from None
        if error.kind == "type":
            raise ArticleError(f"{url} is not a web page or text ({error.reason})") from None
        raise ArticleError(f"{url}: {error.reason}") from None
    text = decode_document(page.data, name=url, declared=page.charset)
    return FetchedPage(
        url=page.url,
        text=text,
        kind=_kind(page.media_type, page.url, text),
        content_type=page.media_type,
    )


def _readable(media_type: str) -> bool:
    """True for text types and for a missing or generic type (then the content decides)."""
    return (
        media_type in _KINDS
        or media_type.startswith("text/")
        or media_type in ("", "application/octet-stream")
    )


def _kind(media_type: str, final_url: str, text: str) -> str:
    """Map the media type to a reader; servers often send Markdown files as text/plain."""
    kind = _KINDS.get(media_type)
    if kind == "text" and _MARKDOWN_PATH.search(urlsplit(final_url).path):
        return "markdown"
    if kind:
        return kind
    if media_type in ("", "application/octet-stream"):
        return sniff_kind(text)
    return "text"
