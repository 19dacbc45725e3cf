"""What search engines and assistants read about the narration: schema.org JSON-LD.

The narration is an `AudioObject` (its file, format, ISO 8601 duration, language, captions
and transcript, the article it is based on, and `digitalSourceType` saying a trained model
made it). On a page whose JSON-LD has an Article, the AudioObject becomes that Article's
`audio` (the page's own script is rewritten in place, so the two are one node); on any other
page it stands alone in the player. JSON goes into `<script>` with `<`, `>` and `&` escaped.
"""

from __future__ import annotations

import json
from typing import Any

from narrate.publish.page_source import elements, parse
from narrate.publish.player_data import PlayerData

SCHEMA = "https://schema.org"
TRAINED_MODEL = "https://schema.org/TrainedAlgorithmicMediaDigitalSource"
_ARTICLE_TYPES = frozenset(
    {"Article", "BlogPosting", "Report", "SocialMediaPosting", "LiveBlogPosting"}
)


def audio_object(data: PlayerData) -> dict[str, Any]:
    """The narration as a schema.org AudioObject (absent facts are left out)."""
    audio: dict[str, Any] = {
        "@type": "AudioObject",
        "name": data.title,
        "description": data.disclosure,
        "contentUrl": data.audio_url,
        "encodingFormat": data.mime,
        "duration": iso_duration(data.duration),
        "inLanguage": data.language,
        "digitalSourceType": TRAINED_MODEL,
    }
    if data.created:
        audio["uploadDate"] = data.created
    if data.captions_url:
        audio["caption"] = {
            "@type": "MediaObject",
            "contentUrl": data.captions_url,
            "encodingFormat": "text/vtt",
        }
    if data.sentences:
        audio["transcript"] = " ".join(s.text for s in data.sentences)
    if data.article_url:
        audio["isBasedOn"] = data.article_url
    if data.artwork_url:
        audio["thumbnailUrl"] = data.artwork_url
    return audio


def article_with_audio(data: PlayerData) -> dict[str, Any]:
    """A listening page's Article: headline, author, the original's URL, and its audio."""
    article: dict[str, Any] = {"@context": SCHEMA, "@type": "Article", "headline": data.title}
    if data.byline:
        article["author"] = {"@type": "Person", "name": data.byline}
    if data.publication:
        article["publisher"] = {"@type": "Organization", "name": data.publication}
    if data.article_url:
        article["url"] = data.article_url
    article["audio"] = audio_object(data)
    return article


def json_ld_script(value: dict[str, Any], indent: str = "  ") -> str:
    """`value` as a `<script type="application/ld+json">` element."""
    return f'{indent}<script type="application/ld+json">{script_json(value)}</script>'


def script_json(value: Any) -> str:
    """JSON that cannot end or change the `<script>` element it sits in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def attach_to_article(page: str, audio: dict[str, Any]) -> str | None:
    """`page` with `audio` set as the `audio` of the Article in its JSON-LD, or None when
    its JSON-LD has no Article (or none that parses)."""
    for element in elements(parse(page)):
        kind = str(element.attrs.get("type") or "").strip().lower()
        if element.name != "script" or kind != "application/ld+json":
            continue
        if element.close_start is None:
            continue
        try:
            value = json.loads(page[element.open_end : element.close_start])
        except ValueError:
            continue
        article = _article_node(value)
        if article is None:
            continue
        article["audio"] = audio
        return page[: element.open_end] + script_json(value) + page[element.close_start :]
    return None


def _article_node(value: Any) -> dict[str, Any] | None:
    """The first node whose type is an Article (NewsArticle, BlogPosting...) in a JSON-LD
    value: a node, a list of nodes, or a node with an `@graph`."""
    if isinstance(value, list):
        return next((n for n in map(_article_node, value) if n is not None), None)
    if not isinstance(value, dict):
        return None
    types = value.get("@type")
    names = types if isinstance(types, list) else [types]
    if any(isinstance(t, str) and (t.endswith("Article") or t in _ARTICLE_TYPES) for t in names):
        return value
    for key in ("@graph", "mainEntity"):
        if key in value:
            found = _article_node(value[key])
            if found is not None:
                return found
    return None


def iso_duration(seconds: float) -> str:
    """`seconds` as an ISO 8601 duration: PT1H2M5S, PT4M5S."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S" if hours else f"PT{minutes}M{secs}S"
