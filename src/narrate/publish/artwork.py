"""Podcast cover art drawn from the show's title, for a feed that has none configured.

Apple Podcasts and most directories refuse a show without `itunes:image`: a square JPEG or
PNG of 1400 to 3000 pixels. This draws one with Pillow: the title, wrapped and as large as
fits, on a colour picked from the title (so a show keeps its colour), and the AI-assistance
line at the bottom. The same title always gives the same bytes, marked as narrate's own
(a JPEG comment) so that a cover.jpg narrate did not draw is never overwritten.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from pathlib import Path

COVER_SIZE = 1400
COVER_NAME = "cover.jpg"
# Dark, saturated backgrounds that keep white text readable (contrast above 7:1).
PALETTE = ("#1d3557", "#2b2d42", "#3d405b", "#264653", "#4a1942", "#1b4332", "#5f0f40", "#283618")
FOOTER = "Narrated with AI assistance"
# A JPEG comment in every cover narrate draws: how it tells its own cover.jpg from the user's.
MARK = b"narrate: drawn cover"


def cover_jpeg(title: str, size: int = COVER_SIZE) -> bytes:
    """A square JPEG (`size` pixels a side) showing `title`."""
    from PIL import Image, ImageDraw, ImageFont

    digest = hashlib.sha256(title.encode("utf-8")).digest()
    image = Image.new("RGB", (size, size), PALETTE[digest[0] % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    margin = size // 10
    width = size - 2 * margin
    text = " ".join(title.split()) or "Narrated articles"
    for font_size in range(size // 8, size // 30, -size // 140):
        font = ImageFont.load_default(size=font_size)
        per_line = max(4, int(width / (font_size * 0.55)))
        lines = textwrap.wrap(text, per_line)[:6]
        box = draw.multiline_textbbox((0, 0), "\n".join(lines), font=font, spacing=font_size // 4)
        if box[2] - box[0] <= width and box[3] - box[1] <= size * 0.6:
            break
    block = "\n".join(lines)
    draw.multiline_text((margin, margin), block, font=font, fill="#ffffff", spacing=font_size // 4)
    small = ImageFont.load_default(size=size // 28)
    draw.text((margin, size - margin), FOOTER, font=small, fill="#e8e8e8", anchor="ls")
    output = io.BytesIO()
    image.save(output, "JPEG", quality=88, optimize=True, comment=MARK)
    return output.getvalue()


def drawn_by_narrate(path: Path, title: str) -> bool:
    """Whether the image at `path` is a cover narrate drew: it carries MARK (or, drawn by a
    narrate before the mark, it is the cover of `title` without it)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return MARK in data[:4096] or data == _unmarked(cover_jpeg(title))


def _unmarked(data: bytes) -> bytes:
    """The cover as narrate wrote it before the mark: without its comment segment."""
    return data.replace(b"\xff\xfe" + (len(MARK) + 2).to_bytes(2, "big") + MARK, b"", 1)
