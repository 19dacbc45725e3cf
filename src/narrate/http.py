"""HTTP(S) downloads with limits: a size cap, one deadline for the whole download, and one
line of plain words for each way a download can fail.

Pages, lead images and feeds are all fetched here; each caller names what it fetched in its
own error type (ArticleError, CoverError, UsageError).
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import requests.adapters
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError

from narrate.errors import UsageError
from narrate.network_policy import NetworkPolicy, RefusedAddressError, scoped_policy

_CHUNK_BYTES = 64 * 1024
MAX_REDIRECTS = 10


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
        "type" (a media type the caller refused), "refused" (an address narrate may not reach,
    see narrate.network_policy) or "fetch" (everything else)."""

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
    policy: NetworkPolicy | None = None,
) -> Download:
    """GET `url`, following redirects; DownloadError when it fails, UsageError for an
    address that is not http(s).

    `timeout` (seconds) bounds the whole download, connecting and every read included, so a
    server that trickles bytes cannot hold a run; `allowed` vets the declared media type
    before the body is read. Every connection, redirects included, is checked against
    `policy` (else the one of the enclosing network_scope, else one that trusts the host of
    `url` alone): a refused one is a DownloadError of kind "refused".
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{url}: only http:// and https:// URLs can be read")
    policy = policy or scoped_policy() or NetworkPolicy.for_sources([url])
    deadline = _Deadline(timeout)
    try:
        with deadline, _guarded_session(policy, deadline) as session:
            response = _follow(session, url, accept, policy, deadline)
            with response:
                deadline.answered = True
                if response.status_code >= 400:
                    reason = f" {response.reason}" if response.reason else ""
                    raise DownloadError(f"the server answered HTTP {response.status_code}{reason}")
                media_type, charset = content_type(response.headers.get("Content-Type", ""))
                if not allowed(media_type):
                    raise DownloadError(f"content type {media_type}", "type")
                data = _read_capped(response, max_bytes)
        if deadline.expired:  # the watchdog cut the connection: what was read is partial
            raise DownloadError(deadline.reason())
        return Download(response.url, data, media_type, charset)
    except DownloadError:
        raise
    except RefusedAddressError as error:
        raise DownloadError(str(error), "refused") from None
    except Exception as error:
        if deadline.expired or isinstance(error, requests.exceptions.Timeout):
            raise DownloadError(deadline.reason()) from None
        raise _download_error(url, error) from error


def _download_error(url: str, error: Exception) -> Exception:
    """A DownloadError (or UsageError) in plain words for what requests or urllib3 raised."""
    if isinstance(error, requests.exceptions.SSLError):
        return DownloadError("the secure connection failed (certificate problem)")
    if isinstance(error, requests.exceptions.ConnectionError):
        return DownloadError(_connection_problem(error))
    if isinstance(error, requests.exceptions.InvalidURL):
        return UsageError(f"{url}: not a valid URL")
    if isinstance(error, requests.RequestException | HTTPError | OSError):
        return DownloadError(f"cannot fetch ({type(error).__name__})")
    return error


def _follow(
    session: requests.Session, url: str, accept: str, policy: NetworkPolicy, deadline: _Deadline
) -> requests.Response:
    """GET `url`, following redirects one hop at a time so each target is checked."""
    headers = {"User-Agent": user_agent(), "Accept": accept}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            raise DownloadError(f"redirected to {current}, not a web address")
        # Before connecting, by the addresses the name has now; the connection is checked
        # again (direct) or, through a proxy, that check is all there is (see README).
        policy.check_url(current)
        response = session.get(
            current,
            headers=headers,
            timeout=(deadline.left(), deadline.seconds),
            stream=True,
            allow_redirects=False,
        )
        target = session.get_redirect_target(response)
        if target is None:
            return response
        response.close()
        current = urljoin(current, target)
    raise DownloadError("too many redirects")


class _Deadline:
    """One deadline for a whole download: at expiry a watchdog shuts the connections' sockets,
    so a read blocked on a trickling server returns at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self.answered = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(0.01, self.end - time.monotonic())

    def reason(self) -> str:
        said = "complete answer" if self.answered else "answer"
        return f"no {said} within {self.seconds:g} s"

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                _shut(sock)
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _guarded_session(policy: NetworkPolicy, deadline: _Deadline) -> requests.Session:
    """A session whose connections, proxied ones included, are watched by `deadline`, and
    whose direct ones check the address they reached against `policy`."""

    class Guarded:
        checks_address = True  # False through a proxy: the socket reaches the proxy

        def _new_conn(self) -> socket.socket:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
            try:
                if self.checks_address:
                    address = str(sock.getpeername()[0])
                    policy.check(self.host, address, self.port)  # type: ignore[attr-defined]
            except RefusedAddressError:
                sock.close()
                raise
            deadline.watch(sock)
            return sock

        def connect(self) -> None:
            super().connect()  # type: ignore[misc]
            deadline.watch(self.sock)  # type: ignore[attr-defined]  # TLS wraps a new socket

    def pool_classes(checks_address: bool) -> dict[str, type]:
        """Pools of guarded connections; `checks_address` is False through a proxy."""
        guarded = type("Guarded", (Guarded,), {"checks_address": checks_address})
        http = type("GuardedHTTP", (guarded, HTTPConnection), {})
        https = type("GuardedHTTPS", (guarded, HTTPSConnection), {})
        return {
            "http": type("HTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("HTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }

    class Adapter(requests.adapters.HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pool_classes(checks_address=True)

        def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
            # requests builds its proxy managers with urllib3's own connections: the
            # deadline's watchdog would never see their sockets.
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            if not proxy.lower().startswith("socks"):
                manager.pool_classes_by_scheme = pool_classes(checks_address=False)
            return manager

    session = requests.Session()
    adapter = Adapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def content_type(header: str) -> tuple[str, str | None]:
    """The media type and the charset named in a Content-Type header."""
    media_type, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
    return media_type.strip().lower(), charset.group(1) if charset else None


def size_in_words(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _read_capped(response: requests.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise DownloadError(size_in_words(int(declared)), "size")
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_content(_CHUNK_BYTES):
        received += len(chunk)
        if received > max_bytes:
            raise DownloadError(f"over {size_in_words(max_bytes)}", "size")
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
