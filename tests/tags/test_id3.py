"""Tags written with mutagen, read back by mutagen and, independently, by ffmpeg."""

import pytest
import synthetic
from mutagen.id3 import ID3

from narrate.audio.encode import EncodeSettings, encode
from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.ffmpeg import run_ffmpeg
from narrate.tags.id3 import write_id3
from narrate.tags.labels import three_letter_language

RATE = 22050


@pytest.fixture(scope="module")
def labels():
    return synthetic.labels(
        author="Dana Whitfield",
        publication="The Harbor Ledger",
        date="2025-03-14",
        language="en-US",
        url="https://example.org/ferry",
    )


@pytest.fixture
def tagged(tmp_path, piper_engine, labels):
    samples = piper_engine.synthesize("The ferry was approved. The state pays most of it.")
    path = tmp_path / "tagged.mp3"
    encode(samples[: 2 * RATE], RATE, path, EncodeSettings())
    write_id3(path, labels)
    return path


def ffmetadata(path):
    return run_ffmpeg(["-i", str(path), "-f", "ffmetadata", "pipe:1"]).stdout.decode()


def test_human_readable_frames(tagged):
    tags = ID3(tagged)
    assert tags["TIT2"].text == ["Ferry approved"]
    assert tags["TPE1"].text == ["Dana Whitfield"]
    assert tags["TALB"].text == ["The Harbor Ledger"]
    assert tags["TPUB"].text == ["The Harbor Ledger"]
    assert str(tags["TDRC"].text[0]) == "2025-03-14"
    assert tags["TCON"].text == ["Speech"]
    assert tags["TLAN"].text == ["eng"]
    assert tags["WOAS"].url == "https://example.org/ferry"
    assert tags.getall("COMM")[0].text == [DEFAULT_DISCLOSURE]


def test_machine_readable_disclosure_and_provenance(tagged):
    tags = ID3(tagged)
    assert tags["TXXX:DIGITAL_SOURCE_TYPE"].text == [IPTC_TRAINED_ALGORITHMIC_MEDIA]
    assert tags["TXXX:NARRATE_ENGINE"].text == ["piper:joe"]
    assert tags["TXXX:NARRATE_VOICE"].text == ["joe"]


def test_ffmpeg_reads_the_same_tags(tagged):
    meta = ffmetadata(tagged)
    assert "title=Ferry approved" in meta
    assert "artist=Dana Whitfield" in meta
    assert f"comment={DEFAULT_DISCLOSURE}" in meta
    assert f"DIGITAL_SOURCE_TYPE={IPTC_TRAINED_ALGORITHMIC_MEDIA}" in meta


def ffmpeg_chapters(path):
    """(start ms, end ms, title) of each chapter ffmpeg finds, in time order."""
    chapters = []
    for section in ffmetadata(path).split("[CHAPTER]")[1:]:
        fields = dict(line.split("=", 1) for line in section.strip().splitlines())
        chapters.append((int(fields["START"]), int(fields["END"]), fields["title"]))
    return sorted(chapters)


def test_ffmpeg_reads_chapters(tagged):
    chapters = ffmpeg_chapters(tagged)
    assert [title for *_, title in chapters] == ["Ferry approved", "Costs"]
    # ffmpeg reports chapter times less the MP3 encoder delay (~50 ms at 22.05 kHz).
    expected = [(0, 1000), (1000, 2000)]
    for (start, end, _), (want_start, want_end) in zip(chapters, expected, strict=True):
        assert abs(start - want_start) <= 60 and abs(end - want_end) <= 60


def test_retagging_replaces_rather_than_duplicates(tagged, labels):
    write_id3(tagged, labels)
    assert len(ID3(tagged).getall("COMM")) == 1


@pytest.mark.parametrize(
    ("tag", "code"), [("en", "eng"), ("en-US", "eng"), ("uk", "ukr"), (None, "und"), ("xx", "und")]
)
def test_language_codes(tag, code):
    assert three_letter_language(tag) == code
