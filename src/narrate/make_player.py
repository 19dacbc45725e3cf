"""`narrate player`: the audio player for a narration, given its audio file or its article.

An article is narrated first (through the sentence cache, so an unchanged one costs no
synthesis); then the player is written as a snippet, a standalone listening page, into an
existing article page, or as the script a `<script>` tag loads (with the tag to paste).
Each file is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrate.atomic import write_text_atomic
from narrate.audio.formats import audio_media_type
from narrate.errors import ArticleError, UsageError
from narrate.pipeline import NarrationResult, NarrationSettings, ProgressCallback, narrate_article
from narrate.publish.player import inject_player, page_html, player_data, player_html
from narrate.publish.player_data import file_url
from narrate.publish.script_tag import SCRIPT_NAME, player_script, script_tag


@dataclass(frozen=True)
class PlayerOptions:
    """What to write: by default the snippet beside the audio (`<name>.player.html`);
    `page` a listening page (`<name>.html`); `inject` the player put into that page (in
    place, unless `output` says where); `script` the player script (`narrate-player.js`)
    and the `<script>` tag that loads it with the manifest. `base_url` makes file URLs
    absolute (or root-relative: "/audio/")."""

    output: Path | None = None
    page: bool = False
    inject: Path | None = None
    selector: str | None = None
    base_url: str | None = None
    script: bool = False


@dataclass(frozen=True)
class PlayerResult:
    """The file written, the audio it plays, the narration when one was made, and with
    `script` the tag to paste."""

    path: Path
    audio: Path
    narration: NarrationResult | None = None
    tag: str | None = None


def make_player(
    source: str | Path,
    options: PlayerOptions | None = None,
    settings: NarrationSettings | None = None,
    *,
    on_progress: ProgressCallback | None = None,
) -> PlayerResult:
    """Write the player for `source`: an audio file, or an article to narrate first."""
    options = options or PlayerOptions()
    if sum(map(bool, (options.page, options.inject, options.script))) > 1:
        raise UsageError("--page, --inject and --script are different outputs: choose one")
    if options.selector and not options.inject:
        raise UsageError("--selector says where to --inject the player: give --inject PAGE")
    page_text = _read_page(options.inject) if options.inject else None
    audio = Path(source)
    narration = None
    if audio_media_type(audio.name):
        if not audio.is_file():
            raise UsageError(f"{audio}: no such file")
    else:
        narration = narrate_article(source, settings, on_progress=on_progress)
        audio = narration.path
    target = _target(audio, options)
    data = player_data(audio, base_url=options.base_url, page_dir=target.parent)
    if options.script:
        manifest = audio.with_suffix(".json")
        if not manifest.is_file():
            raise UsageError(f"{audio}: --script needs the narration's manifest ({manifest.name})")
        write_text_atomic(target, player_script())
        tag = script_tag(
            file_url(target, options.base_url, target.parent),
            file_url(manifest, options.base_url, target.parent),
            data.artwork_url,
        )
        return PlayerResult(target, audio, narration, tag)
    if page_text is not None:
        text = inject_player(page_text, data, options.selector)
    elif options.page:
        text = page_html(data)
    else:
        text = player_html(data) + "\n"
    write_text_atomic(target, text)
    return PlayerResult(target, audio, narration)


def _target(audio: Path, options: PlayerOptions) -> Path:
    if options.inject is not None:
        default = options.inject
    elif options.page:
        default = audio.with_suffix(".html")
    elif options.script:
        default = audio.with_name(SCRIPT_NAME)
    else:
        default = audio.with_name(f"{audio.stem}.player.html")
    if options.output is None:
        return default
    if options.output.is_dir():
        return options.output / default.name
    return options.output


def _read_page(page: Path) -> str:
    try:
        return page.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{page}: no such page to inject the player into") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"{page}: cannot read it as a UTF-8 HTML page ({error})") from None
