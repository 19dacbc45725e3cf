"""Every output format tagged in its own convention, read back independently by ffmpeg (titles,
the disclosure, chapters) and by narrate's own reader (tags/read.py)."""

import io

import mutagen
import pytest
import synthetic
from PIL import Image

from narrate.audio.encode import EncodeSettings, encode
from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.errors import TagError
from narrate.ffmpeg import run_ffmpeg
from narrate.tags.cover import cover_from_bytes
from narrate.tags.read import read_tags
from narrate.tags.write import write_tags

RATE = 22050
FORMATS = ["mp3", "m4a", "ogg", "wav"]


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def labels():
    return synthetic.labels(
        title="Ferry approved; fares = unchanged",
        author="Dana Whitfield",
        publication="The Harbor Ledger",
        date="2025-03-14",
        language="en-US",
        url="https://example.org/ferry",
        cover=cover_from_bytes(png(64, 48)).data,
        transcript="Ferry approved.\n\nThe state pays most of it.",
        disclosure_spoken=(0.25, 1.5),
    )


@pytest.fixture(scope="module")
def speech(piper_engine):
    return piper_engine.synthesize("The ferry was approved. The state pays most of it.")[: 2 * RATE]


@pytest.fixture(scope="module", params=FORMATS)
def tagged(request, tmp_path_factory, speech, labels):
    suffix = request.param
    path = tmp_path_factory.mktemp(suffix) / f"tagged.{suffix}"
    encode(speech, RATE, path, EncodeSettings(format=suffix))
    write_tags(path, suffix, labels)
    return path


def ffmetadata(path) -> dict[str, str]:
    """The file's metadata as ffmpeg reads it, keys in lower case (Vorbis keys are upper)."""
    # Ogg keeps its comments on the stream, the others on the file.
    source = ["-map_metadata", "0:s:0"] if path.suffix == ".ogg" else []
    args = ["-i", str(path), *source, "-f", "ffmetadata", "pipe:1"]
    header = run_ffmpeg(args).stdout.decode().split("[CHAPTER]")[0]
    pairs = [line.split("=", 1) for line in header.splitlines() if "=" in line]
    return {key.lower(): value for key, value in pairs}


def test_ffmpeg_reads_title_and_disclosure(tagged):
    meta = ffmetadata(tagged)
    assert meta["title"] == "Ferry approved\\; fares \\= unchanged"  # ffmetadata escapes
    assert meta["artist"] == "Dana Whitfield"
    assert meta["digital_source_type"] == IPTC_TRAINED_ALGORITHMIC_MEDIA
    assert meta["ai_disclosure"] == DEFAULT_DISCLOSURE


def test_ffmpeg_reads_chapter_titles_and_times(tagged):
    chapters = []
    meta = run_ffmpeg(["-i", str(tagged), "-f", "ffmetadata", "pipe:1"]).stdout.decode()
    for section in meta.split("[CHAPTER]")[1:]:
        fields = dict(line.split("=", 1) for line in section.strip().splitlines())
        numerator, denominator = map(int, fields["TIMEBASE"].split("/"))
        chapters.append((int(fields["START"]) * numerator / denominator, fields["title"]))
    chapters.sort()
    assert [title for _, title in chapters] == ["Ferry approved", "Costs"]
    # ffmpeg reports MP3 chapter times less the encoder delay (~50 ms at 22.05 kHz).
    assert abs(chapters[1][0] - 1.0) <= 0.06


def test_narrate_reads_back_what_it_wrote(tagged):
    tags = read_tags(tagged, mutagen.File(tagged))
    assert tags.fields["title"] == "Ferry approved; fares = unchanged"
    assert tags.fields["comment"] == DEFAULT_DISCLOSURE
    assert tags.provenance == {
        "DIGITAL_SOURCE_TYPE": IPTC_TRAINED_ALGORITHMIC_MEDIA,
        "AI_DISCLOSURE": DEFAULT_DISCLOSURE,
        "DISCLOSURE_SPOKEN_AT": "0.250-1.500",
        "NARRATE_ENGINE": "piper:joe",
        "NARRATE_VOICE": "joe",
        "GENERATOR": "narrate test",
    }
    assert [(c.title, c.start) for c in tags.chapters] == [("Ferry approved", 0.0), ("Costs", 1.0)]
    assert tags.cover and tags.transcript


def test_retagging_replaces_rather_than_duplicates(tagged, labels):
    suffix = tagged.suffix.lstrip(".")
    write_tags(tagged, suffix, labels)
    tags = read_tags(tagged, mutagen.File(tagged))
    assert len(tags.chapters) == 2
    assert tags.fields["title"] == labels.title


def test_unknown_format_is_a_tag_error(tmp_path, labels):
    with pytest.raises(TagError, match=r"cannot tag \.flac"):
        write_tags(tmp_path / "x.flac", "flac", labels)
