"""A tiny HTTP server on a loopback address (127.0.0.1 or 127.0.0.2 only) serving a dict of
routes: bytes, a (status, headers) redirect, or a callable that writes the answer itself."""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = bytes | tuple[int, dict[str, str]] | Callable[[BaseHTTPRequestHandler], None]
LOOPBACKS = ("127.0.0.1", "127.0.0.2")


@contextlib.contextmanager
def local_site(
    routes: dict[str, Route], host: str = "127.0.0.1", tls: ssl.SSLContext | None = None
) -> Iterator[str]:
    """Serve `routes` on `host` at a free port (over TLS with `tls`); yields the base URL
    (no trailing slash)."""
    assert host in LOOPBACKS, "tests talk to local servers only"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
            elif callable(route):
                route(self)
            elif isinstance(route, tuple):
                self.send_response(route[0])
                for name, value in route[1].items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_response(200)
                kind = "application/xml" if route.lstrip().startswith(b"<?xml") else "text/html"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(route)))
                self.end_headers()
                self.wfile.write(route)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """A route that declares 100 bytes, then sends one every 0.2 s (20 s in all): a server
    that holds a download open for as long as it likes."""
    handler.send_response(200)
    handler.send_header("Content-Type", "image/png" if "image" in handler.path else "text/html")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    with contextlib.suppress(OSError):  # the client gave up, as it should
        for _ in range(100):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.2)
