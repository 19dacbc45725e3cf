"""narrate.http: deadlines that hold against a trickling server, and connections checked
against the network policy (local servers on 127.0.0.1 and 127.0.0.2 only)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from local_site import local_site, trickle

from narrate.http import DownloadError, download
from narrate.network_policy import NetworkPolicy, RefusedAddressError, network_scope

PAGE = b"<html><body><p>The harbor ferry runs again.</p></body></html>"


def get(url: str, **kwargs: object) -> bytes:
    return download(url, accept="*/*", max_bytes=1_000_000, timeout=5, **kwargs).data  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def trickling() -> Iterator[str]:
    with local_site({"/trickle": trickle, "/trickle-image": trickle, "/page": PAGE}) as base:
        yield base


def test_trickling_server_fails_at_the_deadline(trickling: str) -> None:
    started = time.monotonic()
    with pytest.raises(DownloadError) as caught:
        download(f"{trickling}/trickle", accept="*/*", max_bytes=1_000, timeout=1)
    elapsed = time.monotonic() - started
    assert str(caught.value) == "no complete answer within 1 s"
    assert 0.9 <= elapsed < 1.6


def test_trickling_page_is_one_article_error(trickling: str) -> None:
    from narrate.documents.url import fetch_url
    from narrate.errors import ArticleError

    started = time.monotonic()
    with pytest.raises(ArticleError, match=r"/trickle: no complete answer within 1 s$"):
        fetch_url(f"{trickling}/trickle", timeout=1)
    assert time.monotonic() - started < 1.6


def test_trickling_feed_fails_at_its_deadline(
    trickling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrate.batching import sources
    from narrate.errors import UsageError

    monkeypatch.setattr(sources, "LISTING_TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(UsageError, match="no complete answer within 1 s"):
        sources.discover([f"{trickling}/trickle"])
    assert time.monotonic() - started < 1.6


def test_trickling_image_fails_at_its_deadline(
    trickling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrate.tags import cover

    monkeypatch.setattr(cover, "FETCH_TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(cover.CoverError, match="no complete answer within 1 s"):
        cover.fetch_image(f"{trickling}/trickle-image")
    assert time.monotonic() - started < 1.6


def test_fast_page_is_read_whole(trickling: str) -> None:
    assert get(f"{trickling}/page") == PAGE


def test_silent_server_is_no_answer() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        started = time.monotonic()
        with pytest.raises(DownloadError, match=r"^no answer within 0.5 s$"):
            download(url, accept="*/*", max_bytes=100, timeout=0.5)
        assert time.monotonic() - started < 1.2


@pytest.fixture(scope="module")
def other_host() -> Iterator[str]:
    with local_site({"/page": PAGE}, host="127.0.0.2") as base:
        yield base


@pytest.fixture(scope="module")
def redirecting(other_host: str) -> Iterator[str]:
    routes = {
        "/away": (302, {"Location": f"{other_host}/page"}),
        "/here": (301, {"Location": "/page"}),
        "/page": PAGE,
    }
    with local_site(routes) as base:
        yield base


def test_redirect_to_another_private_host_is_refused(redirecting: str) -> None:
    with pytest.raises(DownloadError) as caught:
        get(f"{redirecting}/away")
    assert caught.value.kind == "refused"
    assert str(caught.value) == (
        "refused: 127.0.0.2 is a loopback address and not the host you gave; "
        "pass --allow-private-network to allow it"
    )


def test_redirect_on_the_same_host_is_followed(redirecting: str) -> None:
    assert get(f"{redirecting}/here") == PAGE


def test_redirect_to_another_private_host_with_permission(redirecting: str) -> None:
    policy = NetworkPolicy.for_sources([redirecting], allow_private=True)
    assert get(f"{redirecting}/away", policy=policy) == PAGE


def test_scope_sets_the_policy_of_downloads_inside_it(redirecting: str, other_host: str) -> None:
    with network_scope(NetworkPolicy.for_sources([redirecting])):
        with pytest.raises(DownloadError, match=r"127\.0\.0\.2 is a loopback address"):
            get(f"{other_host}/page")
        assert get(f"{redirecting}/page") == PAGE


def test_host_given_by_name_is_trusted_by_its_address(other_host: str) -> None:
    # The user named the host "localhost"; a link to one of its addresses is the same host.
    port = other_host.rsplit(":", 1)[1]
    with local_site({"/page": PAGE}) as base:
        # Trusted on the port the user gave (a host is no longer trusted on every port).
        given = base.replace("127.0.0.1", "localhost")
        policy = NetworkPolicy.for_sources([f"{given}/feed.xml"])
        assert get(f"{base}/page", policy=policy) == PAGE
    with pytest.raises(DownloadError, match="refused"):
        get(f"http://127.0.0.2:{port}/page", policy=policy)


def test_address_connected_to_is_checked_not_the_name(
    other_host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: a public-looking name answers with a loopback address at fetch time.
    real = socket.getaddrinfo

    def rebinding(host: object, *args: object, **kwargs: object) -> object:
        return real("127.0.0.2" if host == "news.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = other_host.rsplit(":", 1)[1]
    policy = NetworkPolicy.for_sources(["http://127.0.0.1/feed.xml"])
    with pytest.raises(DownloadError) as caught:
        get(f"http://news.example:{port}/page", policy=policy)
    assert caught.value.kind == "refused"
    assert "news.example (127.0.0.2) is a loopback address" in str(caught.value)


def test_redirect_loop_is_too_many_redirects() -> None:
    with (
        local_site({"/loop": (302, {"Location": "/loop"})}) as base,
        pytest.raises(DownloadError, match=r"^too many redirects$"),
    ):
        get(f"{base}/loop")


def test_redirect_to_another_scheme_is_refused() -> None:
    with (
        local_site({"/file": (302, {"Location": "file:///etc/hostname"})}) as base,
        pytest.raises(DownloadError, match="not a web address"),
    ):
        get(f"{base}/file")


@pytest.fixture(scope="module")
def tls_trickling(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A trickling HTTPS server on 127.0.0.2 with a self-signed certificate, trusted by the
    client through REQUESTS_CA_BUNDLE."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.2",
         "-addext", "subjectAltName=IP:127.0.0.2"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with (
        local_site({"/trickle": trickle}, host="127.0.0.2", tls=context) as base,
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        yield base


def test_trickling_tls_server_fails_at_the_deadline(tls_trickling: str) -> None:
    started = time.monotonic()
    with pytest.raises(DownloadError, match=r"^no complete answer within 1 s$"):
        download(f"{tls_trickling}/trickle", accept="*/*", max_bytes=1_000, timeout=1)
    assert time.monotonic() - started < 1.6


def test_tls_connection_is_checked_before_the_handshake(tls_trickling: str) -> None:
    policy = NetworkPolicy.for_sources(["https://127.0.0.1/feed.xml"])
    with pytest.raises(DownloadError, match=r"127\.0\.0\.2 is a loopback address") as caught:
        get(f"{tls_trickling}/trickle", policy=policy)
    assert caught.value.kind == "refused"


def test_through_a_proxy_the_deadline_still_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    # The proxy trickles its answer; proxied requests used to bypass the watched sockets.
    proxied: list[str] = []

    def proxy(handler: object) -> None:
        proxied.append(handler.path)  # type: ignore[attr-defined]
        trickle(handler)  # type: ignore[arg-type]

    with local_site({"http://news.example/story": proxy}) as base:
        monkeypatch.setenv("HTTP_PROXY", base)
        monkeypatch.setenv("http_proxy", base)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        started = time.monotonic()
        with pytest.raises(DownloadError, match=r"^no complete answer within 1 s$"):
            download("http://news.example/story", accept="*/*", max_bytes=1_000, timeout=1)
        assert time.monotonic() - started < 1.6
    assert proxied == ["http://news.example/story"]


def test_redirect_to_another_port_of_the_given_host_is_refused_before_connecting() -> None:
    reached: list[str] = []

    def listened(handler: object) -> None:
        reached.append("yes")
        serve_page(handler)

    with local_site({"/page": listened}) as other_port:
        routes = {"/away": (302, {"Location": f"{other_port}/page"}), "/page": PAGE}
        with local_site(routes) as base:
            with pytest.raises(DownloadError) as caught:
                get(f"{base}/away")
            policy = NetworkPolicy.for_sources([base])
            with pytest.raises(DownloadError):  # named by its address, the same rule
                get(f"{other_port}/page", policy=policy)
    port = other_port.rsplit(":", 1)[1]
    assert caught.value.kind == "refused"
    assert str(caught.value) == (
        f"refused: port {port} of 127.0.0.1 is a loopback address and not the host you gave; "
        "pass --allow-private-network to allow it"
    )
    assert reached == []  # refused by its name before any connection


def test_the_given_host_is_trusted_on_the_port_given_and_the_webs() -> None:
    policy = NetworkPolicy.for_sources(["http://localhost:8000/feed.xml"])
    assert policy.trusts("localhost", 8000) and policy.trusts("localhost", 443)
    assert policy.trusts("LOCALHOST", 80) and not policy.trusts("localhost", 22)
    policy.check("localhost", "127.0.0.1", 8000)
    with pytest.raises(RefusedAddressError, match="port 22 of localhost"):
        policy.check("localhost", "127.0.0.1", 22)


def serve_page(handler: object) -> None:
    handler.send_response(200)  # type: ignore[attr-defined]
    handler.send_header("Content-Length", str(len(PAGE)))  # type: ignore[attr-defined]
    handler.end_headers()  # type: ignore[attr-defined]
    handler.wfile.write(PAGE)  # type: ignore[attr-defined]
