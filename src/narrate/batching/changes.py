"""When a post is due: what its narration is made from (the article's hash, the settings'
fingerprint), compared with what the state file recorded, gives the reason to narrate it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from narrate.batching.state import DONE, PostRecord
from narrate.documents.article import Article
from narrate.planning import NarrationSettings
from narrate.voices import Voice


def article_hash(article: Article) -> str:
    """SHA-256 of what is narrated from an article: its text and metadata, not where it was
    read from, so a page's changing markup (ads, tokens) does not count as a change."""
    data = [
        article.title,
        [(b.kind.value, b.text, b.level) for b in article.blocks],
        article.byline,
        article.date,
        article.language,
        article.url,
        article.publication,
        article.description,
        article.image,
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


def settings_fingerprint(narration: NarrationSettings, voice: Voice, speech_identity: str) -> str:
    """SHA-256 of every setting that changes a narration: a change re-narrates every post.

    `speech_identity` is the speaker's (narrate.speaking): what decides each chunk's samples,
    the model's version and digest and narrate's synthesis and leveling versions among them,
    so upgrading a voice re-narrates. Beside it, what the voice adds to a narration (pauses,
    lexicon, disclosure) and the narration's own settings."""
    data = [
        speech_identity,
        asdict(voice.pauses),
        voice.lexicon.entries,
        voice.disclosure,
        asdict(narration.encode),
        narration.disclosure,
        narration.lexicon.entries,
        narration.language,
        asdict(narration.read),
        narration.srt,
        narration.embed_transcript,
        str(narration.cover) if narration.cover else None,
        _file_digest(narration.intro),
        _file_digest(narration.outro),
        narration.signing is not None,
    ]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _file_digest(path: Path | None) -> str | None:
    """A jingle's SHA-256: a new intro file under the same name re-narrates (its speech
    comes from the sentence cache)."""
    if path is None:
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return f"unreadable:{path}"  # narrating fails on it, in one line


def due_reason(
    record: PostRecord | None, digest: str, fingerprint: str, folder: Path, *, force: bool
) -> str | None:
    """Why a post must be narrated, or None when its recorded narration is up to date."""
    if record is None:
        return "new"
    if force:
        return "forced"
    if record.status != DONE:
        return "failed before"
    if record.content_hash != digest:
        return "changed"
    if record.settings_hash != fingerprint:
        return "settings changed"
    if not record.output or not (folder / record.output).is_file():
        return "output missing"
    from narrate.outputs import looks_whole  # outputs loads the audio stack

    if not looks_whole(folder / record.output):
        return "output damaged"
    return None


def listed_unchanged(
    version: str | None, record: PostRecord | None, fingerprint: str, folder: Path
) -> bool:
    """The listing's change marker (a sitemap's lastmod) is the one recorded, and nothing
    else calls for narrating: the page need not even be fetched."""
    return (
        record is not None
        and version is not None
        and record.version == version
        and due_reason(record, record.content_hash or "", fingerprint, folder, force=False) is None
    )
