"""A post past its reading-and-planning budget fails alone, in one line; the batch goes on."""

from pathlib import Path

from narrate.batching.run import BatchSettings, batch
from narrate.pipeline import NarrationSettings


def test_a_post_past_its_time_limit_fails_alone(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    for n in (1, 2):
        (posts / f"a-{n}.md").write_text(
            f"---\ntitle: Note {n}\nlang: en\n---\n\nThe ferry made trip {n}.\n", encoding="utf-8"
        )
    # A megabyte with no full stop: seconds of sentence splitting on any machine, stopped at
    # half a second; the short posts take a few milliseconds each (margin both ways).
    words = " ".join(f"harbor{i % 97}" for i in range(120_000))
    (posts / "z.md").write_text(f"---\ntitle: Wall\nlang: en\n---\n\n{words}\n", encoding="utf-8")
    narration = NarrationSettings(output_dir=tmp_path / "out", article_seconds=0.5)
    result = batch([str(posts)], BatchSettings(narration=narration, dry_run=True))
    assert [p.status for p in result.posts] == ["planned", "planned", "failed"]
    error = result.posts[2].error or ""
    assert error == (
        f"{posts / 'z.md'}: reading and planning took over 0.5 s (the article time limit); "
        "the page may be built to stall narrate"
    )
