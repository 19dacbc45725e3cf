"""Turn the bytes of a text document into str: a byte-order mark's encoding, else UTF-8, else
a detected encoding."""

from __future__ import annotations

import codecs

import charset_normalizer

from narrate.errors import ArticleError

# A larger file is not an article; reading it whole would only waste memory and time.
MAX_DOCUMENT_BYTES = 20_000_000
# Longest first: UTF-32-LE's mark starts with UTF-16-LE's.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_document(data: bytes, *, name: str, declared: str | None = None) -> str:
    """Decode `data` as text, or raise ArticleError for binary data or an unknown encoding.

    `declared` is an encoding named by the source itself (an HTTP header), tried after UTF-8.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        # A stream is read to one byte past the limit: its real size is not known.
        raise too_large(name, None if len(data) == MAX_DOCUMENT_BYTES + 1 else len(data))
    marked = next((enc for bom, enc in _BYTE_ORDER_MARKS if data.startswith(bom)), None)
    if marked:  # UTF-16 text is full of zero bytes: the mark says it is text
        try:
            text = data.decode(marked)
        except UnicodeDecodeError:
            text = "\x00"
        if "\x00" in text[:8192]:
            raise ArticleError(f"{name} looks like a binary file, not an article")
        return text
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


def too_large(name: str, size: int | None) -> ArticleError:
    """The error for a document over MAX_DOCUMENT_BYTES: `size` in bytes, None when only a
    stream's first bytes were read (then its size is unknown)."""
    limit = f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB"
    said = f"{size / 1e6:.1f} MB; the limit is {limit}" if size else f"over the limit of {limit}"
    return ArticleError(f"{name} is too large to be an article ({said})")
