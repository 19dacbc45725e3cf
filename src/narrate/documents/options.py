"""How to read a document, and what kind a text is: shared by the readers and read.py, so
neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """How to read Markdown: which non-prose parts are spoken."""

    include_code: bool = False
    include_tables: bool = False
    image_alt: bool = False


def sniff_kind(text: str) -> str:
    """ "html", "markdown" or "text", from how a document begins."""
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("---\n") or head.startswith("# "):
        return "markdown"
    return "text"
