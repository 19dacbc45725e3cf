"""An HTML page read as its own source text: every element and text run with its offsets in
the page, and the page's visible text as a stream of characters mapped back to those offsets.

Changing a page by inserting at source offsets (rather than re-serializing a parsed tree)
leaves every byte of its markup as it was: attribute quoting, entities, whitespace,
comments. The tree is built with Python's own HTMLParser (charrefs kept raw, so offsets stay
exact); implied end tags that matter for text (`p`, `li`, table cells) are closed as browsers
close them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
BLOCK = frozenset(
    """address article aside blockquote body details dialog dd div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section
    summary table tbody thead tfoot tr td th ul br""".split()  # noqa: SIM905
)
# Text in these is not read on the page (or is not the article's).
HIDDEN = frozenset(
    {"head", "title", "script", "style", "template", "noscript", "textarea", "select"}
    | {"option", "button", "svg", "math", "iframe"}
)
_CLOSED_BY = {
    "p": BLOCK - {"br", "summary", "figcaption", "dd", "dt", "li", "td", "th", "tr"} | {"li"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "td": {"td", "th", "tr"},
    "th": {"td", "th", "tr"},
    "tr": {"tr"},
    "option": {"option"},
}
# Characters a reader does not see as text, and characters that read the same.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SAME = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_SPACE = re.compile(r"\s+")


@dataclass(eq=False)
class Element:
    name: str
    attrs: dict[str, str | None]
    start: int  # offset of its "<"
    open_end: int  # just after its start tag
    close_start: int | None = None  # offset of its end tag ("</"), when it has one
    end: int | None = None  # just after its end tag (or where it was implicitly closed)
    parent: Element | None = None
    children: list[Element | Text] = field(default_factory=list)
    first: int | None = None  # stream index of its first visible character
    last: int | None = None
    has_block: bool = False  # itself or a descendant is a block element

    @property
    def hidden(self) -> bool:
        return self.name in HIDDEN or "hidden" in self.attrs


@dataclass(eq=False)
class Text:
    start: int
    end: int
    text: str  # decoded
    parent: Element
    first: int | None = None
    last: int | None = None


@dataclass
class Stream:
    """The visible characters of a page, whitespace and invisible ones left out, each with
    the source span it came from ([start, end): one character, or one whole entity)."""

    chars: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    nodes: list[Text] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def match_key(text: str) -> str:
    """`text` as the stream holds it: no whitespace, no invisible characters, one kind of
    quote. Extraction may add or drop spaces around inline elements; this ignores them."""
    return _SPACE.sub("", text.translate(_INVISIBLE).translate(_SAME))


class _Builder(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.root = Element("#document", {}, 0, 0)
        self.stack = [self.root]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _close(self, at: int, end: int | None = None) -> None:
        element = self.stack.pop()
        element.close_start = at if end is not None else None
        element.end = end if end is not None else at

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._position()
        raw = self.get_starttag_text() or ""
        while len(self.stack) > 1 and tag in _CLOSED_BY.get(self.stack[-1].name, ()):
            self._close(start)
        element = Element(tag, dict(attrs), start, start + len(raw), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag in VOID:
            element.end = element.open_end
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._position()
        raw = self.get_starttag_text() or ""
        element = Element(tag, dict(attrs), start, start + len(raw), parent=self.stack[-1])
        element.end = element.open_end
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        start = self._position()
        end = self.source.find(">", start) + 1 or len(self.source)
        names = [e.name for e in self.stack[1:]]
        if tag not in names:
            return  # a stray end tag: browsers ignore it too
        while self.stack[-1].name != tag:
            self._close(start)
        self._close(start, end)

    def _text(self, start: int, raw: str, decoded: str) -> None:
        self.stack[-1].children.append(Text(start, start + len(raw), decoded, self.stack[-1]))

    def handle_data(self, data: str) -> None:
        self._text(self._position(), data, data)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def _reference(self, raw: str) -> None:
        """A character reference as written, with its ";" when it has one."""
        start = self._position()
        if self.source.startswith(";", start + len(raw)):
            raw += ";"
        self._text(start, raw, html.unescape(raw))


def parse(source: str) -> Element:
    """The page's element tree, with source offsets."""
    builder = _Builder(source)
    builder.feed(source)
    builder.close()
    while len(builder.stack) > 1:
        builder._close(len(source))
    builder.root.end = len(source)
    return builder.root


def visible_stream(root: Element, skip: set[Element] | None = None) -> Stream:
    """The visible text under `root` (hidden elements and those in `skip` left out), and
    each node's first and last stream index."""
    stream = Stream()
    skip = skip or set()

    def walk(node: Element | Text) -> None:
        if isinstance(node, Text):
            if isinstance(node.parent, Element) and node.parent.name in HIDDEN:
                return
            raw_span = node.end - node.start
            one_to_one = raw_span == len(node.text)
            for index, char in enumerate(node.text):
                key = match_key(char)
                if not key:
                    continue
                span = (
                    (node.start + index, node.start + index + 1)
                    if one_to_one
                    else (
                        node.start,
                        node.end,
                    )
                )
                for part in key:
                    if node.first is None:
                        node.first = len(stream.chars)
                    node.last = len(stream.chars)
                    stream.chars.append(part)
                    stream.spans.append(span)
                    stream.nodes.append(node)
            return
        if node is not root and (node.hidden or node in skip):
            return
        node.has_block = node.name in BLOCK
        for child in node.children:
            walk(child)
            if child.first is not None:
                if node.first is None:
                    node.first = child.first
                node.last = child.last
            if isinstance(child, Element) and child.has_block:
                node.has_block = True

    walk(root)
    return stream


def elements(root: Element) -> list[Element]:
    """Every element under `root`, in document order."""
    found: list[Element] = []

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, Element):
                found.append(child)
                walk(child)

    walk(root)
    return found


def wrap_spans(node: Element, first: int, last: int, stream: Stream) -> list[tuple[int, int]]:
    """Source ranges that, each wrapped in an inline element, cover the stream's characters
    `first`..`last` (inclusive) under `node` and nest correctly: whole inline children are
    taken as they are, block children are entered, text is cut at the characters."""
    ranges: list[tuple[int, int]] = []
    run: list[int] | None = None

    def flush() -> None:
        nonlocal run
        if run is not None:
            ranges.append((run[0], run[1]))
        run = None

    for child in node.children:
        if child.first is None or child.last is None or child.last < first or child.first > last:
            continue
        low, high = max(first, child.first), min(last, child.last)
        if isinstance(child, Text):
            piece = (stream.spans[low][0], stream.spans[high][1])
        elif not child.has_block and low == child.first and high == child.last:
            piece = (child.start, child.end if child.end is not None else child.open_end)
        else:
            flush()
            ranges.extend(wrap_spans(child, low, high, stream))
            continue
        run = [piece[0], piece[1]] if run is None else [run[0], piece[1]]
    flush()
    return ranges
