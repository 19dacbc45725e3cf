"""Which offline voice should be the default: each narrates the bench articles, side by side.

For every offline voice (profiles whose engine is not remote) and every article in
bench/data/ (not the reference page the lexicon was tuned on), it prints:
- WER: an independent listener (Whisper tiny.en, offline) transcribes narrate's MP3; its
  words against the article's written sentences, both through Whisper's English normalizer
  ("$1.2 billion" and "1.2 billion dollars" are one), with jiwer;
- audio seconds per wall second: `narrate ARTICLE --voice V` as a whole process on all
  cores, with an empty cache folder;
- first chunk: a fresh process that loads the voice and speaks the article's first sentence
  (what a listener waits for before anything can play);
- DNSMOS P.808 (speechmos, weights in its wheel) on the first 60 s: a rough naturalness
  figure; it was trained on noise and degradation and separates clean voices only weakly.

Needs the test and bench extras: pip install -e '.[test,bench]'.
Usage: python bench/voices.py [--voices heart joe] [ARTICLE ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from listener import load_listener  # noqa: E402
from measure import ffmpeg, run_measured  # noqa: E402

BIN = Path(sys.executable).parent
ARTICLES = sorted((HERE / "data").glob("*.md"))


def offline_voices() -> list[str]:
    out = subprocess.run(
        [str(BIN / "narrate"), "voices", "--json"], capture_output=True, check=True, text=True
    ).stdout
    return [v["name"] for v in json.loads(out) if v.get("engine") != "gtts"]


def written_sentences(article: Path, voice: str) -> list[str]:
    out = subprocess.run(
        [str(BIN / "narrate"), "script", str(article), "--voice", voice],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [line for line in out.splitlines() if line.strip()]


def decode_16k(path: Path, seconds: float | None = None) -> np.ndarray:
    limit = ["-t", str(seconds)] if seconds else []
    command = [ffmpeg(), "-v", "error", "-i", str(path), *limit]
    command += ["-ac", "1", "-ar", "16000", "-f", "f32le", "-"]
    return np.frombuffer(subprocess.run(command, capture_output=True, check=True).stdout, "<f4")


def first_chunk_seconds(voice: str, sentence: str) -> float:
    code = (
        "from narrate.voices import get_voice\n"
        "from narrate.engines.registry import create_engine\n"
        f"create_engine(get_voice({voice!r})).synthesize({sentence!r})\n"
    )
    return run_measured([sys.executable, "-c", code]).wall


def dnsmos(audio16k: np.ndarray) -> float:
    from speechmos import dnsmos as model

    result = model.run(np.clip(audio16k, -1, 1), sr=16000)
    return float(result["p808_mos"])


def measure_voice(voice: str, articles: list[Path], listener, work: Path) -> dict[str, float]:
    import jiwer
    from whisper_normalizer.english import EnglishTextNormalizer

    standard = EnglishTextNormalizer()
    errors, speeds, firsts, moses = [], [], [], []
    for article in articles:
        out = work / f"{voice}-{article.stem}.mp3"
        env = {**os.environ, "XDG_CACHE_HOME": str(work / f"cache-{voice}-{article.stem}")}
        run = run_measured(
            [str(BIN / "narrate"), str(article), "--voice", voice, "-o", str(out)], env=env
        )
        audio = decode_16k(out)
        speeds.append(audio.size / 16000 / run.wall)
        segments, _ = listener.model.transcribe(audio, language="en", beam_size=1)
        heard = standard(" ".join(s.text for s in segments))
        sentences = written_sentences(article, voice)
        errors.append(jiwer.wer(standard(" ".join(sentences)), heard))
        firsts.append(first_chunk_seconds(voice, sentences[0]))
        moses.append(dnsmos(audio[: 60 * 16000]))
    return {
        "wer": statistics.mean(errors),
        "speed": statistics.mean(speeds),
        "first": statistics.median(firsts),
        "dnsmos": statistics.mean(moses),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, default=ARTICLES)
    parser.add_argument("--voices", nargs="*", default=None)
    args = parser.parse_args()
    voices = args.voices or offline_voices()
    listener = load_listener()
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in args.articles)
    print(
        f"{len(args.articles)} articles, about {words} words; every run a first run "
        f"(new empty user cache); {os.cpu_count()} cores"
    )
    print("| voice | listener's WER | audio s per wall s | first chunk | DNSMOS P.808 |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for voice in voices:
            row = measure_voice(voice, args.articles, listener, Path(folder))
            print(
                f"| {voice} | {row['wer']:.3f} | {row['speed']:.1f} | {row['first']:.2f} s "
                f"| {row['dnsmos']:.2f} |"
            )


if __name__ == "__main__":
    main()
