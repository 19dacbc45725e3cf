"""C2PA content credentials: signed with a throwaway CA, read back by c2pa's Reader, with the
audio untouched (ffmpeg decodes it sample for sample) and the tags still readable."""

import shutil
from pathlib import Path

import mutagen
import numpy as np
import pytest
from synthetic import labels

from narrate.audio.encode import EncodeSettings, encode
from narrate.disclosure import IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.errors import ConfigError
from narrate.ffmpeg import decode_file
from narrate.tags.c2pa import (
    SIGNABLE,
    SigningSettings,
    load_signing_key,
    read_credentials,
    sign_file,
)
from narrate.tags.write import write_tags

RATE = 22050
LABELS = labels()


@pytest.fixture(scope="module")
def speech(piper_engine):
    return piper_engine.synthesize("The ferry was approved. The state pays most of it.")


@pytest.fixture
def key(signing_files):
    chain, private_key = signing_files
    return load_signing_key(SigningSettings(chain, private_key))


def tagged_file(folder: Path, speech, suffix: str) -> Path:
    path = folder / f"unsigned.{suffix}"
    encode(speech, RATE, path, EncodeSettings(format=suffix))
    write_tags(path, suffix, LABELS)
    return path


def signed_copy(unsigned: Path, suffix: str, key) -> Path:
    signed = unsigned.with_name(f"signed.{suffix}")
    shutil.copy(unsigned, signed)
    sign_file(signed, suffix, key, LABELS, title=signed.name)
    return signed


def test_signed_mp3_reads_back_valid_with_the_created_assertion(tmp_path, speech, key):
    signed = signed_copy(tagged_file(tmp_path, speech, "mp3"), "mp3", key)
    credentials = read_credentials(signed, "audio/mpeg")
    assert credentials is not None
    # A throwaway CA is in no trust list: that is the only failure allowed.
    assert credentials.state == "Valid" and credentials.failures == ("signingCredential.untrusted",)
    assert credentials.valid and not credentials.trusted
    assert credentials.digital_source_type == IPTC_TRAINED_ALGORITHMIC_MEDIA
    assert credentials.generator.startswith("narrate ")
    assert credentials.signer == "narrate test signer"


def test_signing_leaves_the_audio_untouched_and_the_tags_readable(tmp_path, speech, key):
    unsigned = tagged_file(tmp_path, speech, "mp3")
    signed = signed_copy(unsigned, "mp3", key)
    np.testing.assert_array_equal(decode_file(str(signed))[0], decode_file(str(unsigned))[0])
    tags = mutagen.File(signed).tags
    assert tags["TIT2"].text == ["Ferry approved"]
    assert tags["TXXX:DIGITAL_SOURCE_TYPE"].text == [IPTC_TRAINED_ALGORITHMIC_MEDIA]
    assert len(tags.getall("CHAP")) == 2


@pytest.mark.parametrize("suffix", ["m4a", "wav"])
def test_other_signable_formats(tmp_path, speech, key, suffix):
    unsigned = tagged_file(tmp_path, speech, suffix)
    signed = signed_copy(unsigned, suffix, key)
    assert read_credentials(signed, SIGNABLE[suffix]).valid
    np.testing.assert_array_equal(decode_file(str(signed))[0], decode_file(str(unsigned))[0])


def test_a_tag_edit_after_signing_invalidates_the_credentials(tmp_path, speech, key):
    signed = signed_copy(tagged_file(tmp_path, speech, "mp3"), "mp3", key)
    audio = mutagen.File(signed)
    audio.tags["TIT2"].text = ["Edited afterwards"]
    audio.save()
    credentials = read_credentials(signed, "audio/mpeg")
    assert not credentials.valid
    assert any("mismatch" in code for code in credentials.failures)


def test_unsigned_file_has_no_credentials(tmp_path, speech):
    assert read_credentials(tagged_file(tmp_path, speech, "mp3"), "audio/mpeg") is None


def test_missing_certificate_is_one_config_error(tmp_path, signing_files):
    with pytest.raises(ConfigError, match=r"certificate chain .*nope\.pem: cannot read"):
        load_signing_key(SigningSettings(tmp_path / "nope.pem", signing_files[1]))


def test_key_given_as_certificate_is_refused(signing_files):
    chain, _ = signing_files
    with pytest.raises(ConfigError, match=r"private key .*not a PEM file"):
        load_signing_key(SigningSettings(chain, chain))


def test_a_key_that_does_not_match_the_certificate_fails_before_any_signing(tmp_path):
    from signing_certs import make_signing_files

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    chain, _ = make_signing_files(tmp_path / "a")
    _, other_key = make_signing_files(tmp_path / "b")
    with pytest.raises(ConfigError, match=r"C2PA signing with .* failed"):
        load_signing_key(SigningSettings(chain, other_key))


def test_unknown_algorithm(signing_files):
    with pytest.raises(ConfigError, match="c2pa_alg 'md5'"):
        load_signing_key(SigningSettings(*signing_files, alg="md5"))
