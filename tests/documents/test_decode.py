"""Decoding documents: byte-order marks, binary data, and the size limit in real numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.documents.decode import MAX_DOCUMENT_BYTES, decode_document
from narrate.documents.read import read_article
from narrate.errors import ArticleError

TEXT = "The harbor ferry sails in May. Café au lait costs €3."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark_is_text(encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding not in ("utf-16", "utf-32"):  # these two write the mark themselves
        data = ("\ufeff" + TEXT).encode(encoding)
    assert decode_document(data, name="notes.txt") == TEXT


def test_utf16_file_is_read_as_an_article(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Ferry\n\n" + TEXT + "\n", encoding="utf-16")
    article = read_article(path)
    assert article.title == "Ferry"
    assert article.blocks[-1].text == TEXT


def test_binary_data_behind_a_byte_order_mark_is_binary() -> None:
    with pytest.raises(ArticleError, match="looks like a binary file"):
        decode_document(b"\xff\xfe" + bytes(64), name="blob.txt")


def test_zero_bytes_without_a_mark_are_binary() -> None:
    with pytest.raises(ArticleError, match="looks like a binary file"):
        decode_document(b"PK\x03\x04" + bytes(64), name="archive.txt")


def test_too_large_file_reports_its_real_size(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(45_300_000)  # sparse: no real 45 MB written
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == (
        f"{path} is too large to be an article (45.3 MB; the limit is 20 MB)"
    )


def test_too_large_stream_says_it_is_over_the_limit() -> None:
    with pytest.raises(ArticleError, match=r"\(over the limit of 20 MB\)$"):
        decode_document(b" " * (MAX_DOCUMENT_BYTES + 1), name="standard input")
