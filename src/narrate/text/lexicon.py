"""Pronunciation lexicon: word -> respelling pairs applied to spoken text after normalization.

A key in lower case matches the word in any case ("kyiv" matches "Kyiv" and "KYIV"); a key
with a capital matches that exact spelling only ("US" leaves "us" alone). Keys match whole
words only, may span several words ("Volodymyr Zelensky"), and keep a possessive or hyphen
that follows ("Kyiv's" -> "Keev's"). Where keys overlap, the longest wins.

A value between slashes is phonemes in the voice's own alphabet (`Kyiv = "/kˈiv/"` for a
hibari voice), for where a respelling is not enough: the word becomes the inline markup
`[Kyiv](/kˈiv/)` (misaki's form), which each engine turns into its own (piper's `[[ ]]`) or
reads as the plain word (see engines/markup.py).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from narrate.errors import ConfigError


def _key_pattern(key: str) -> str:
    # Words of a multi-word key may be split by any run of spaces, as after line wrapping.
    return r"\s+".join(re.escape(word) for word in key.split())


@dataclass(frozen=True)
class Lexicon:
    """Word -> respelling pairs applied to spoken text, whole words only."""

    entries: tuple[tuple[str, str], ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _exact: Mapping[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _any_case: Mapping[str, str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        entries = tuple((str(k), str(v)) for k, v in self.entries)
        object.__setattr__(self, "entries", entries)
        keys = [k for k, _ in entries if k.split()]
        if not keys:
            return
        # Longest first, so that at any position the longest key wins; at equal length an
        # exact-case key comes before a lower-case (any-case) one.
        keys.sort(key=lambda k: (-len(k), k.islower()))
        alternatives = (f"(?i:{_key_pattern(k)})" if k.islower() else _key_pattern(k) for k in keys)
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
        object.__setattr__(self, "_pattern", pattern)
        spaced = [(" ".join(k.split()), v) for k, v in entries if k.split()]
        exact = {k: v for k, v in spaced if not k.islower()}
        any_case = {k: v for k, v in spaced if k.islower()}
        object.__setattr__(self, "_exact", MappingProxyType(exact))
        object.__setattr__(self, "_any_case", MappingProxyType(any_case))

    def __reduce__(self) -> tuple[type[Lexicon], tuple[tuple[tuple[str, str], ...]]]:
        # Rebuilt from its entries: the compiled pattern and lookup views are derived state,
        # and a voice (with its lexicon) is pickled to every worker process.
        return (Lexicon, (self.entries,))

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str]) -> Lexicon:
        """A lexicon from a `{word: respelling}` mapping (as read from a TOML table)."""
        return cls(tuple((str(k), str(v)) for k, v in mapping.items()))

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with `other`'s entries added; `other` wins on the same word."""
        words = dict(self.entries)
        words.update(dict(other.entries))
        return Lexicon(tuple(words.items()))

    def apply(self, text: str) -> str:
        """`text` with every listed word replaced by its respelling."""
        if self._pattern is None:
            return text

        def respell(m: re.Match[str]) -> str:
            written = " ".join(m[0].split())
            respelling = self._exact.get(written)
            if respelling is None:
                respelling = self._any_case.get(written.lower())
            if respelling is None:  # a case-insensitive match whose lower() differs ("İ")
                return m[0]
            if is_phonemes(respelling):
                return f"[{written}]({respelling})"
            if written in self._exact:
                return respelling
            # Keep a capital at the start of a sentence or name: "Kyiv" -> "Keev", not "keev".
            if written[:1].isupper() and respelling[:1].islower():
                return respelling[:1].upper() + respelling[1:]
            return respelling

        return self._pattern.sub(respell, text)


def is_phonemes(respelling: str) -> bool:
    """True for a lexicon value that gives phonemes (`/kˈiv/`), not a respelling."""
    return len(respelling) > 2 and respelling.startswith("/") and respelling.endswith("/")


def load_lexicon_file(path: Path | str) -> Lexicon:
    """Read a lexicon from a TOML file: a `[lexicon]` table, or string pairs at the top level.

    Raises ConfigError (one line) when the file cannot be read, is not valid TOML, or maps a
    word to something other than a string.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"lexicon file {path}: cannot read it ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"lexicon file {path}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"lexicon file {path}: not valid TOML ({exc})") from exc
    table = data.get("lexicon", data)
    if not isinstance(table, dict):
        raise ConfigError(f"lexicon file {path}: 'lexicon' must be a table of word = respelling")
    for word, respelling in table.items():
        if not isinstance(respelling, str):
            raise ConfigError(
                f"lexicon file {path}: {word!r} must map to a string, "
                f"not {type(respelling).__name__}"
            )
        if not word.strip() or not respelling.strip():
            raise ConfigError(f"lexicon file {path}: {word!r} has an empty word or respelling")
    return Lexicon.from_mapping(table)
