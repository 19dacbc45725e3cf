"""Cover art: user files re-encoded as bounded JPEGs; lead images fetched from a local HTTP
server (the network edge, faked), with failures reported as CoverError."""

import http.server
import io
import threading

import pytest
from PIL import Image

from narrate.errors import UsageError
from narrate.tags.cover import MAX_SIDE, CoverError, cover_from_file, lead_image


def image_bytes(size, mode="RGB", fmt="PNG", color="teal") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt)
    return out.getvalue()


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_large_image_is_shrunk_to_fit_and_becomes_jpeg(tmp_path):
    path = tmp_path / "big.png"
    path.write_bytes(image_bytes((3000, 1500)))
    cover = cover_from_file(path)
    image = decoded(cover.data)
    assert image.format == "JPEG" and cover.mime == "image/jpeg"
    assert (image.width, image.height) == (cover.width, cover.height) == (MAX_SIDE, MAX_SIDE // 2)


def test_small_image_keeps_its_size(tmp_path):
    path = tmp_path / "small.jpg"
    path.write_bytes(image_bytes((300, 300), fmt="JPEG"))
    cover = cover_from_file(path)
    assert (cover.width, cover.height) == (300, 300)


def test_transparency_is_laid_over_white(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(image_bytes((40, 40), mode="RGBA", color=(255, 0, 0, 0)))
    pixel = decoded(cover_from_file(path).data).getpixel((20, 20))
    assert all(channel > 245 for channel in pixel)


def test_missing_cover_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        cover_from_file(tmp_path / "nope.jpg")


def test_a_file_that_is_no_image_is_a_usage_error(tmp_path):
    path = tmp_path / "cover.jpg"
    path.write_text("not an image", encoding="utf-8")
    with pytest.raises(UsageError, match=r"cover\.jpg: not an image"):
        cover_from_file(path)


def test_a_truncated_image_is_a_usage_error(tmp_path):
    path = tmp_path / "cut.png"
    path.write_bytes(image_bytes((200, 200))[:120])
    with pytest.raises(UsageError, match="cover image"):
        cover_from_file(path)


def test_lead_image_path_is_relative_to_the_article(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "lead.png").write_bytes(image_bytes((100, 50)))
    cover = lead_image("img/lead.png", str(tmp_path / "article.md"))
    assert (cover.width, cover.height) == (100, 50)


ROUTES = {
    "/lead.jpg": ("image/jpeg", image_bytes((80, 60), fmt="JPEG")),
    "/page.html": ("text/html", b"<html></html>"),
    "/broken.png": ("image/png", b"\x89PNG garbage"),
}


class ImageServer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path not in ROUTES:
            self.send_error(404)
            return
        content_type, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImageServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_lead_image_is_fetched(server):
    cover = lead_image(f"{server}/lead.jpg", f"{server}/story")  # the host the user gave
    assert (cover.width, cover.height) == (80, 60)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.jpg", "HTTP 404"),
        ("/page.html", "not an image"),
        ("/broken.png", "not an image Pillow can read"),
    ],
)
def test_lead_image_failures_are_cover_errors(server, path, reason):
    with pytest.raises(CoverError, match=reason) as error:
        lead_image(f"{server}{path}", f"{server}/story")
    assert path in str(error.value) and "\n" not in str(error.value)


def test_a_remote_articles_image_path_is_fetched_from_its_site_not_read_from_disk(server, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(image_bytes((64, 64)))
    # A Markdown post on a web site names a file of this machine as its image.
    with pytest.raises(CoverError) as caught:
        lead_image(str(secret), f"{server}/posts/story.md")
    assert (
        str(caught.value) == f"lead image {server}{secret}: the server answered HTTP 404 Not Found"
    )
    cover = lead_image("../lead.jpg", f"{server}/posts/story.md")  # relative to the post's URL
    assert (cover.width, cover.height) == (80, 60)


def test_a_remote_articles_image_that_is_no_web_address_is_not_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(image_bytes((64, 64)))
    with pytest.raises(CoverError, match="not a web address"):
        lead_image(f"file://{secret}", "https://news.example/story")


def test_outside_a_network_scope_the_image_follows_the_articles_policy(server):
    # The CLI trusts the article's host, not the image's: a loopback image is refused.
    with pytest.raises(CoverError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        lead_image(f"{server}/lead.jpg", "https://news.example/story")
