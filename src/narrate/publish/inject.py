"""Put the player into an article page and make the page's own sentences addressable.

Each sentence that was spoken is found in the page's visible text, in order, and wrapped in
`<span data-narrate-sentence="s0005">` (the cue id of the captions and the manifest). The
page is changed only by inserting at source offsets (see page_source), so its visible text
and the rest of its markup stay exactly as they were. Marks and a player from an earlier
run are taken out first, so injecting again changes nothing more.

Sentences are looked for inside the article (the `<article>` with the most text, else
`<main>`, else the body); the title, often above the article, is looked for in an `h1`
first. A sentence the page does not have (the spoken disclosure, text the extraction left
out) is skipped; the search never goes back, so one missing sentence costs only itself.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from narrate.errors import UsageError
from narrate.publish.page_source import (
    Element,
    Stream,
    elements,
    match_key,
    parse,
    visible_stream,
    wrap_spans,
)

PLAYER_ID = "narrate-player"
MARK_ATTRIBUTE = "data-narrate-sentence"


def strip_marks(page: str) -> str:
    """`page` without the sentence marks an earlier injection added (their text stays)."""
    if MARK_ATTRIBUTE not in page:
        return page
    cuts: list[tuple[int, int]] = []
    for element in elements(parse(page)):
        if element.name == "span" and MARK_ATTRIBUTE in element.attrs:
            cuts.append((element.start, element.open_end))
            if element.close_start is not None and element.end is not None:
                cuts.append((element.close_start, element.end))
    return _apply(page, [(start, end, "") for start, end in cuts])


def inject_readalong(
    page: str,
    snippet: str,
    sentences: Sequence[tuple[str, str]],
    selector: str | None = None,
) -> str:
    """`page` with `snippet` after the element `selector` picks (default: the first `h1`,
    else at the top of the article), replacing a player already there, and each of
    `sentences` (id, written text) wrapped where the page says it."""
    page = strip_marks(page)
    snippet = snippet.strip()  # so that replacing it again gives the same page
    root = parse(page)
    everything = elements(root)
    player = next((e for e in everything if e.attrs.get("id") == PLAYER_ID), None)
    stream = visible_stream(root, {player} if player else set())
    edits = [
        (offset, offset, text)
        for offset, text in _sentence_marks(root, everything, stream, sentences)
    ]
    if player is not None:
        edits.append((player.start, player.end or player.open_end, snippet))
    else:
        edits.append((*_player_position(page, everything, selector), snippet))
    return _apply(page, edits)


def _player_position(page: str, everything: list[Element], selector: str | None) -> tuple[int, int]:
    if selector:
        anchor = _select(page, everything, selector)
    else:
        anchor = next((e for e in everything if e.name == "h1"), None)
    if anchor is not None:
        end = anchor.end if anchor.end is not None else anchor.open_end
        return end, end
    container = _article(everything) or next((e for e in everything if e.name == "body"), None)
    if container is None:
        return 0, 0
    return container.open_end, container.open_end


def _select(page: str, everything: list[Element], selector: str) -> Element:
    """The element of our tree that the CSS `selector` picks (found by BeautifulSoup, matched
    to ours by where its start tag is)."""
    from bs4 import BeautifulSoup
    from soupsieve import SelectorSyntaxError

    soup = BeautifulSoup(page, "html.parser")
    try:
        found = soup.select_one(selector)
    except SelectorSyntaxError as error:
        raise UsageError(f"--selector {selector!r} is not a CSS selector: {error}") from None
    if found is None or found.sourceline is None:
        raise UsageError(f"--selector {selector!r} matches nothing in the page")
    line_starts = [0] + [i + 1 for i, c in enumerate(page) if c == "\n"]
    offset = line_starts[found.sourceline - 1] + (found.sourcepos or 0)
    for element in everything:
        if element.start == offset:
            return element
    raise UsageError(f"--selector {selector!r} matches nothing in the page")


def _article(everything: list[Element]) -> Element | None:
    articles = [e for e in everything if e.name == "article" and e.first is not None]
    if articles:
        return max(articles, key=lambda e: (e.last or 0) - (e.first or 0))
    return next((e for e in everything if e.name == "main" and e.first is not None), None)


def _sentence_marks(
    root: Element,
    everything: list[Element],
    stream: Stream,
    sentences: Sequence[tuple[str, str]],
) -> list[tuple[int, str]]:
    """(offset, tag) insertions that wrap each sentence found."""
    text = stream.text
    article = _article(everything)
    region_start = article.first if article is not None and article.first is not None else 0
    region_end = article.last + 1 if article is not None and article.last is not None else len(text)
    headings = [e for e in everything if e.name == "h1" and e.first is not None]
    found: list[tuple[str, int, int]] = []
    cursor = region_start
    for index, (identifier, sentence) in enumerate(sentences):
        key = match_key(sentence)
        if not key:
            continue
        at = -1
        if index == 0:  # the title: in an h1 wherever it is, else where the article starts
            for heading in headings:
                at = text.find(key, heading.first, (heading.last or 0) + 1)
                if at >= 0:
                    break
        if at < 0:
            at = text.find(key, cursor, region_end)
        if at < 0:
            continue
        found.append((identifier, at, at + len(key) - 1))
        if at >= region_start:
            cursor = at + len(key)
    marks: list[tuple[int, str]] = []
    for identifier, first, last in found:
        opening = f'<span {MARK_ATTRIBUTE}="{html.escape(identifier)}">'
        for start, end in wrap_spans(root, first, last, stream):
            marks.append((start, opening))
            marks.append((end, "</span>"))
    return marks


def _apply(page: str, edits: list[tuple[int, int, str]]) -> str:
    """`page` with each (start, end, text) replacing page[start:end]; edits do not overlap.
    At one offset a closing tag goes before what opens there."""

    def order(edit: tuple[int, int, str]) -> tuple[int, int]:
        start, end, text = edit
        return start, 0 if text == "</span>" else 1 if end == start else 2

    pieces: list[str] = []
    cursor = 0
    for start, end, text in sorted(edits, key=order):
        pieces.append(page[cursor:start])
        pieces.append(text)
        cursor = max(cursor, end)
    pieces.append(page[cursor:])
    return "".join(pieces)
