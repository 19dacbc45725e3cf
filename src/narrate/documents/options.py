"""How to read a document, and what kind a text is: shared by the readers and read.py, so
neither imports the other."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """How to read a document: which non-prose parts of Markdown are spoken, and which of the
    HTML reader's cleaning rules apply (None: all of them; bench/realpages.py --ablate)."""

    include_code: bool = False
    include_tables: bool = False
    image_alt: bool = False
    html_rules: Set[str] | None = None


def sniff_kind(text: str) -> str:
    """ "html", "markdown" or "text", from how a document begins."""
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("---\n") or head.startswith("# "):
        return "markdown"
    return "text"
