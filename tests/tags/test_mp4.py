"""M4A tags in iTunes' conventions, read back as atoms by mutagen."""

from pathlib import Path

import pytest
from mutagen.mp4 import MP4, MP4Cover
from synthetic import labels

from narrate.audio.encode import EncodeSettings, encode
from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.tags.mp4 import write_mp4
from narrate.timing import Chapter

RATE = 22050


@pytest.fixture(scope="module")
def m4a(tmp_path_factory, piper_engine):
    path = tmp_path_factory.mktemp("m4a") / "a.m4a"
    encode(piper_engine.synthesize("A short test."), RATE, path, EncodeSettings(format="m4a"))
    write_mp4(
        path,
        labels(
            author="Dana Whitfield",
            date="2025-03-14",
            chapters=(Chapter("Ferry approved", 0, RATE // 2),),
            cover=b"\xff\xd8\xff\xe0 not really a jpeg",
            transcript="Ferry approved.",
        ),
    )
    return MP4(path)


def test_itunes_atoms(m4a):
    assert m4a.tags["\xa9nam"] == ["Ferry approved"]
    assert m4a.tags["\xa9ART"] == ["Dana Whitfield"]
    assert m4a.tags["\xa9day"] == ["2025-03-14"]
    assert m4a.tags["\xa9gen"] == ["Speech"]
    assert m4a.tags["\xa9cmt"] == [DEFAULT_DISCLOSURE]
    assert m4a.tags["\xa9lyr"] == ["Ferry approved."]


def test_disclosure_in_freeform_atoms(m4a):
    value = m4a.tags["----:com.apple.iTunes:DIGITAL_SOURCE_TYPE"][0]
    assert bytes(value).decode() == IPTC_TRAINED_ALGORITHMIC_MEDIA


def test_cover_is_a_jpeg_covr_atom(m4a):
    (cover,) = m4a.tags["covr"]
    assert cover.imageformat == MP4Cover.FORMAT_JPEG


def test_chapters_leave_no_temporary_files(m4a):
    assert [p.name for p in Path(m4a.filename).parent.iterdir()] == ["a.m4a"]
