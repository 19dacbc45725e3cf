"""Read any source (a path, an http(s) URL or '-' for stdin) into an Article.

ReadOptions and sniff_kind live in documents/options.py (imported here for callers).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from narrate.documents.article import Article
from narrate.documents.decode import MAX_DOCUMENT_BYTES, decode_document, too_large
from narrate.documents.options import ReadOptions, sniff_kind
from narrate.errors import ArticleError, UsageError

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# A page's reading is an article when its paragraphs hold a sentence (this many words at least,
# ending as a sentence ends) or this many words in all; fewer are a menu's or a footer's. In
# Chinese and Japanese, written without spaces, each character counts as a word.
MIN_SENTENCE_WORDS = 3
MIN_ARTICLE_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’」』)\]]*$")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_article(source: str | Path, options: ReadOptions | None = None) -> Article:
    """Read `source` and return its Article; the format follows the suffix or content type."""
    options = options or ReadOptions()
    text_source = str(source)
    if is_url(text_source):
        from narrate.documents.url import fetch_url

        page = fetch_url(text_source)
        return parse_document(
            page.text, kind=page.kind, source=text_source, url=page.url, options=options
        )
    if text_source == "-":
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        text = decode_document(data, name="standard input")
        return parse_document(text, kind=sniff_kind(text), source="-", options=options)
    path = Path(text_source)
    if "://" in text_source:
        raise UsageError(f"{text_source}: only http:// and https:// URLs can be read")
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give an article file (or use `narrate batch`)")
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise too_large(str(path), size)
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror})") from error
    text = decode_document(data, name=str(path))
    return parse_document(text, kind=kind_for_path(path, text), source=str(path), options=options)


def kind_for_path(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".txt":
        return "text"
    return sniff_kind(text)


def has_article_text(article: Article) -> bool:
    """Whether a page's paragraphs are an article: a sentence, or MIN_ARTICLE_WORDS words.
    A page whose reading found only link words ("Home News") or a footer has none."""
    sizes = [(_words(p.text), p.text.rstrip()) for p in article.paragraphs]
    if sum(size for size, _ in sizes) >= MIN_ARTICLE_WORDS:
        return True
    return any(size >= MIN_SENTENCE_WORDS and _SENTENCE_END.search(text) for size, text in sizes)


def _words(text: str) -> int:
    return len(text.split()) + len(_UNSPACED.findall(text))


def parse_document(
    text: str,
    *,
    kind: str,
    source: str,
    url: str | None = None,
    options: ReadOptions | None = None,
) -> Article:
    """Parse decoded text of a known kind ("markdown", "html" or "text")."""
    if not text.strip():
        raise ArticleError(f"{source or 'the article'} is empty: nothing to narrate")
    if kind == "markdown":
        from narrate.documents.markdown import parse_markdown

        article = parse_markdown(text, source=source, options=options or ReadOptions())
    elif kind == "html":
        from narrate.documents.html import parse_html

        rules = (options or ReadOptions()).html_rules
        article = parse_html(text, source=source, url=url, rules=rules)
    else:
        from narrate.documents.plaintext import parse_plaintext

        article = parse_plaintext(text, source=source)
    if not article.blocks and not article.title:
        raise ArticleError(f"{source or 'the article'} has no text to narrate")
    if kind == "html" and not has_article_text(article):
        raise ArticleError(f"no article text found in {source or 'the page'}")
    if url and not article.url:
        from dataclasses import replace

        article = replace(article, url=url)
    return article
