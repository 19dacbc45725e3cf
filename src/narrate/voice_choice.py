"""Which voice speaks an article: the one asked for, checked against the article's language, or
with `--voice auto` the best installed voice for that language.

"Best" means offline before online (a network voice needs the network and sends the text away),
then the voice whose language tag matches the article's exactly ("pt-PT" over "pt"), then the
default voice, then by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from narrate.documents.article import Article
from narrate.errors import VoiceError
from narrate.text.language import article_language, primary
from narrate.voices import DEFAULT_VOICE, Voice, available_voices, get_voice

AUTO = "auto"

Warn = Callable[[str], None]


def is_remote(voice: Voice) -> bool:
    """True when the voice's engine speaks over the network (its class says `remote = True`)."""
    from narrate.engines.registry import engine_factory

    try:
        return bool(getattr(engine_factory(voice.engine), "remote", False))
    except VoiceError:
        return False


def voices_for(language: str, extra: Iterable[Path] = (), tag: str | None = None) -> list[Voice]:
    """The installed voices that speak `language` (a primary subtag), best first.

    `tag` is the article's full language tag when it has one ("pt-PT"), to prefer its region.
    """
    wanted = primary(language)
    tag = (tag or "").replace("_", "-").lower()
    speakers = [v for v in available_voices(extra).values() if primary(v.language) == wanted]

    def rank(voice: Voice) -> tuple[bool, bool, bool, bool, str]:
        own = voice.language.replace("_", "-").lower()
        return (
            is_remote(voice),
            own != tag if tag else True,
            own != wanted,
            voice.name != DEFAULT_VOICE,
            voice.name,
        )

    return sorted(speakers, key=rank)


def choose_voice(
    name: str, article: Article, extra: Iterable[Path] = (), language: str | None = None
) -> Voice:
    """The voice called `name`, or with "auto" the best voice for the article's language
    (`language` overrides the article's own, as --language does)."""
    extra = tuple(extra)
    if name != AUTO:
        return get_voice(name, extra)
    default = get_voice(DEFAULT_VOICE, extra)
    wanted = primary(language or article_language(article, default.language))
    tag = language or article.language
    found = voices_for(wanted, extra, tag)
    if not found:
        raise VoiceError(
            f"--voice auto: no installed voice speaks {wanted!r} (see `narrate voices`); "
            f"pass --voice NAME and --language {primary(default.language)} to read it anyway"
        )
    return found[0]


def check_voice_language(
    article: Article,
    voice: Voice,
    language: str | None = None,
    extra: Iterable[Path] = (),
    warn: Warn | None = None,
) -> str:
    """The language the script is written in: `language` (from --language), else the
    article's. When `voice` does not speak it, raise VoiceError naming a voice that does; or,
    given `warn`, report that in one line and go on (a script can be read in any language)."""
    wanted = primary(language or article_language(article, voice.language))
    if wanted == primary(voice.language):
        return wanted
    extra = tuple(extra)
    others = voices_for(wanted, extra, language or article.language)
    if others:
        where = "online" if is_remote(others[0]) else "offline"
        suggestion = (
            f"voice {others[0].name!r} speaks it ({where}): pass --voice {others[0].name} "
            "or --voice auto"
        )
    else:
        suggestion = f"no installed voice speaks {wanted!r} (see `narrate voices`)"
    anyway = f"--language {primary(voice.language)}"
    if warn is not None:
        warn(
            f"the article is in {wanted!r} but voice {voice.name!r} speaks "
            f"{voice.language!r}; the script is in {wanted!r}; to speak it, {suggestion}"
        )
        return wanted
    raise VoiceError(
        f"the article is in {wanted!r} but voice {voice.name!r} speaks {voice.language!r}; "
        f"{suggestion}; or pass {anyway} to read it anyway"
    )
