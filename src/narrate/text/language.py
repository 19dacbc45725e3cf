"""Which language an article is in, and whether a voice can speak it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from array import array
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

from narrate.documents.article import Article

# Fewer words than this give langid too little to go on: trust the voice instead.
MIN_WORDS_TO_DETECT = 12
# Blocks of the article its language is detected from.
BLOCKS_TO_DETECT = 20


def primary(tag: str) -> str:
    """The primary subtag of a BCP 47 language tag: "en-US" -> "en"."""
    return tag.replace("_", "-").split("-")[0].lower()


class LanguageDetector:
    """The language of articles that do not declare one, by py3langid.

    Its model takes 0.7 s to load and holds 75 MB: it loads on first use and lives as long as
    this detector, so a narration lets it go when done and a batch loads it once for all its
    posts (py3langid's own classify() would keep it for the life of the process). Most of the
    0.7 s is unpacking its LZMA archive: the unpacked arrays are kept in the cache folder,
    which later runs load in a tenth of the time.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir  # for the unpacked model (default: the user cache)
        self._identifier: Any = None

    def language(self, article: Article) -> str | None:
        """The article's declared language's primary subtag, else the detected one; None
        when it declares none and has too few words to tell."""
        if article.language:
            return primary(article.language)
        text = " ".join([article.title, *(b.text for b in article.blocks[:BLOCKS_TO_DETECT])])
        if len(text.split()) < MIN_WORDS_TO_DETECT:
            return None
        if self._identifier is None:
            self._identifier = _load_identifier(self.cache_dir)
        detected, _score = self._identifier.classify(text)
        return str(detected)

    def declared(self, article: Article) -> Article:
        """`article`, with the detected language as its own when it declares none."""
        found = None if article.language else self.language(article)
        return replace(article, language=found) if found else article


def article_language(
    article: Article, fallback: str, detector: LanguageDetector | None = None
) -> str:
    """The article's declared language, else the detected one, else `fallback`."""
    found = (detector or LanguageDetector()).language(article)
    return found or primary(fallback)


# The arrays of py3langid's model, as modelio.load_model gives them, by name.
_MODEL_PARTS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _load_identifier(cache_dir: Path | None) -> Any:
    """py3langid's identifier, from the unpacked copy of its model in the cache folder when
    there is one (made now when there is not; a folder that takes no file costs only time)."""
    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    folder = cache_dir or _user_cache()
    unpacked = folder / f"langid-model-{metadata.version('py3langid')}.npz"
    try:
        with np.load(unpacked, allow_pickle=False) as data:
            ptc, pc, nextmove, row = (data[k] for k in ("ptc", "pc", "nextmove", "row"))
            classes, output = data["classes"].tolist(), data["output"].tolist()
            kinds = data["kinds"].tolist()
        nextmove = array(kinds[0], nextmove.tobytes())
        row = array(kinds[1], row.tobytes())
    except (OSError, ValueError, KeyError, IndexError):
        ptc, pc, classes, nextmove, row, output = modelio.load_model(MODEL_DIR / MODEL_FILE)
        with contextlib.suppress(OSError):
            _keep(unpacked, ptc, pc, classes, nextmove, row, output)
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, tk_row=row)


def _keep(
    path: Path, ptc: Any, pc: Any, classes: Any, nextmove: array, row: array, output: Any
) -> None:
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".langid-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(
                out, ptc=ptc, pc=pc, classes=np.array(classes), output=np.array(output),
                nextmove=np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
                row=np.frombuffer(row, dtype=f"u{row.itemsize}"),
                kinds=np.array([nextmove.typecode, row.typecode]),
            )  # fmt: skip
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _user_cache() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("narrate", appauthor=False))
