"""No forged requests from a batch: links in feeds and sitemaps, lead images and Markdown
`image:` paths are checked against the run's network policy. Local servers on 127.0.0.1 (the
host the user gives) and 127.0.0.2 (another host) only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_site import local_site

from narrate.batching.sources import discover, read_post
from narrate.documents.read import ReadOptions
from narrate.errors import ArticleError
from narrate.network_policy import RefusedAddressError

PAGE = b"""<!doctype html><html lang="en"><head><title>Budget talks</title>%s</head><body>
<article><h1>Budget talks</h1><p>The budget talks went late into the night. Nobody agreed
on the harbor fund, and the vote moved to Tuesday.</p></article></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ledger</title><link>{home}/</link><description>N</description>
<item><title>Budget talks</title><link>{link}</link></item>
</channel></rss>
"""

REFUSED = (
    r"refused: 127\.0\.0\.2 is a loopback address and not the host you gave; "
    r"pass --allow-private-network to allow it$"
)


@pytest.fixture(scope="module")
def other_host() -> Iterator[str]:
    with local_site({"/budget.html": PAGE % b""}, host="127.0.0.2") as base:
        yield base


@pytest.fixture(scope="module")
def home(other_host: str) -> Iterator[str]:
    routes: dict[str, object] = {"/budget.html": PAGE % b""}
    with local_site(routes) as base:  # type: ignore[arg-type]
        routes["/feed.xml"] = RSS.format(home=base, link=f"{other_host}/budget.html").encode()
        routes["/own-feed.xml"] = RSS.format(home=base, link=f"{base}/budget.html").encode()
        image = f'<meta property="og:image" content="{other_host}/lead.jpg">'.encode()
        routes["/with-image.html"] = PAGE % image
        routes["/image-feed.xml"] = RSS.format(home=base, link=f"{base}/with-image.html").encode()
        routes["/index.xml"] = SITEMAP_INDEX.format(base=base).encode()
        routes["/pages.xml"] = SITEMAP.format(base=base).encode()
        yield base


def test_feed_item_on_another_private_host_is_refused(home: str) -> None:
    (post,) = discover([f"{home}/feed.xml"])
    with pytest.raises(ArticleError, match=REFUSED):
        read_post(post, ReadOptions())


def test_feed_item_on_another_private_host_is_read_when_allowed(home: str) -> None:
    (post,) = discover([f"{home}/feed.xml"], allow_private_network=True)
    assert read_post(post, ReadOptions()).title == "Budget talks"


def test_feed_item_on_the_host_the_user_gave_is_read(home: str) -> None:
    (post,) = discover([f"{home}/own-feed.xml"])
    assert read_post(post, ReadOptions()).title == "Budget talks"


def test_lead_image_on_another_private_host_is_refused(home: str) -> None:
    (post,) = discover([f"{home}/image-feed.xml"])
    with pytest.raises(RefusedAddressError, match=REFUSED):
        read_post(post, ReadOptions())


SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/gone.xml</loc></sitemap>
  <sitemap><loc>not a url</loc></sitemap>
  <sitemap><loc>{base}/pages.xml</loc></sitemap>
</sitemapindex>
"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{base}/budget.html</loc></url>
</urlset>
"""


def test_a_bad_sitemap_of_an_index_fails_alone(home: str) -> None:
    gone, bad, budget = discover([f"{home}/index.xml"])
    assert budget.id == f"{home}/budget.html"
    assert read_post(budget, ReadOptions()).title == "Budget talks"
    with pytest.raises(ArticleError, match=r"/gone.xml: the server answered HTTP 404"):
        read_post(gone, ReadOptions())
    with pytest.raises(ArticleError, match=r"^not a url: not an http\(s\) address$"):
        read_post(bad, ReadOptions())


def write_post(folder: Path, image: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    post = folder / "post.md"
    post.write_text(f"---\ntitle: Ferry\nimage: {image}\n---\n\nThe ferry sails.\n", "utf-8")
    return post


def test_markdown_image_outside_the_post_folder_is_refused(tmp_path: Path) -> None:
    write_post(tmp_path / "posts", "../../secret.jpg")
    (post,) = discover([str(tmp_path / "posts")])
    with pytest.raises(
        RefusedAddressError, match=r"refused: image \.\./\.\./secret\.jpg is outside"
    ):
        read_post(post, ReadOptions())


def test_markdown_image_with_an_absolute_path_is_refused(tmp_path: Path) -> None:
    (post,) = discover([str(write_post(tmp_path, "/etc/hostname"))])
    with pytest.raises(RefusedAddressError, match="outside the article's folder"):
        read_post(post, ReadOptions())


def test_markdown_image_in_the_folder_the_user_gave_is_read(tmp_path: Path) -> None:
    write_post(tmp_path / "content" / "2025", "../images/ferry.jpg")
    (post,) = discover([str(tmp_path / "content")])
    assert read_post(post, ReadOptions()).image == "../images/ferry.jpg"


def test_markdown_image_url_on_a_private_host_is_refused(tmp_path: Path, other_host: str) -> None:
    (post,) = discover([str(write_post(tmp_path, f"{other_host}/lead.jpg"))])
    with pytest.raises(RefusedAddressError, match=REFUSED):
        read_post(post, ReadOptions())


def test_a_refused_post_fails_alone_in_a_batch(home: str, tmp_path: Path) -> None:
    from narrate.batching.run import BatchSettings, batch
    from narrate.pipeline import NarrationSettings

    settings = BatchSettings(NarrationSettings(output_dir=tmp_path / "out"), dry_run=True)
    result = batch([f"{home}/feed.xml", f"{home}/own-feed.xml"], settings)
    statuses = {post.id: (post.status, post.error) for post in result.posts}
    assert statuses[f"{home}/budget.html"][0] == "planned"
    status, error = next(v for k, v in statuses.items() if "127.0.0.2" in k)
    assert status == "failed"
    assert error is not None and "\n" not in error
    assert error.endswith(
        "is a loopback address and not the host you gave; pass --allow-private-network to allow it"
    )


def test_lead_image_fetch_follows_the_scope_it_runs_in(home: str, other_host: str) -> None:
    # What narrate_article and a batch do around prepare_outputs: the download itself checks
    # the address it reaches, whatever the name said when the post was read.
    from narrate.documents.article import Article
    from narrate.network_policy import NetworkPolicy, network_scope
    from narrate.outputs import prepare_extras

    article = Article("Ferry", (), image=f"{other_host}/lead.jpg", source=f"{home}/page")
    warnings: list[str] = []
    with network_scope(NetworkPolicy.for_sources([f"{home}/feed.xml"])):
        extras = prepare_extras(article, suffix="mp3", warn=warnings.append)
    assert extras.cover is None
    assert len(warnings) == 1
    assert "refused: 127.0.0.2 is a loopback address" in warnings[0]
