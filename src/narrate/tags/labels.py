"""What an output file says about itself: metadata, disclosure and provenance, format-neutral."""

from __future__ import annotations

from dataclasses import dataclass

from narrate.audio.assemble import Chapter


@dataclass(frozen=True)
class Labels:
    """Everything written into the tags of a narration, whatever the container."""

    title: str
    disclosure: str
    digital_source_type: str
    engine: str
    voice: str
    generator: str
    author: str | None = None
    publication: str | None = None
    date: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    chapters: tuple[Chapter, ...] = ()
    sample_rate: int = 0
    cover: bytes | None = None
    cover_mime: str = "image/jpeg"
    transcript: str | None = None


# ISO 639-1 -> ISO 639-2/B, the three-letter codes ID3's TLAN and COMM frames use.
ISO_639_2 = {
    "ar": "ara",
    "bg": "bul",
    "cs": "cze",
    "da": "dan",
    "de": "ger",
    "el": "gre",
    "en": "eng",
    "es": "spa",
    "et": "est",
    "fa": "per",
    "fi": "fin",
    "fr": "fre",
    "he": "heb",
    "hi": "hin",
    "hu": "hun",
    "it": "ita",
    "ja": "jpn",
    "ko": "kor",
    "lt": "lit",
    "lv": "lav",
    "nl": "dut",
    "no": "nor",
    "pl": "pol",
    "pt": "por",
    "ro": "rum",
    "ru": "rus",
    "sk": "slo",
    "sv": "swe",
    "tr": "tur",
    "uk": "ukr",
    "zh": "chi",
}


def three_letter_language(tag: str | None) -> str:
    """The ISO 639-2 code for a BCP 47 tag ("en-US" -> "eng"); "und" when unknown."""
    if not tag:
        return "und"
    return ISO_639_2.get(tag.split("-")[0].split("_")[0].lower(), "und")
