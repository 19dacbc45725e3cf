"""Where a batch's posts come from: folders and globs of files, RSS/Atom feeds, sitemaps.

`discover` lists posts cheaply (no article is read); `read_post` reads one. A post's id is
what stays the same while its text changes: the file's absolute path, the feed entry's id,
or the page's URL. Listings that carry a change marker (a feed entry's `updated`, a sitemap's
`lastmod`) let a run skip an unchanged page without fetching it.

Links a listing names are fetched under the run's network policy (narrate.network_policy):
one that points into a private network, or a Markdown `image:` outside the post's folder,
fails its post alone with one line naming the rule.
"""

from __future__ import annotations

import glob
import hashlib
import html
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from narrate.documents.article import Article
from narrate.documents.read import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    ReadOptions,
    is_url,
    parse_document,
    read_article,
)
from narrate.errors import ArticleError, NarrateError, UsageError
from narrate.network_policy import NetworkPolicy, check_local_image, network_scope

POST_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".txt"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
# A feed or sitemap is a listing, not an article: a few megabytes at most.
MAX_LISTING_BYTES = 20_000_000
LISTING_TIMEOUT_SECONDS = 30
# A sitemap index may point at sitemap indexes; real sites nest one level, rarely two.
MAX_SITEMAP_DEPTH = 3


@dataclass(frozen=True)
class Post:
    """One post named by a source: where to read it and what the listing says about it."""

    id: str
    source: str  # the SOURCE argument it was found through
    location: str  # the path or URL to read
    date: str | None = None  # publication date (ISO) from a feed entry
    modified: str | None = None  # ISO date of the last change the listing reports
    title: str | None = None
    link: str | None = None
    version: str | None = None  # the listing's change marker, when it has one
    content: str | None = field(default=None, repr=False)  # a feed entry's full text (HTML)
    # Where reading it may connect: trusts the hosts of the URLs the user gave.
    network: NetworkPolicy = field(default=NetworkPolicy(), repr=False, compare=False)
    folder: str | None = None  # the folder SOURCE it was found in, if any
    error: str | None = None  # why its listing failed (a bad sitemap of an index): it fails


def discover(sources: Sequence[str], *, allow_private_network: bool = False) -> list[Post]:
    """Every post the sources name, in their order, each once. Links found in feeds and
    sitemaps may lead into a private network only on a host the user gave, or when
    `allow_private_network`."""
    network = NetworkPolicy.for_sources(sources, allow_private_network)
    seen: set[str] = set()
    posts: list[Post] = []
    for source in sources:
        for post in _posts_of(source, network):
            if post.id not in seen:
                seen.add(post.id)
                posts.append(replace(post, network=network))
    return posts


@dataclass(frozen=True)
class SourceKind:
    """A kind of SOURCE: whether a source is of it, and how its posts are listed."""

    name: str
    matches: Callable[[str], bool]
    posts: Callable[[str, NetworkPolicy], Iterator[Post]]


def _url_posts(source: str, network: NetworkPolicy) -> Iterator[Post]:
    yield from _listing(source, _fetch_listing(source, network), url=source, network=network)


def _folder_posts(source: str, _network: NetworkPolicy) -> Iterator[Post]:
    path = Path(source).expanduser()
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in POST_SUFFIXES)
    folder = str(path.resolve())
    for file in files:
        if file.is_file() and not _hidden(file, path):
            yield replace(_file_post(file, source), folder=folder)


def _glob_posts(source: str, _network: NetworkPolicy) -> Iterator[Post]:
    matches = sorted(Path(p) for p in glob.glob(str(Path(source).expanduser()), recursive=True))
    yield from (_file_post(p, source) for p in matches if p.is_file())


def _is_listing_file(source: str) -> bool:
    path = Path(source).expanduser()
    return path.is_file() and (path.suffix.lower() in FEED_SUFFIXES or _looks_like_xml(path))


def _listing_file_posts(source: str, network: NetworkPolicy) -> Iterator[Post]:
    try:
        data = Path(source).expanduser().read_bytes()
    except OSError as error:
        raise UsageError(f"{source}: cannot read ({error.strerror})") from error
    yield from _listing(source, data, url=None, network=network)


def _single_post(source: str, _network: NetworkPolicy) -> Iterator[Post]:
    yield _file_post(Path(source).expanduser(), source)


#: The kinds of SOURCE, the first that matches wins: a new kind is a new row.
SOURCE_KINDS: tuple[SourceKind, ...] = (
    SourceKind("feed or sitemap URL", is_url, _url_posts),
    SourceKind("folder", lambda source: Path(source).expanduser().is_dir(), _folder_posts),
    SourceKind("glob", glob.has_magic, _glob_posts),
    SourceKind("feed or sitemap file", _is_listing_file, _listing_file_posts),
    SourceKind("post file", lambda source: Path(source).expanduser().is_file(), _single_post),
)


def _posts_of(source: str, network: NetworkPolicy) -> Iterator[Post]:
    for kind in SOURCE_KINDS:
        if kind.matches(source):
            yield from kind.posts(source, network)
            return
    raise UsageError(f"{source}: no such file, folder or URL")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _file_post(path: Path, source: str) -> Post:
    """A post read from a file; its version is a digest of its bytes, so a batch skips an
    unchanged file (with unchanged settings) before reading and parsing it."""
    resolved = path.resolve()
    try:
        version: str | None = "sha256:" + hashlib.sha256(resolved.read_bytes()).hexdigest()
    except OSError:  # reading it later reports the error, for this post alone
        version = None
    return Post(id=str(resolved), source=source, location=str(resolved), version=version)


def _looks_like_xml(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(512).lstrip()
    except OSError:
        return False
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex"))


def _fetch_listing(url: str, network: NetworkPolicy) -> bytes:
    from narrate.http import DownloadError, download

    try:
        return download(
            url,
            accept="application/rss+xml, application/atom+xml, application/xml, text/xml",
            max_bytes=MAX_LISTING_BYTES,
            timeout=LISTING_TIMEOUT_SECONDS,
            policy=network,
        ).data
    except DownloadError as error:
        if error.kind == "size":
            raise UsageError(f"{url} is too large for a feed or sitemap") from None
        raise UsageError(f"{url}: {error.reason}") from None


def _listing(
    source: str, data: bytes, *, url: str | None, network: NetworkPolicy, depth: int = 0
) -> Iterator[Post]:
    """Posts of a sitemap (or sitemap index) or of an RSS/Atom feed; a single web page given
    as a URL is one post. A sitemap of an index that cannot be had is one failed post."""
    root = _xml_root(data)
    if root is not None and _local(root.tag) == "urlset":
        yield from _sitemap_posts(root, source)
        return
    if root is not None and _local(root.tag) == "sitemapindex":
        if depth >= MAX_SITEMAP_DEPTH:
            raise UsageError(f"{source}: sitemap indexes nested too deep")
        for (child,) in _children_text(root, "sitemap", "loc"):
            try:
                if not is_url(child):
                    raise UsageError(f"{child}: not an http(s) address")
                children = list(
                    _listing(
                        source,
                        _fetch_listing(child, network),
                        url=child,
                        network=network,
                        depth=depth + 1,
                    )
                )
            except NarrateError as error:
                message = f"sitemap {child}: {error}" if child not in str(error) else str(error)
                children = [Post(id=child, source=source, location=child, error=message)]
            yield from children
        return
    import feedparser

    headers = {"content-location": url} if url else {}
    feed = feedparser.parse(data, response_headers=headers)
    if feed.get("version") or feed.entries:
        yield from _feed_posts(feed, source)
        return
    if url is not None:  # a URL that is neither: one article page
        yield Post(id=url, source=source, location=url, link=url)
        return
    raise UsageError(f"{source} is neither an RSS/Atom feed nor a sitemap")


def _xml_root(data: bytes) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children_text(root: ElementTree.Element, entry: str, *names: str) -> Iterator[list[str]]:
    """For each `entry` child of `root`: the text of its children called `names` ("" if none)."""
    for child in root:
        if _local(child.tag) != entry:
            continue
        values = {_local(c.tag): (c.text or "").strip() for c in child}
        if values.get(names[0]):
            yield [values.get(name, "") for name in names]


def _sitemap_posts(root: ElementTree.Element, source: str) -> Iterator[Post]:
    for location, lastmod in _children_text(root, "url", "loc", "lastmod"):
        if urlsplit(location).scheme not in ("http", "https"):
            continue
        yield Post(
            id=location,
            source=source,
            location=location,
            link=location,
            modified=lastmod[:10] or None,
            version=lastmod or None,
        )


def _feed_posts(feed: object, source: str) -> Iterator[Post]:
    for entry in feed.entries:  # type: ignore[attr-defined]
        link = entry.get("link") or None
        content = _entry_content(entry)
        if content is None and link is None:
            continue
        # dict.get: feedparser's own get() maps a missing `updated` to `published`, with a
        # deprecation warning; the two are told apart here.
        updated = dict.get(entry, "updated_parsed")
        published = dict.get(entry, "published_parsed") or updated
        updated = updated or published
        date = time.strftime("%Y-%m-%d", published) if published else None
        # Without an id or a link, the title and date are what stays the same.
        title = entry.get("title") or None
        post_id = entry.get("id") or link or f"{source}#{title}@{date}"
        yield Post(
            id=post_id,
            source=source,
            location=link or post_id,
            date=date,
            modified=time.strftime("%Y-%m-%d", updated) if updated else None,
            title=title,
            link=link,
            version=dict.get(entry, "updated") or dict.get(entry, "published") or None,
            content=content,
        )


def _entry_content(entry: object) -> str | None:
    """The entry's full text: its content element, else a summary when there is no link to
    read the whole post from (a summary next to a link is a teaser)."""
    contents = entry.get("content") or []  # type: ignore[attr-defined]
    text = max((c.get("value", "") for c in contents), key=len, default="")
    if text.strip():
        return text
    summary = entry.get("summary", "")  # type: ignore[attr-defined]
    if summary.strip() and not entry.get("link"):  # type: ignore[attr-defined]
        return summary
    return None


def read_post(post: Post, options: ReadOptions) -> Article:
    """Read a post into an Article; a feed entry's title, link and date fill what its text
    lacks. RefusedAddressError when the post or its lead image is where the run's network
    policy forbids."""
    if post.error is not None:
        raise ArticleError(post.error)
    if post.content is not None:
        title = html.escape(post.title or "")
        page = (
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{post.content}</article></body></html>"
        )
        article = parse_document(page, kind="html", source=post.link or post.id, url=post.link)
    else:
        with network_scope(post.network):
            article = read_article(post.location, options)
    if article.image:
        _check_image(article.image, post)
    return replace(
        article,
        title=post.title or article.title,
        date=post.date or article.date or _modified_date(post),
        url=article.url or post.link,
    )


def _check_image(image: str, post: Post) -> None:
    """The lead image: a URL by the addresses its host has now (the download checks again
    the address it reaches), a local path by the post's folder."""
    if is_url(image):
        post.network.check_url(image)
    elif not is_url(post.location) and "://" not in image:
        folders = [post.folder] if post.folder else []
        check_local_image(image, Path(post.location), folders)


def _modified_date(post: Post) -> str | None:
    """A file's modification date: the date of a post whose text names none."""
    if is_url(post.location):
        return None
    try:
        modified = Path(post.location).stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(modified, UTC).date().isoformat()
