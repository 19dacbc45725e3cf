"""HTTP(S) downloads with limits: a size cap, one deadline for the whole download, and one
line of plain words for each way a download can fail.

Pages, lead images and feeds are all fetched here; each caller names what it fetched in its
own error type (ArticleError, CoverError, UsageError).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import HTTPError

from narrate.errors import UsageError

_CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Download:
    """What a server sent: `url` is the final address after redirects, `media_type` the
    declared type in lower case ("" when none), `charset` the declared one, if any."""

    url: str
    data: bytes
    media_type: str
    charset: str | None


class DownloadError(Exception):
    """A download failed; `reason` says why in a few words, `kind` is "size" (over the cap),
    "type" (a media type the caller refused) or "fetch" (everything else)."""

    def __init__(self, reason: str, kind: str = "fetch") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


def user_agent() -> str:
    try:
        version = metadata.version("narrate")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"narrate/{version} (article narration; +https://pypi.org/project/narrate/)"


def download(
    url: str,
    *,
    accept: str,
    max_bytes: int,
    timeout: float,
    allowed: Callable[[str], bool] = lambda media_type: True,
) -> Download:
    """GET `url`, following redirects; DownloadError when it fails, UsageError for an
    address that is not http(s). `timeout` (seconds) bounds the whole download, so a server
    that trickles bytes cannot hold a run; `allowed` vets the declared media type before the
    body is read."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{url}: only http:// and https:// URLs can be read")
    deadline = time.monotonic() + timeout
    try:
        with requests.get(
            url,
            headers={"User-Agent": user_agent(), "Accept": accept},
            timeout=timeout,
            stream=True,
        ) as response:
            if response.status_code >= 400:
                reason = f" {response.reason}" if response.reason else ""
                raise DownloadError(f"the server answered HTTP {response.status_code}{reason}")
            media_type, charset = content_type(response.headers.get("Content-Type", ""))
            if not allowed(media_type):
                raise DownloadError(f"content type {media_type}", "type")
            data = _read_capped(response, max_bytes, deadline, timeout)
            return Download(response.url, data, media_type, charset)
    except requests.exceptions.Timeout as error:
        raise DownloadError(f"no answer within {timeout:g} s") from error
    except requests.exceptions.TooManyRedirects as error:
        raise DownloadError("too many redirects") from error
    except requests.exceptions.SSLError as error:
        raise DownloadError("the secure connection failed (certificate problem)") from error
    except requests.exceptions.ConnectionError as error:
        raise DownloadError(_connection_problem(error)) from error
    except requests.exceptions.InvalidURL as error:
        raise UsageError(f"{url}: not a valid URL") from error
    except (requests.RequestException, HTTPError) as error:  # urllib3's: while reading
        raise DownloadError(f"cannot fetch ({type(error).__name__})") from error


def content_type(header: str) -> tuple[str, str | None]:
    """The media type and the charset named in a Content-Type header."""
    media_type, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
    return media_type.strip().lower(), charset.group(1) if charset else None


def size_in_words(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _read_capped(
    response: requests.Response, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise DownloadError(size_in_words(int(declared)), "size")
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_content(_CHUNK_BYTES):
        received += len(chunk)
        if received > max_bytes:
            raise DownloadError(f"over {size_in_words(max_bytes)}", "size")
        if time.monotonic() > deadline:
            raise DownloadError(f"no complete answer within {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


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
