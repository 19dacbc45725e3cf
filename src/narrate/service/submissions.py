"""What a POST /v1/narrations asks for: a URL or an article (HTML or Markdown) with its
metadata, or Ghost's post.published payload; and the narration's id.

The id is a digest of what would be narrated and of the server's settings, so the same post
sent twice is the same narration. Nothing a request sends becomes a path: files are named by
the id alone.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from narrate.errors import NarrateError

MAX_FIELD_CHARS = 2_000  # a title, a byline, a URL
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_METADATA = ("title", "url", "byline", "date", "lang")


class SubmissionError(NarrateError):
    """A submission that cannot be narrated as sent (answered 400 with this message)."""


@dataclass(frozen=True)
class Submission:
    """One article to narrate. `text` is the URL for kind "url", else the document; `post`
    names the post it narrates, so the feed keeps one item per post across edits."""

    kind: str
    text: str
    post: str
    title: str | None = None
    url: str | None = None
    byline: str | None = None
    date: str | None = None
    lang: str | None = None
    callback: str | None = None

    def job_id(self, fingerprint: str) -> str:
        """The narration's id: the same content and settings give the same id (the
        callback and the post's name are not part of it)."""
        content = {k: v for k, v in asdict(self).items() if k not in ("callback", "post")}
        blob = json.dumps([content, fingerprint], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]

    def stored(self) -> str:
        """The submission as stored in the job's row (JSON)."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_stored(cls, text: str) -> Submission:
        return cls(**json.loads(text))


def parse_submission(data: Any) -> Submission:
    """The submission a JSON body asks for; SubmissionError says what is wrong with it."""
    if not isinstance(data, dict):
        raise SubmissionError("the body must be a JSON object")
    # `url` is the article's address beside html or markdown, else the page to fetch.
    given = [kind for kind in ("html", "markdown") if data.get(kind) is not None]
    if len(given) > 1 or not (given or data.get("url")):
        raise SubmissionError("give html or markdown (with its url), or a url to fetch")
    kind = given[0] if given else "url"
    text = _string(data, kind, limit=None)
    if not text or not text.strip():
        raise SubmissionError(f"{kind} is empty")
    if kind == "url":
        _check_web_address(text, "url")
    meta = {name: _string(data, name) for name in _METADATA}
    if kind == "url":
        meta["url"] = meta["url"] or text
    callback = _string(data, "callback")
    if callback:
        _check_web_address(callback, "callback")
    return _checked(Submission(kind, text, post="", callback=callback, **meta))


def from_ghost(payload: Any) -> Submission:
    """The submission in Ghost's post.published (or post.published.edited) webhook body."""
    post = payload.get("post") if isinstance(payload, dict) else None
    current = post.get("current") if isinstance(post, dict) else None
    if not isinstance(current, dict) or not isinstance(current.get("html"), str):
        raise SubmissionError("not a Ghost post webhook: no post.current.html")
    author = current.get("primary_author")
    byline = author.get("name") if isinstance(author, dict) else None
    published = current.get("published_at")
    submission = Submission(
        kind="html",
        text=current["html"],
        post=f"ghost:{current.get('uuid') or current.get('id') or ''}",
        title=_text_or_none(current.get("title")),
        url=_text_or_none(current.get("url")),
        byline=_text_or_none(byline),
        date=published[:10] if isinstance(published, str) else None,
    )
    return _checked(submission)


def as_document(submission: Submission) -> tuple[str, str]:
    """The document to narrate and its suffix (".html", ".md"), with the submission's
    metadata where the readers look for it: HTML head tags, Markdown front matter."""
    if submission.kind == "markdown":
        import frontmatter

        fields = {
            "title": submission.title,
            "author": submission.byline,
            "date": submission.date,
            "lang": submission.lang,
            "url": submission.url,
        }
        post = frontmatter.loads(submission.text)
        for key, value in fields.items():
            if value:
                post.metadata[key] = value
        return frontmatter.dumps(post) + "\n", ".md"
    head = []
    if submission.title:
        head.append(f"<title>{html.escape(submission.title)}</title>")
    if submission.byline:
        head.append(f'<meta name="author" content="{html.escape(submission.byline)}">')
    if submission.date:
        head.append(
            f'<meta property="article:published_time" content="{html.escape(submission.date)}">'
        )
    if submission.url:
        head.append(f'<link rel="canonical" href="{html.escape(submission.url)}">')
    lang = f' lang="{html.escape(submission.lang)}"' if submission.lang else ""
    heading = f"<h1>{html.escape(submission.title)}</h1>" if submission.title else ""
    document = (
        f'<!doctype html><html{lang}><head><meta charset="utf-8">{"".join(head)}</head>'
        f"<body><article>{heading}{submission.text}</article></body></html>"
    )
    return document, ".html"


def _checked(submission: Submission) -> Submission:
    if submission.lang and not _LANG.match(submission.lang):
        raise SubmissionError(f"lang {submission.lang!r} is not a language tag (en, en-US)")
    if submission.date and not _DATE.match(submission.date):
        raise SubmissionError(f"date {submission.date!r} is not a date (YYYY-MM-DD)")
    if submission.url:
        _check_web_address(submission.url, "url")
    if not submission.post:
        return Submission(**{**asdict(submission), "post": submission.url or ""})
    return submission


def _string(data: dict[str, Any], name: str, limit: int | None = MAX_FIELD_CHARS) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SubmissionError(f"{name} must be a string")
    if limit is not None and len(value) > limit:
        raise SubmissionError(f"{name} is longer than {limit} characters")
    return value.strip() or None


def _text_or_none(value: Any) -> str | None:
    return value.strip()[:MAX_FIELD_CHARS] or None if isinstance(value, str) else None


def _check_web_address(value: str, name: str) -> None:
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise SubmissionError(f"{name} must be an http:// or https:// address")
