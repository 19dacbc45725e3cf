import pytest

from narrate.engines.gtts import GttsEngine
from narrate.engines.piper import PiperEngine
from narrate.engines.registry import create_engine, engine_factory, engine_names
from narrate.errors import VoiceError
from narrate.voices import get_voice


def test_built_in_engines_register_through_entry_points():
    assert {"piper", "gtts"} <= set(engine_names())
    assert engine_factory("piper") is PiperEngine
    assert engine_factory("gtts") is GttsEngine


def test_voice_builds_its_engine_without_loading_a_model():
    engine = create_engine(get_voice("joe"))
    assert isinstance(engine, PiperEngine)
    assert engine._piper is None  # the model loads on first use, not when planning


def test_unknown_engine_lists_installed_ones():
    with pytest.raises(VoiceError, match=r"installed engines: .*piper"):
        engine_factory("espeak-classic")


def test_a_built_in_engine_is_found_without_reading_every_package(monkeypatch):
    """narrate's own entry points first: every installed package's are read only for a name
    that is not narrate's (an outside engine)."""
    from narrate.engines import registry

    def every_package(**_: object) -> list:
        raise AssertionError("read every installed package's entry points")

    monkeypatch.setattr(registry, "entry_points", every_package)
    assert engine_factory("piper") is PiperEngine
