"""Finding posts: folders and globs, RSS/Atom feeds and sitemaps (files, and URLs served by
a local HTTP server), and reading each into an Article. No synthesis here."""

from pathlib import Path

import pytest
from range_server import serve

from narrate.batching.changes import article_hash
from narrate.batching.sources import discover, read_post
from narrate.documents.read import ReadOptions
from narrate.errors import UsageError

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbor Ledger</title><link>{base}</link><description>News</description>
<item>
  <title>Ferry approved &amp; funded</title><link>{base}ferry.html</link>
  <guid>tag:ledger,2025:ferry</guid><pubDate>Fri, 14 Mar 2025 09:00:00 +0000</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>The council approved the ferry. It sails in May.</p>]]>
  </content:encoded>
</item>
<item>
  <title>Budget talks</title><link>{base}budget.html</link>
  <pubDate>Thu, 13 Mar 2025 09:00:00 +0000</pubDate>
  <description>Teaser only: the post is read from its page.</description>
</item>
</channel></rss>
"""

PAGE = """<!doctype html><html lang="en"><head><title>Budget talks</title></head><body>
<article><h1>Budget talks</h1><p>The budget talks went late into the night. Nobody
agreed on the harbor fund, and the vote moved to Tuesday.</p></article></body></html>"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{base}budget.html</loc><lastmod>2025-03-13T10:00:00Z</lastmod></url>
  <url><loc>{base}missing.html</loc></url>
</urlset>
"""


def test_a_folder_is_searched_recursively_for_posts(tmp_path):
    (tmp_path / "2025" / "03").mkdir(parents=True)
    (tmp_path / "2025" / "03" / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Plain text post.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "c.md").write_text("# C\n\nDraft.\n", encoding="utf-8")
    names = [Path(p.id).name for p in discover([str(tmp_path)])]
    assert names == ["a.md", "b.html", "notes.txt"]


def test_a_glob_picks_files_and_a_post_is_listed_once(tmp_path):
    for name in ("a.md", "b.md", "c.txt"):
        (tmp_path / name).write_text("# T\n\nText.\n", encoding="utf-8")
    posts = discover([str(tmp_path / "*.md"), str(tmp_path / "a.md")])
    assert [Path(p.id).name for p in posts] == ["a.md", "b.md"]


def test_a_missing_source_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file, folder or URL"):
        discover([str(tmp_path / "nowhere")])


def test_a_feed_url_gives_its_entries_with_content_or_a_page_to_read(tmp_path):
    with serve(tmp_path) as base:
        (tmp_path / "feed.xml").write_text(RSS.format(base=base), encoding="utf-8")
        (tmp_path / "budget.html").write_text(PAGE, encoding="utf-8")
        ferry, budget = discover([f"{base}feed.xml"])
        assert ferry.id == "tag:ledger,2025:ferry" and ferry.date == "2025-03-14"
        assert ferry.content is not None and budget.content is None
        article = read_post(ferry, ReadOptions())
        assert article.title == "Ferry approved & funded"
        assert article.date == "2025-03-14" and article.url == f"{base}ferry.html"
        assert [b.text for b in article.blocks] == [
            "The council approved the ferry. It sails in May."
        ]
        page_article = read_post(budget, ReadOptions())
        assert "harbor fund" in page_article.blocks[0].text


def test_a_feed_file_is_read_like_a_feed_url(tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(RSS.format(base="https://ledger.example/"), encoding="utf-8")
    posts = discover([str(feed)])
    assert [p.title for p in posts] == ["Ferry approved & funded", "Budget talks"]
    assert posts[1].location == "https://ledger.example/budget.html"


def test_a_sitemap_lists_its_pages_with_their_lastmod(tmp_path):
    with serve(tmp_path) as base:
        (tmp_path / "sitemap.xml").write_text(SITEMAP.format(base=base), encoding="utf-8")
        (tmp_path / "budget.html").write_text(PAGE, encoding="utf-8")
        budget, missing = discover([f"{base}sitemap.xml"])
        assert budget.id == f"{base}budget.html" and budget.modified == "2025-03-13"
        assert budget.version == "2025-03-13T10:00:00Z" and missing.version is None
        assert read_post(budget, ReadOptions()).title == "Budget talks"


def test_the_hash_follows_the_words_not_the_markup(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    first.write_text(PAGE, encoding="utf-8")
    second.write_text(PAGE.replace("<article>", '<article data-token="x91">'), encoding="utf-8")
    posts = discover([str(first), str(second)])
    one, two = (read_post(p, ReadOptions()) for p in posts)
    assert article_hash(one) == article_hash(two)
    edited = second.read_text(encoding="utf-8").replace("Tuesday", "Wednesday")
    second.write_text(edited, encoding="utf-8")
    assert article_hash(read_post(posts[1], ReadOptions())) != article_hash(one)


def test_a_files_version_is_its_bytes_so_an_unchanged_file_needs_no_parsing(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("# Title\n\nBody.\n", encoding="utf-8")
    first = discover([str(post)])[0].version
    assert first and first == discover([str(post)])[0].version
    post.write_text("# Title\n\nBody, edited.\n", encoding="utf-8")
    assert discover([str(post)])[0].version != first


def test_a_web_posts_image_path_becomes_an_address_on_its_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not for the web")
    (site / "post.md").write_text(
        f"---\ntitle: Ferry\nimage: {secret}\n---\n\nThe ferry runs again.\n", encoding="utf-8"
    )
    with serve(site) as base:
        (post,) = discover([f"{base}post.md"])
        article = read_post(post, ReadOptions())
    assert article.image == f"{base.rstrip('/')}{secret}"
