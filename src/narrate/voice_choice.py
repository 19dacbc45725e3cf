"""Which voice speaks an article: the one asked for, checked against the article's language, or
with `--voice auto` the best installed voice for that language.

cast() makes the whole decision once per article: its language (declared, else detected, once),
the voice, and the language its script is written in. Nothing below it detects again.

"Best" means offline before online (a network voice needs the network and sends the text away),
then the voice whose language tag matches the article's exactly ("pt-PT" over "pt"), then the
default voice, then by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from narrate.documents.article import Article
from narrate.errors import VoiceError
from narrate.text.language import LanguageDetector, primary
from narrate.voices import DEFAULT_VOICE, Voice, available_voices, get_voice

AUTO = "auto"

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Casting:
    """Who reads an article, and in which language: decided once, handed down."""

    article: Article  # with its language: declared, else detected (None: too short to tell)
    voice: Voice
    language: str  # the primary subtag the script is written in


def cast(
    article: Article,
    voice: str,
    *,
    extra: Iterable[Path] = (),
    language: str | None = None,
    detector: LanguageDetector | None = None,
    warn: Warn | None = None,
    note: Warn | None = None,
) -> Casting:
    """The article's language (detected with `detector` when it declares none), the voice
    called `voice` (or with "auto" the best one for that language) and the script's language
    (`language` overrides the article's, as --language does). A voice that does not speak it
    is a VoiceError, or with `warn` a warning (a script can be read in any language).
    `note` hears, in one line, of a declared language the text plainly contradicts."""
    extra = tuple(extra)
    article = (detector or LanguageDetector()).declared(article, note or warn)
    chosen = choose_voice(voice, article, extra, language)
    script_language = check_voice_language(article, chosen, language, extra, warn)
    return Casting(article, chosen, script_language)


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
    (`language` overrides the article's own, as --language does; an article that has none
    is taken to be in the default voice's)."""
    extra = tuple(extra)
    if name != AUTO:
        return get_voice(name, extra)
    default = get_voice(DEFAULT_VOICE, extra)
    wanted = primary(language or article.language or default.language)
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
    article's (else the voice's). When `voice` does not speak it, raise VoiceError naming a
    voice that does; or, given `warn`, report that in one line and go on (a script can be
    read in any language)."""
    wanted = primary(language or article.language or voice.language)
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
