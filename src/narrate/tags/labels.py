"""What an output file says about itself: metadata, disclosure and provenance, format-neutral."""

from __future__ import annotations

from dataclasses import dataclass

from narrate.timing import Chapter


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
    #: Where the disclosure sentence sounds, (start, end) in seconds: what `narrate inspect`
    #: checks for sound, since no tag can prove the words themselves were spoken.
    disclosure_spoken: tuple[float, float] | None = None


# Tag names shared by every container: the machine-readable half of the disclosure.
SOURCE_TYPE_KEY = "DIGITAL_SOURCE_TYPE"
DISCLOSURE_KEY = "AI_DISCLOSURE"
SPOKEN_AT_KEY = "DISCLOSURE_SPOKEN_AT"
ENGINE_KEY = "NARRATE_ENGINE"
VOICE_KEY = "NARRATE_VOICE"
GENERATOR_KEY = "GENERATOR"


def spoken_range(labels: Labels) -> str | None:
    """The disclosure's time range as tagged: "start-end" in seconds, e.g. "1.250-3.480"."""
    if labels.disclosure_spoken is None:
        return None
    start, end = labels.disclosure_spoken
    return f"{start:.3f}-{end:.3f}"


def parse_spoken_range(text: str) -> tuple[float, float] | None:
    """The inverse of spoken_range; None for anything malformed."""
    start, separator, end = text.strip().partition("-")
    try:
        return (float(start), float(end)) if separator else None
    except ValueError:
        return None


def timecode(milliseconds: int, decimal_mark: str = ".") -> str:
    """HH:MM:SS.mmm, as Vorbis chapters and WebVTT write time (SubRip: decimal_mark ",")."""
    seconds, millis = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{decimal_mark}{millis:03d}"


def provenance_fields(labels: Labels) -> list[tuple[str, str]]:
    """The narrate-specific key/value tags, in the order every container writes them."""
    fields = [
        (SOURCE_TYPE_KEY, labels.digital_source_type),
        (DISCLOSURE_KEY, labels.disclosure),
        (ENGINE_KEY, labels.engine),
        (VOICE_KEY, labels.voice),
        (GENERATOR_KEY, labels.generator),
    ]
    spoken = spoken_range(labels)
    if spoken:
        fields.append((SPOKEN_AT_KEY, spoken))
    return fields


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
