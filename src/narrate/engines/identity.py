"""What identifies an engine's audio: a digest of its model file, and the seed of each chunk.

A model file's digest is part of the engine's identity(), so upgrading a voice package never
reuses audio cached from the old model. Hashing tens of megabytes costs a tenth of a second,
so digests are remembered in the user's cache folder by path, size and modification time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from narrate.atomic import write_text_atomic
from narrate.errors import OutputError

DIGEST_CHARS = 16


def seed_for(*parts: str) -> int:
    """A 63-bit seed derived from text: stable across processes, machines and versions.
    The one seed of a chunk: hibari's generator takes it as it is, piper's graph a float
    made from its top bits (piper_seed.seed_for)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def file_digest(path: Path, memo_dir: Path | None = None) -> str:
    """The first DIGEST_CHARS hex digits of the SHA-256 of the file at `path`."""
    stat = path.stat()
    key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    memo = (memo_dir or _default_memo_dir()) / "model-digests.json"
    known = _read_memo(memo)
    if key in known:
        return known[key]
    sha = hashlib.sha256()
    with path.open("rb") as model:
        for block in iter(lambda: model.read(1 << 20), b""):
            sha.update(block)
    digest = sha.hexdigest()[:DIGEST_CHARS]
    known[key] = digest
    with contextlib.suppress(OSError, OutputError):  # a read-only cache: the hash again
        _write_memo(memo, known)
    return digest


def _default_memo_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("narrate", appauthor=False))


def _read_memo(memo: Path) -> dict[str, str]:
    try:
        data = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_memo(memo: Path, known: dict[str, str]) -> None:
    write_text_atomic(memo, json.dumps(known))
