"""Which addresses narrate may connect to: no forged requests into private networks.

A feed, a sitemap or a page names links that narrate then fetches; a redirect names another.
Any of them could point at a loopback, private, link-local (a cloud's metadata address),
multicast or reserved address, and what comes back would be narrated and published. Such an
address is refused unless its host is a host the user gave (by name or by address), or the
user allows private networks (`--allow-private-network`, `allow_private_network = true`).
A host the user gave is trusted on the web's ports and on the port they named, not on every
port: a redirect from `localhost:8000` to `localhost:22` is refused.

The check is made on the address a socket actually connected to (narrate.http), so a name
that resolves to a public address when checked and to a private one when fetched (DNS
rebinding) cannot get past it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from narrate.errors import NarrateError

ALLOW_HINT = "pass --allow-private-network to allow it"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# A host the user gave is trusted on these ports, and on the one they named.
WEB_PORTS = frozenset({80, 443})


class RefusedAddressError(NarrateError):
    """A link or a redirect points where narrate may not go (a private network, a file outside
    the article's folder); the message names the rule."""


@dataclass(frozen=True)
class NetworkPolicy:
    """Where downloads may connect: `trusted_hosts` are the hosts of the URLs the user gave
    (lower-case names or addresses), trusted on the web's ports (80, 443) and on the ports
    the user named (`trusted_ports`, (host, port) pairs); `allow_private` lifts the
    private-address rule."""

    trusted_hosts: frozenset[str] = frozenset()
    allow_private: bool = False
    trusted_ports: frozenset[tuple[str, int]] = frozenset()

    @classmethod
    def for_sources(cls, sources: Iterable[str], allow_private: bool = False) -> NetworkPolicy:
        """The policy of a run whose user gave `sources` (URLs, paths: only URLs count)."""
        hosts = {host_of(source) for source in sources}
        ports = {(host_of(s), p) for s in sources if host_of(s) and (p := _given_port(s))}
        return cls(frozenset(h for h in hosts if h), allow_private, frozenset(ports))

    def trusts(self, host: str, port: int | None = None) -> bool:
        """Whether `host` (on `port`, when given) is one the user gave."""
        host = host.lower().strip("[]")
        if host not in self.trusted_hosts:
            return False
        return port is None or port in WEB_PORTS or (host, port) in self.trusted_ports

    def check(self, host: str, address: str, port: int | None = None) -> None:
        """Raise RefusedAddressError when connecting to `host` at `address` (on `port`)
        breaks the rule."""
        if self.allow_private or self.trusts(host, port):
            return
        kind = forbidden_kind(address)
        if kind is None or self._trusted_address(address, port):
            return
        shown = host if host.strip("[]") == address else f"{host} ({address})"
        if port is not None and self.trusts(host):
            shown = f"port {port} of {shown}"
        raise RefusedAddressError(
            f"refused: {shown} is a {kind} address and not the host you gave; {ALLOW_HINT}"
        )

    def check_url(self, url: str) -> None:
        """The same rule for a link before it is fetched, by the addresses its host resolves
        to now (the fetch checks again the address it connects to)."""
        host = host_of(url)
        port = url_port(url)
        if not host or self.allow_private or self.trusts(host, port):
            return
        for address in resolve(host):
            self.check(host, address, port)

    def _trusted_address(self, address: str, port: int | None) -> bool:
        """True when a host the user gave by name resolves to `address` (the same host,
        named by its address), on a port trusted for it."""
        return any(
            self.trusts(host, port) and address in resolve(host) for host in self.trusted_hosts
        )


def url_port(url: str) -> int | None:
    """The port an http(s) URL connects to (its scheme's when it names none); None when
    it names an impossible one."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    return port or (443 if parts.scheme.lower() == "https" else 80)


def _given_port(url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        return None


_SCOPE: ContextVar[NetworkPolicy | None] = ContextVar("narrate_network_policy", default=None)


@contextlib.contextmanager
def network_scope(policy: NetworkPolicy) -> Iterator[NetworkPolicy]:
    """Downloads made inside the block follow `policy` (per thread or task, like
    decimal.localcontext), whatever stage of the pipeline makes them."""
    token = _SCOPE.set(policy)
    try:
        yield policy
    finally:
        _SCOPE.reset(token)


def scoped_policy() -> NetworkPolicy | None:
    """The policy of the innermost network_scope, if any."""
    return _SCOPE.get()


def host_of(url: str) -> str:
    """The lower-case host of an http(s) URL; "" for anything else (a path)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return ""
    return (parts.hostname or "").lower()


def forbidden_kind(address: str) -> str | None:
    """What kind of non-public address `address` is ("loopback", "private", ...), or None
    for a public one."""
    try:
        ip: Address = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparseable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if flag:
            return kind
    return None if ip.is_global else "private"


def resolve(host: str) -> set[str]:
    """The addresses `host` resolves to now (an address resolves to itself); empty when it
    does not resolve (the fetch then fails on its own)."""
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host)
        return {host}
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return set()
    return {str(info[4][0]) for info in infos}


def check_local_image(image: str, article: Path, folders: Iterable[Path] = ()) -> None:
    """Refuse a local image path (a Markdown `image:`) outside the article's folder and the
    `folders` the user gave: a post must not publish files from elsewhere on the machine."""
    folder = article.resolve().parent
    path = Path(image).expanduser()
    target = (path if path.is_absolute() else folder / path).resolve()
    roots = [folder, *(Path(f).resolve() for f in folders)]
    if not any(target == root or target.is_relative_to(root) for root in roots):
        raise RefusedAddressError(
            f"refused: image {image} is outside the article's folder ({folder})"
        )
