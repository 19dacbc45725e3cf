import pytest

from narrate.config import load_config
from narrate.errors import ConfigError


def test_no_config_file_is_fine():
    assert load_config().defaults == {}


def test_settings_and_lexicon_are_read(tmp_path):
    (tmp_path / "narrate.toml").write_text(
        '[narrate]\nvoice = "gtts-en"\noutput_dir = "audio"\nloudness = -19\n'
        '[lexicon]\nZelensky = "Zeh-LEN-skee"\n',
        encoding="utf-8",
    )
    config = load_config()
    assert config.get("voice") == "gtts-en"
    assert config.get("output_dir") == str(tmp_path / "audio")
    assert ("Zelensky", "Zeh-LEN-skee") in config.lexicon.entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[narrate\n", "not valid TOML"),
        ('[narrate]\nvoise = "joe"\n', "unknown setting 'voise'"),
        ("[lexicon]\nKyiv = 1\n", "must map words to strings"),
    ],
)
def test_malformed_config_says_what_is_wrong(tmp_path, text, message):
    (tmp_path / "narrate.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config()


def test_explicit_missing_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "missing.toml")
