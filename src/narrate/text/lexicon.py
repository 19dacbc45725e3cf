"""Pronunciation lexicon (placeholder: replaced by the full implementation)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Word -> respelling pairs applied to spoken text, whole words only."""

    entries: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str]) -> Lexicon:
        return cls(tuple((str(k), str(v)) for k, v in mapping.items()))

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with `other`'s entries added; `other` wins on the same word."""
        words = dict(self.entries)
        words.update(dict(other.entries))
        return Lexicon(tuple(words.items()))

    def apply(self, text: str) -> str:
        return text
