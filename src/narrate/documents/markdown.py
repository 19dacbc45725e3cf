"""Markdown (with optional YAML front matter) -> Article, via markdown-it-py.

Spoken: headings, paragraphs, list items (each read as a sentence), block quotes, link text.
Dropped: link URLs, images (alt text on request), footnotes, HTML, code blocks and tables
(each on request).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, SafeLoader, YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from narrate.documents.article import Article, Block, BlockKind
from narrate.documents.options import ReadOptions
from narrate.errors import ArticleError

FRONT_MATTER_KEYS = {
    "title": "title",
    "author": "byline",
    "byline": "byline",
    "date": "date",
    "lang": "language",
    "language": "language",
    "url": "url",
    "link": "url",
    "description": "description",
    "summary": "description",
    "publication": "publication",
    "image": "image",
    "cover": "image",
}


def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )


def parse_markdown(text: str, *, source: str = "", options: ReadOptions | None = None) -> Article:
    """Parse Markdown into an Article; the first level-1 heading is the title unless front
    matter names one."""
    options = options or ReadOptions()
    meta = _front_matter(text, source)
    blocks = list(_blocks(_parser().parse(text), options))
    title = str(meta.pop("title", "") or "")
    if not title:
        first_h1 = next((b for b in blocks if b.kind is BlockKind.HEADING and b.level == 1), None)
        if first_h1 is not None:
            title = first_h1.text
            blocks.remove(first_h1)
    elif blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].text == title:
        blocks.pop(0)
    if not title and not blocks:
        raise ArticleError(f"{source or 'the Markdown'} has no text to narrate")
    return Article(title=title, blocks=tuple(blocks), source=source, **meta)


def _front_matter(text: str, source: str) -> dict[str, str]:
    try:
        post = frontmatter.loads(text, handler=_handler(text))
    except ArticleError as error:
        raise ArticleError(f"{source or 'the Markdown'}: {error}") from None
    except Exception as error:  # YAML errors come in several types
        raise ArticleError(
            f"{source or 'the Markdown'}: malformed front matter ({_one_line(error)})"
        ) from None
    meta: dict[str, str] = {}
    for key, value in post.metadata.items():
        field = FRONT_MATTER_KEYS.get(str(key).lower())
        if field is None or value is None:
            continue
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()[:10]
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        meta[field] = str(value).strip()
    return meta


def _handler(text: str) -> BaseHandler | None:
    handler = frontmatter.detect_format(text, frontmatter.handlers)
    return _AliasFreeYAML() if isinstance(handler, YAMLHandler) else handler


class _AliasFreeYAML(YAMLHandler):
    """YAML front matter without aliases: a few hundred bytes of nested aliases expand
    into gigabytes (a "billion laughs"), and no post needs one. The events are scanned
    first (linear in the text), then loaded by the safe loader."""

    def load(self, fm: str, **kwargs: object) -> Any:
        for event in yaml.parse(fm, Loader=SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1  # as in _one_line
                raise ArticleError(
                    f"line {line}: front matter uses the YAML alias *{event.anchor}; "
                    "write the value out (aliases can expand into gigabytes)"
                )
        return super().load(fm, **kwargs)


def _one_line(error: Exception) -> str:
    """A YAML error in one line: what is wrong and the line of the file it is on (YAML's
    own message spans several lines, with marks counted from the front matter's start)."""
    problem = getattr(error, "problem", None)
    mark = getattr(error, "problem_mark", None)
    if problem and mark is not None:
        context = getattr(error, "context", None)
        said = f"{context}: {problem}" if context else str(problem)
        return f"line {mark.line + 1}: {said}"  # the YAML starts on the opening ---'s line
    return " ".join(str(error).split())


def _blocks(tokens: Sequence[Token], options: ReadOptions) -> Iterator[Block]:
    hidden = 0  # depth inside a footnote block, or a table that is not spoken
    list_depth = 0
    in_cell = False
    row: list[str] = []
    items: list[str] = []
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "footnote_block_open" or (kind == "table_open" and not options.include_tables):
            hidden += 1
        elif kind == "footnote_block_close" or (kind == "table_close" and hidden):
            hidden -= 1
        if hidden:
            continue
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if not list_depth and items:
                yield Block(BlockKind.PARAGRAPH, " ".join(items))
                items = []
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "tr_close" and row:
            yield Block(BlockKind.PARAGRAPH, _sentence(", ".join(row)))
            row = []
        elif kind in ("fence", "code_block") and options.include_code:
            code = " ".join(token.content.split())
            if code:
                yield Block(BlockKind.PARAGRAPH, code)
        elif kind == "inline":
            text = _inline_text(token.children or [], options)
            if not text:
                continue
            if in_cell:
                row.append(text)
            elif heading_level:
                yield Block(BlockKind.HEADING, text, heading_level)
            elif list_depth:
                # A list is one paragraph; each item is read as a sentence of its own.
                items.append(_sentence(text))
            else:
                yield Block(BlockKind.PARAGRAPH, text)


def _inline_text(children: Sequence[Token], options: ReadOptions) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image" and options.image_alt:
            alt = "".join(c.content for c in (child.children or []))
            if alt:
                parts.append(alt)
    return " ".join("".join(parts).split())


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", ":")) else text + "."
