"""Plain text -> Article, whether typed as an article or copied whole from a web page.

Typed text is simple: the first line is the title, the rest are paragraphs. Text copied from a
page also carries the page's chrome (menus, bylines, photo captions, sign-up boxes, teasers of
other articles, news feeds). There the article is the longest run of prose paragraphs; the title
is the headline-like line just before it, past the byline and caption; known chrome lines are
skipped without breaking the run, while feed times and section headings ("More news",
"Comments") end it. Each line is judged by the rules in `documents/boilerplate.py`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from narrate.documents.article import Article, Block, BlockKind
from narrate.documents.boilerplate import (
    LineKind,
    classify,
    find_date,
    is_headline,
    parse_byline,
)
from narrate.errors import ArticleError

# Chrome that may sit inside an article without ending it (a caption, an inline sign-up box).
_SKIPPED = {
    LineKind.CHROME,
    LineKind.CAPTION,
    LineKind.TEASER,
    LineKind.BYLINE,
    LineKind.DATE,
}
_PAGE_SIGNS = _SKIPPED - {LineKind.BYLINE, LineKind.DATE} | {
    LineKind.SECTION_END,
    LineKind.TIMESTAMP,
    LineKind.TRUNCATED,
}
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


@dataclass(frozen=True)
class _Line:
    text: str
    kind: LineKind


def parse_plaintext(text: str, *, source: str = "") -> Article:
    """Read plain text as an article: title, byline and date when present, and paragraphs."""
    units = split_units(text)
    if not units:
        raise ArticleError(f"{source or 'the text'} is empty: nothing to narrate")
    lines = _mark_teasers(_mark_repeats([_Line(u, classify(u)) for u in units]))
    if any(line.kind in _PAGE_SIGNS for line in lines):
        title, start, body = _page_article(lines)
    else:
        title, start, body = _typed_article(lines)
    if not body and not title:
        raise ArticleError(f"no article text found in {source or 'the text'}")
    byline, date = _byline_and_date(lines[:start])
    return Article(
        title=title,
        blocks=tuple(_blocks(body, title)),
        byline=byline,
        date=date,
        source=source,
    )


def split_units(text: str) -> list[str]:
    """Split `text` into paragraphs: one per line, or one per blank-separated chunk when the
    text is hard-wrapped (lines broken mid-sentence, as in typed or e-mailed text)."""
    chunks = [
        [" ".join(line.split()) for line in chunk.splitlines() if line.strip()]
        for chunk in re.split(r"\n\s*\n", text.strip())
    ]
    chunks = [chunk for chunk in chunks if chunk]
    if _hard_wrapped(chunks):
        return [" ".join(chunk) for chunk in chunks]
    return [line for chunk in chunks for line in chunk]


def _hard_wrapped(chunks: list[list[str]]) -> bool:
    """True when some line ends mid-sentence and the next one carries on in lower case.

    Copied web pages put each paragraph on one long line, so a wrapped text also has no line
    much longer than a terminal's width.
    """
    lines = [line for chunk in chunks for line in chunk]
    if not lines or max(len(line) for line in lines) > 120:
        return False
    return any(
        not _SENTENCE_END.search(line) and following[:1].islower()
        for chunk in chunks
        for line, following in itertools.pairwise(chunk)
    )


def _mark_repeats(lines: list[_Line]) -> list[_Line]:
    """Short non-prose lines that occur more than once are widget labels ("Subscribe")."""
    counts = Counter(line.text.lower() for line in lines)
    return [
        _Line(line.text, LineKind.CHROME)
        if counts[line.text.lower()] > 1
        and line.kind is not LineKind.PROSE
        and len(line.text.split()) <= 6
        else line
        for line in lines
    ]


def _mark_teasers(lines: list[_Line]) -> list[_Line]:
    """A truncated summary and the headline above it are a teaser of another article.

    A truncated line with no headline above it is kept as prose: a quote that trails off.
    """
    marked = list(lines)
    for index, line in enumerate(lines):
        if line.kind is not LineKind.TRUNCATED:
            continue
        above = marked[index - 1] if index else None
        if above and (above.kind is LineKind.HEADLINE or _short_unfinished(above.text)):
            marked[index - 1] = _Line(above.text, LineKind.TEASER)
            marked[index] = _Line(line.text, LineKind.TEASER)
        else:
            marked[index] = _Line(line.text, LineKind.PROSE)
    return marked


def _short_unfinished(text: str) -> bool:
    return len(text.split()) <= 20 and not text.endswith(".")


def _page_article(lines: list[_Line]) -> tuple[str, int, list[_Line]]:
    """Find the article in a copied page: (title, index where the body starts, body lines)."""
    runs = _prose_runs(lines)
    if not runs:
        return _typed_article(lines)
    start, end = max(runs, key=lambda run: _prose_words(lines[run[0] : run[1]]))
    body = [line for line in lines[start:end] if line.kind not in _SKIPPED]
    title = ""
    for line in reversed(lines[:start]):
        # A "Leave a comment" link may sit between the headline and the text.
        if line.kind in _SKIPPED or line.kind is LineKind.SECTION_END:
            continue
        if line.kind is LineKind.HEADLINE:
            title = line.text
        break
    return title, start, body


def _prose_runs(lines: list[_Line]) -> list[tuple[int, int]]:
    """Spans [start, end) of prose lines, skipping chrome and keeping subheads between prose."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last_prose = -1
    for index, line in enumerate(lines):
        if line.kind is LineKind.PROSE:
            start = index if start is None else start
            last_prose = index
        elif line.kind in _SKIPPED or (
            # A subhead: a headline inside a run, with prose after it.
            line.kind is LineKind.HEADLINE
            and start is not None
            and _next_kind(lines, index) is LineKind.PROSE
        ):
            continue
        elif start is not None:
            runs.append((start, last_prose + 1))
            start = None
    if start is not None:
        runs.append((start, last_prose + 1))
    return runs


def _next_kind(lines: list[_Line], index: int) -> LineKind | None:
    for line in lines[index + 1 :]:
        if line.kind not in _SKIPPED:
            return line.kind
    return None


def _prose_words(lines: list[_Line]) -> int:
    return sum(len(line.text.split()) for line in lines if line.kind is LineKind.PROSE)


def _typed_article(lines: list[_Line]) -> tuple[str, int, list[_Line]]:
    """A typed article: the first line is the title unless it is a sentence of prose.

    The byline may be on any line (the returned start is the end), as a typed text holds no
    other article's byline.
    """
    kept = [line for line in lines if line.kind not in (LineKind.BYLINE, LineKind.DATE)]
    if not kept:
        return "", len(lines), []
    first = kept[0]
    if first.kind is LineKind.PROSE and not _short_unfinished(first.text):
        return "", len(lines), kept
    return first.text, len(lines), kept[1:]


def _byline_and_date(lines: list[_Line]) -> tuple[str | None, str | None]:
    byline: str | None = None
    date: str | None = None
    for line in lines:
        if line.kind is LineKind.BYLINE and byline is None:
            found = parse_byline(line.text)
            if found:
                byline, date = found.name, date or found.date
        elif line.kind is LineKind.DATE and date is None:
            date = find_date(line.text)
    return byline, date


def _blocks(body: list[_Line], title: str) -> list[Block]:
    """Body lines as blocks: a headline between paragraphs is a subhead; repeats are dropped."""
    blocks: list[Block] = []
    seen = {title.lower()}
    for index, line in enumerate(body):
        key = line.text.lower()
        if key in seen:
            continue
        seen.add(key)
        following = body[index + 1] if index + 1 < len(body) else None
        if (
            line.kind is LineKind.HEADLINE
            and following is not None
            and following.kind is not LineKind.HEADLINE
            and is_headline(line.text)
            and len(line.text.split()) <= 14
        ):
            blocks.append(Block(BlockKind.HEADING, line.text, 2))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, line.text))
    return blocks
