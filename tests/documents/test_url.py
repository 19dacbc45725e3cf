"""Fetching URLs, against a real HTTP server on 127.0.0.1 (the network edge, faked locally)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from narrate.documents.url import fetch_url
from narrate.errors import ArticleError, UsageError

PAGE = (
    "<!doctype html><html><head><title>Ferry</title></head><body><article><h1>Ferry approved</h1>"
    "<p>The council approved the harbor ferry on Tuesday night.</p></article></body></html>"
)


class ArticleSite(BaseHTTPRequestHandler):
    """A small site: pages of several types, errors, a redirect, a slow and an endless page."""

    def do_GET(self) -> None:
        route = {
            "/article.html": lambda: self.send(PAGE.encode(), "text/html; charset=utf-8"),
            "/notes.md": lambda: self.send(b"# Notes\n\nBody.\n", "text/markdown"),
            "/raw/notes.md": lambda: self.send(b"# Notes\n\nBody.\n", "text/plain"),
            "/latin1.txt": lambda: self.send(
                "Café crème à la gare.".encode("cp1252"), "text/plain; charset=windows-1252"
            ),
            "/untyped": lambda: self.send(PAGE.encode(), None),
            "/photo.png": lambda: self.send(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
            "/user-agent": lambda: self.send(
                self.headers.get("User-Agent", "").encode(), "text/plain"
            ),
            "/moved": self.redirect,
            "/slow": self.slow,
            "/endless": self.endless,
            "/huge-declared": self.huge_declared,
            "/broken": lambda: self.send_error(500, "Internal Server Error"),
        }.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route()

    def send(self, body: bytes, content_type: str | None) -> None:
        self.send_response(200)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/article.html")
        self.end_headers()

    def slow(self) -> None:
        time.sleep(1.5)
        self.send(PAGE.encode(), "text/html")

    def endless(self) -> None:
        # No Content-Length: the size is only known by reading, so the cap must stop it.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b"<p>" + b"x" * 1021 + b"</p>")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def huge_declared(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50_000_000))
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ArticleSite)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_html_page_is_fetched_and_decoded(site: str) -> None:
    page = fetch_url(f"{site}/article.html")
    assert page.kind == "html"
    assert page.content_type == "text/html"
    assert "The council approved the harbor ferry" in page.text
    assert page.url == f"{site}/article.html"


def test_markdown_content_type_gives_markdown(site: str) -> None:
    assert fetch_url(f"{site}/notes.md").kind == "markdown"


def test_markdown_file_served_as_plain_text_is_markdown(site: str) -> None:
    assert fetch_url(f"{site}/raw/notes.md").kind == "markdown"


def test_declared_charset_decodes_the_text(site: str) -> None:
    page = fetch_url(f"{site}/latin1.txt")
    assert page.kind == "text"
    assert page.text == "Café crème à la gare."


def test_missing_content_type_is_sniffed(site: str) -> None:
    assert fetch_url(f"{site}/untyped").kind == "html"


def test_redirect_is_followed_and_final_url_reported(site: str) -> None:
    page = fetch_url(f"{site}/moved")
    assert page.url == f"{site}/article.html"
    assert "Ferry approved" in page.text


def test_user_agent_names_narrate(site: str) -> None:
    assert fetch_url(f"{site}/user-agent").text.startswith("narrate/")


def test_not_found_names_the_status(site: str) -> None:
    with pytest.raises(ArticleError, match=r"/gone: the server answered HTTP 404 Not Found$"):
        fetch_url(f"{site}/gone")


def test_server_error_names_the_status(site: str) -> None:
    with pytest.raises(ArticleError, match=r"HTTP 500 Internal Server Error$"):
        fetch_url(f"{site}/broken")


def test_slow_server_times_out(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(ArticleError, match=r"no answer within 0.3 s"):
        fetch_url(f"{site}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.2


def test_oversize_body_is_refused_while_streaming(site: str) -> None:
    with pytest.raises(ArticleError, match=r"too large to be an article \(over 50,000 bytes\)"):
        fetch_url(f"{site}/endless", max_bytes=50_000)


def test_oversize_declared_length_is_refused_before_reading(site: str) -> None:
    with pytest.raises(ArticleError, match=r"too large to be an article \(50.0 MB\)"):
        fetch_url(f"{site}/huge-declared")


def test_binary_content_type_is_refused(site: str) -> None:
    with pytest.raises(ArticleError, match=r"not a web page or text \(content type image/png\)"):
        fetch_url(f"{site}/photo.png")


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/hosts", "example.org"])
def test_non_http_scheme_is_a_usage_error(url: str) -> None:
    with pytest.raises(UsageError, match="only http:// and https:// URLs"):
        fetch_url(url)


def test_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ArticleError, match="connection refused"):
        fetch_url(f"http://127.0.0.1:{port}/article.html", timeout=2)


def test_unknown_host_says_host_not_found() -> None:
    # .invalid is reserved (RFC 2606): it never resolves, so no real site is contacted.
    with pytest.raises(ArticleError, match="host not found"):
        fetch_url("http://narrate-test.invalid/article.html", timeout=5)
