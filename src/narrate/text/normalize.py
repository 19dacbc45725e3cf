"""Make written text speakable (placeholder: replaced by the rule-based normalizer)."""

from __future__ import annotations


def normalize(text: str, language: str = "en") -> str:
    """Return `text` as a newsreader would say it (numbers, dates, abbreviations in words)."""
    return " ".join(text.split())
