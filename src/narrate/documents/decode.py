"""Turn the bytes of a text document into str: UTF-8 first, else a detected encoding."""

from __future__ import annotations

import charset_normalizer

from narrate.errors import ArticleError

# A larger file is not an article; reading it whole would only waste memory and time.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def decode_document(data: bytes, *, name: str, declared: str | None = None) -> str:
    """Decode `data` as text, or raise ArticleError for binary data or an unknown encoding.

    `declared` is an encoding named by the source itself (an HTTP header), tried after UTF-8.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ArticleError(
            f"{name} is too large to be an article "
            f"({len(data) / 1e6:.1f} MB; the limit is {MAX_DOCUMENT_BYTES / 1e6:.0f} MB)"
        )
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name} looks like a binary file, not an article")
    for encoding in ("utf-8-sig", declared):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ArticleError(
            f"{name} is not valid UTF-8 and its encoding could not be detected; convert it to UTF-8"
        )
    return str(best)
