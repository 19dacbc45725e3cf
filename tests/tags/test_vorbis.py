"""Ogg Vorbis comments: the usual fields, Vorbis chapters and the cover as a picture block."""

import base64

import pytest
from mutagen.flac import Picture
from mutagen.oggvorbis import OggVorbis
from synthetic import labels

from narrate.audio.encode import EncodeSettings, encode
from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.tags.vorbis import write_vorbis
from narrate.timing import Chapter

RATE = 22050


@pytest.fixture(scope="module")
def ogg(tmp_path_factory, piper_engine):
    path = tmp_path_factory.mktemp("ogg") / "a.ogg"
    encode(piper_engine.synthesize("A short test."), RATE, path, EncodeSettings(format="ogg"))
    write_vorbis(
        path,
        labels(
            language="en-US",
            chapters=(Chapter("Intro", 0, RATE), Chapter("Costs", 61 * RATE + 5, 62 * RATE)),
            cover=b"jpeg bytes",
        ),
    )
    return OggVorbis(path)


def test_fields_and_disclosure(ogg):
    assert ogg.tags["TITLE"] == ["Ferry approved"]
    assert ogg.tags["GENRE"] == ["Speech"]
    assert ogg.tags["LANGUAGE"] == ["en-US"]
    assert ogg.tags["COMMENT"] == [DEFAULT_DISCLOSURE]
    assert ogg.tags["DIGITAL_SOURCE_TYPE"] == [IPTC_TRAINED_ALGORITHMIC_MEDIA]
    assert ogg.tags["NARRATE_ENGINE"] == ["piper:joe"]


def test_vorbis_chapter_convention(ogg):
    assert ogg.tags["CHAPTER001"] == ["00:00:00.000"]
    assert ogg.tags["CHAPTER001NAME"] == ["Intro"]
    assert ogg.tags["CHAPTER002"] == ["00:01:01.000"]  # 5 samples round to the millisecond
    assert ogg.tags["CHAPTER002NAME"] == ["Costs"]


def test_cover_is_a_front_cover_picture_block(ogg):
    picture = Picture(base64.b64decode(ogg.tags["METADATA_BLOCK_PICTURE"][0]))
    assert picture.type == 3  # front cover
    assert picture.mime == "image/jpeg" and picture.data == b"jpeg bytes"
