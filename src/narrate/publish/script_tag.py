"""The player as one `<script>` tag for a CMS template: `narrate-player.js` builds the player
from the narration's manifest (its address in the tag's `data-narrate-manifest`) and finds the
sentences in the page, so a template needs no per-article markup.

The script is the same for every narration: the snippet's markup (templates/player.html with
`{{name}}` placeholders the script fills from the manifest), the sentence finder, the
controls, and templates/loader.js. Its JSON is escaped so nothing in it can end a script.
"""

from __future__ import annotations

import html

from narrate.audio.formats import FORMATS
from narrate.publish.player import asset, template
from narrate.publish.structured_data import script_json

SCRIPT_NAME = "narrate-player.js"
_FILLED = (
    "heading",
    "language",
    "audio_url",
    "mime",
    "duration_iso",
    "duration_text",
    "disclosure",
    "captions_track",
    "chapters",
)


def player_script() -> str:
    """The text of `narrate-player.js`."""
    markup = template("player.html").substitute(
        style=asset("readalong.css"),
        script="",
        transcript="",
        structured="",
        data="",
        **{name: "{{" + name + "}}" for name in _FILLED},
    )
    types = {suffix: found.mime for suffix, found in FORMATS.items()}
    return (
        f"var NARRATE_TEMPLATE = {script_json(markup)};\n"
        f"var NARRATE_TYPES = {script_json(types)};\n"
        + asset("find.js")
        + asset("readalong.js")
        + asset("loader.js")
    )


def script_tag(script_url: str, manifest_url: str, artwork_url: str | None = None) -> str:
    """The tag to paste into a page or template: the player script and the manifest's
    address (and the cover art's, for lock screens)."""
    escape = html.escape
    artwork = f' data-narrate-artwork="{escape(artwork_url)}"' if artwork_url else ""
    return (
        f'<script src="{escape(script_url)}" data-narrate-manifest="{escape(manifest_url)}"'
        f"{artwork} defer></script>"
    )
