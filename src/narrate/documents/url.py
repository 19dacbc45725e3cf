"""Fetch an article over HTTP(S): the page's decoded text, its kind and its final URL."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit

import requests

from narrate.documents.decode import decode_document
from narrate.documents.read import sniff_kind
from narrate.errors import ArticleError, UsageError

# An article page is well under a megabyte; the cap stops a wrong URL (a video, a dump) from
# filling memory before anyone notices.
MAX_PAGE_BYTES = 10 * 1024 * 1024
_CHUNK_BYTES = 64 * 1024
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


def user_agent() -> str:
    try:
        version = metadata.version("narrate")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"narrate/{version} (article narration; +https://pypi.org/project/narrate/)"


def fetch_url(url: str, *, timeout: float = 20, max_bytes: int = MAX_PAGE_BYTES) -> FetchedPage:
    """Download `url` and decode it; raise ArticleError with one line when that fails.

    `timeout` (seconds) bounds the whole download, not only each network wait, so a server
    that trickles bytes cannot hold the run. Redirects are followed.
    """
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc:
        raise UsageError(f"{url}: only http:// and https:// URLs can be read")
    deadline = time.monotonic() + timeout
    try:
        with requests.get(
            url,
            headers={"User-Agent": user_agent(), "Accept": "text/html, text/markdown, text/*"},
            timeout=timeout,
            stream=True,
        ) as response:
            if response.status_code >= 400:
                reason = f" {response.reason}" if response.reason else ""
                raise ArticleError(
                    f"{url}: the server answered HTTP {response.status_code}{reason}"
                )
            media_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if not _readable(media_type):
                raise ArticleError(f"{url} is not a web page or text (content type {media_type})")
            data = _read_capped(response, url, max_bytes, deadline, timeout)
            final_url = response.url
    except requests.exceptions.Timeout as error:
        raise ArticleError(f"{url}: no answer within {timeout:g} s") from error
    except requests.exceptions.TooManyRedirects as error:
        raise ArticleError(f"{url}: too many redirects") from error
    except requests.exceptions.SSLError as error:
        raise ArticleError(f"{url}: the secure connection failed (certificate problem)") from error
    except requests.exceptions.ConnectionError as error:
        raise ArticleError(f"{url}: {_connection_problem(error)}") from error
    except requests.exceptions.InvalidURL as error:
        raise UsageError(f"{url}: not a valid URL") from error
    except requests.RequestException as error:
        raise ArticleError(f"{url}: cannot fetch ({type(error).__name__})") from error
    text = decode_document(data, name=url, declared=charset)
    return FetchedPage(
        url=final_url,
        text=text,
        kind=_kind(media_type, final_url, text),
        content_type=media_type,
    )


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type and the charset named in a Content-Type header."""
    media_type, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
    return media_type.strip().lower(), charset.group(1) if charset else None


def _read_capped(
    response: requests.Response, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ArticleError(f"{url} is too large to be an article ({_size(int(declared))})")
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_content(_CHUNK_BYTES):
        received += len(chunk)
        if received > max_bytes:
            raise ArticleError(f"{url} is too large to be an article (over {_size(max_bytes)})")
        if time.monotonic() > deadline:
            raise ArticleError(f"{url}: no complete answer within {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _connection_problem(error: requests.exceptions.ConnectionError) -> str:
    """Say in words why a connection failed: unknown host, refused, or unreachable."""
    detail = str(error)
    if re.search(
        r"NameResolution|Name or service not known|getaddrinfo|nodename nor servname"
        r"|Temporary failure in name resolution|No address associated",
        detail,
    ):
        return "host not found (check the address, or the network)"
    if "Connection refused" in detail or "ECONNREFUSED" in detail:
        return "connection refused by the server"
    return "cannot connect to the server (network unreachable?)"


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
