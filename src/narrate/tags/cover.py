"""Cover art: an image file, or the article's lead image, made into an embeddable JPEG.

Images are re-encoded, never embedded as found: that bounds the size of every output (a
phone photo can be 10 MB), drops EXIF data such as a camera's GPS position, and gives
every player a format it shows (baseline JPEG).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from narrate.errors import NarrateError, UsageError
from narrate.network_policy import NetworkPolicy, scoped_policy

if TYPE_CHECKING:
    from PIL import Image

# Apple Podcasts asks for 1400-3000 px artwork; 1400 is plenty for an embedded cover and
# keeps it near 200 kB.
MAX_SIDE = 1400
JPEG_QUALITY = 85
# A lead image is a photo: a cap stops a wrong URL (a video) from filling memory.
MAX_IMAGE_BYTES = 20_000_000
FETCH_TIMEOUT_SECONDS = 20.0


class CoverError(NarrateError):
    """An image cannot be used as cover art."""


@dataclass(frozen=True)
class Cover:
    """Cover art ready to embed: JPEG bytes and its size in pixels."""

    data: bytes
    width: int
    height: int
    mime: str = "image/jpeg"


def cover_from_file(path: Path) -> Cover:
    """The cover from an image file given by the user; UsageError in one line when unusable."""
    if not path.is_file():
        raise UsageError(f"cover image {path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cover image {path}: cannot read ({error.strerror})") from error
    try:
        return cover_from_bytes(data)
    except CoverError as error:
        raise UsageError(f"cover image {path}: {error}") from None


def lead_image(image: str, article_source: str) -> Cover:
    """The cover from an article's lead image: a URL, or a path relative to the article.

    The lead image of an article read from the web is a URL (a relative one is resolved
    against the article's), fetched under the network policy of the enclosing network_scope,
    else the one the CLI applies to `article_source`; it is never read from disk.
    Raises CoverError; the caller decides whether that is fatal (it is not for a lead image).
    """
    remote = "://" in article_source
    try:
        if remote:
            image = urljoin(article_source, image)
        if urlsplit(image).scheme in ("http", "https"):
            policy = scoped_policy() or NetworkPolicy.for_sources([article_source])
            return cover_from_bytes(fetch_image(image, policy))
        if remote:
            raise CoverError("not a web address, and the article is not a local file")
        path = Path(image)
        if not path.is_absolute() and article_source and "://" not in article_source:
            path = Path(article_source).parent / path
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CoverError(f"cannot read it ({error.strerror})") from error
        return cover_from_bytes(data)
    except CoverError as error:
        raise CoverError(f"lead image {image}: {error}") from None


def cover_from_bytes(data: bytes) -> Cover:
    """Decode any image Pillow reads and re-encode it as JPEG within MAX_SIDE x MAX_SIDE."""
    from PIL import Image, UnidentifiedImageError  # only when there is a cover: a fast start

    try:
        with warnings.catch_warnings():
            # Pillow only warns about a decompression bomb below twice its limit: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                # JPEG can decode at 1/2, 1/4, 1/8 scale directly: much faster for big photos.
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))
                image.load()
                picture = _flattened(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CoverError("not an image Pillow can read (use JPEG or PNG)") from None
    except (OSError, SyntaxError, ValueError) as error:  # truncated or corrupt data
        raise CoverError(f"the image data is damaged ({error})") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return Cover(out.getvalue(), picture.width, picture.height)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid over white (JPEG has no alpha)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def fetch_image(url: str, policy: NetworkPolicy | None = None) -> bytes:
    """Download an image with the limits article fetching has: a size cap, a timeout for the
    whole download, an image content type, `policy` (see narrate.http.download). Raises
    CoverError in one line."""
    from narrate.http import DownloadError, download

    try:
        return download(
            url,
            accept="image/*",
            max_bytes=MAX_IMAGE_BYTES,
            timeout=FETCH_TIMEOUT_SECONDS,
            allowed=lambda media_type: not media_type or media_type.startswith("image/"),
            policy=policy,
        ).data
    except DownloadError as error:
        prefix = {"size": "too large: ", "type": "not an image: "}.get(error.kind, "")
        raise CoverError(prefix + error.reason) from None
