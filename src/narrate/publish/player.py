"""The audio player with read-along: an embeddable snippet for one narration, the article
itself as a listening page, or the snippet put into the article's own page with the page's
sentences made addressable (see publish/inject.py).

The snippet is a native `<audio controls preload="metadata">` with the WebVTT captions as
its default track, labelled as the article's audio version, the duration, the disclosure in
plain sight and a download link. An inline script (templates/find.js, readalong.js) and
stylesheet add the controls publishers expect (play/pause, previous and next sentence, back
and forward 15 s, a "Speed" select, a chapters menu, keyboard shortcuts, a compact player
that stays in view while it plays, Media Session for lock screens; light and dark) and the
read-along: on a page narrate did not rewrite, the script finds the sentences itself;
the sentence being spoken carries the class `narrate-current`, the word being spoken is
highlighted (CSS Custom Highlight API) when the narration has word timings, and a click or
Enter on a sentence plays from it. With scripts off the native player is all there is, and
it plays. Nothing is fetched from elsewhere. Every text goes in through `html.escape`; the
timings go in as JSON with `<` escaped. What the snippet says comes from the narration's
manifest when there is one, else from the audio's tags and its captions.
"""

from __future__ import annotations

import html
from importlib import resources
from string import Template

from narrate.publish.inject import MARK_ATTRIBUTE, PLAYER_ID, inject_readalong
from narrate.publish.player_data import (
    PlayerData,
    PlayerSentence,
    paragraphs,
    player_data,
)
from narrate.publish.structured_data import (
    SCHEMA,
    article_with_audio,
    attach_to_article,
    audio_object,
    iso_duration,
    json_ld_script,
    script_json,
)

__all__ = [
    "PLAYER_ID",
    "PlayerData",
    "PlayerSentence",
    "inject_player",
    "page_html",
    "player_data",
    "player_html",
]

# The snippet's caption on a page that shows the title itself.
LISTEN = "Listen to this article"


def player_html(
    data: PlayerData,
    *,
    transcript: bool = True,
    heading: str | None = None,
    structured: bool = True,
) -> str:
    """The embeddable snippet: one `<figure id="narrate-player">`. `transcript` adds the
    sentences in a `<details>` toggle (for a page that does not have the text itself; the
    script hides it when it finds the sentences in the page); `heading` replaces the title
    in the snippet's caption (a page that shows the title); `structured` adds the JSON-LD
    AudioObject (left out where the page's Article carries it)."""
    escape = html.escape
    track = ""
    if data.captions_url:
        track = (
            f'    <track kind="captions" default src="{escape(data.captions_url)}" '
            f'srclang="{escape(data.language)}" label="Captions">'
        )
    text = ""
    if transcript and data.transcript:
        transcript_html = "\n".join(
            f"    <p>{' '.join(_marked(s) for s in sentences)}</p>" for sentences in data.transcript
        )
        text = (
            '  <details class="narrate-player-transcript">\n'
            "    <summary>Transcript</summary>\n"
            f"{transcript_html}\n"
            "  </details>"
        )
    chapters = ""
    if len(data.chapters) > 1:
        options = "\n".join(
            f'      <option value="{start:.3f}">{escape(title)}</option>'
            for title, start in data.chapters
        )
        chapters = (
            '    <label for="narrate-chapter">Chapter</label>\n'
            '    <select id="narrate-chapter" data-narrate="chapter">\n'
            f"{options}\n    </select>"
        )
    spoken_disclosure = next(
        (s for s in data.sentences if s.kind == "intro" and s.text == data.disclosure), None
    )
    return template("player.html").substitute(
        style=asset("readalong.css"),
        # The sentence finder (for a page narrate never saw), then the controls.
        script=asset("find.js") + asset("readalong.js"),
        heading=escape(heading if heading is not None else data.title),
        language=escape(data.language),
        audio_url=escape(data.audio_url),
        mime=escape(data.mime),
        duration_iso=iso_duration(data.duration),
        duration_text=_clock(data.duration),
        disclosure=_marked(spoken_disclosure) if spoken_disclosure else escape(data.disclosure),
        captions_track=track,
        chapters=chapters,
        transcript=text,
        structured=json_ld_script({"@context": SCHEMA, **audio_object(data)}) if structured else "",
        data=_timings_json(data),
    )


def page_html(data: PlayerData) -> str:
    """The article itself as a listening page: the title once (as its heading), the player,
    then the headings and paragraphs, every sentence addressable for the read-along."""
    blocks = _article_blocks(data)
    title, body = blocks[0], blocks[1:]
    article = "\n".join(
        [
            f"      {title}",
            player_html(data, transcript=False, heading=LISTEN, structured=False),
            *(f"      {block}" for block in body),
        ]
    )
    return template("page.html").substitute(
        title=html.escape(data.title),
        language=html.escape(data.language),
        article=article,
        structured=json_ld_script(article_with_audio(data)),
    )


def inject_player(page: str, data: PlayerData | str, selector: str | None = None) -> str:
    """`page` with the player after the element `selector` picks (default: the first `h1`,
    else at the top of the article) and the page's sentences marked for the read-along.
    A player and marks already there are replaced, so injecting twice changes nothing
    more. `data` may be a ready snippet (then no sentences are marked)."""
    if isinstance(data, str):
        return inject_readalong(page, data, (), selector)
    attached = attach_to_article(page, audio_object(data))
    page = attached or page
    snippet = player_html(data, transcript=False, heading=LISTEN, structured=attached is None)
    sentences = [(s.id, s.text) for s in data.sentences]
    return inject_readalong(page, snippet, sentences, selector)


def _marked(sentence: PlayerSentence) -> str:
    return (
        f'<span {MARK_ATTRIBUTE}="{html.escape(sentence.id)}">{html.escape(sentence.text)}</span>'
    )


def _article_blocks(data: PlayerData) -> list[str]:
    """The title heading, then one HTML block per heading or paragraph of the article."""
    sentences = list(data.sentences)
    if not sentences:
        return [f"<h1>{html.escape(data.title)}</h1>"]
    title = sentences[0] if sentences[0].kind == "intro" or sentences[0].block < 0 else None
    blocks = [f"<h1>{_marked(title) if title else html.escape(data.title)}</h1>"]
    rest = [
        s
        for s in sentences
        if s is not title and not (s.kind == "intro" and s.text == data.disclosure)
    ]
    for paragraph in paragraphs(tuple(rest)):
        first = paragraph[0]
        inner = " ".join(_marked(s) for s in paragraph)
        if first.kind == "heading":
            level = min(max(first.level, 2), 6)
            blocks.append(f"<h{level}>{inner}</h{level}>")
        else:
            blocks.append(f"<p>{inner}</p>")
    return blocks


def _timings_json(data: PlayerData) -> str:
    """The timings and texts the script reads: each sentence's id, written text (to find it
    in a page narrate never saw), times and words; the chapters; what a lock screen shows."""
    meta = {
        "title": data.title,
        "artist": data.byline or data.publication or "",
        "album": data.publication or "",
        **({"artwork": data.artwork_url} if data.artwork_url else {}),
    }
    timings = {
        "meta": meta,
        "sentences": [
            {
                "id": s.id,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                **({"words": [list(w) for w in s.words]} if s.words else {}),
            }
            for s in data.sentences
        ],
        "chapters": [{"title": title, "start": start} for title, start in data.chapters],
    }
    # Inside <script>, "</script>" or "<!--" in a title must not end or change the element.
    return script_json(timings)


def template(name: str) -> Template:
    """The template `name` under publish/templates ($name placeholders)."""
    return Template(asset(name))


def asset(name: str) -> str:
    """The text of the file `name` under publish/templates."""
    return resources.files("narrate.publish").joinpath("templates", name).read_text("utf-8")


def _clock(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
