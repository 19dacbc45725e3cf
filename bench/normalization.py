"""Benchmark: how much of narrate's normalization case set comes out right, and how fast.

Prints the pass rate per class of the case tables in tests/data/normalize/ (en.tsv, then the
other languages), the same figures for NVIDIA NeMo's normalizer when `nemo_text_processing` is
installed (it is an anchor, never a dependency: "not installed" otherwise), and milliseconds per
1,000 words on a news article. Piper speaks about 1,000 words in ~20 s on the reference
machine, so normalization should stay well under 50 ms per 1,000 words.

    .venv/bin/python bench/normalization.py [--failures]
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pysbd

from narrate.text.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from normalize_cases import Case, read_cases

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "normalize"

ARTICLE = """\
KYIV, Ukraine (AP) — Russia launched 94 drones and 3 ballistic missiles at Ukraine overnight on \
Oct. 30, the Air Force said, as temperatures fell to -5°C in Kharkiv. Air defenses shot down 62 \
drones over 14 regions, and 29 more were "lost" to electronic warfare, according to the report \
published at 9:30 a.m. local time.
President Volodymyr Zelensky said the U.S. had pledged $1.5 billion in new aid, while the EU \
approved €20 million for energy repairs. "We need at least 25 Patriot systems to protect our \
cities," he told reporters in Kyiv on Wednesday. "Every day without them costs lives."
Gen. Oleksandr Syrskyi, Ukraine's commander-in-chief, said Russian forces had taken about 2,400 \
km² since Jan. 1, 2024, and were advancing at a rate of 15-20 km a week near Pokrovsk. The 3rd \
Assault Brigade and the 47th Mechanized Brigade have held the line since the summer.
The IAEA's Rafael Grossi visited the Zaporizhzhia nuclear plant on Sept. 25, 2024, his 5th trip \
since the full-scale invasion began in February 2022. The plant's six reactors, with a combined \
capacity of 5,700 MW, have been in cold shutdown for more than 2 years.
Inflation rose to 9.7% in October from 8.6% in September, the National Bank of Ukraine said, \
driven by food prices that climbed 12.3 percent year on year. A loaf of bread now costs ₴35, \
and a liter of milk ₴48.50. The bank kept its key rate at 13% and forecast growth of 3.5-4% in \
2025.
Sen. Chuck Schumer, D-N.Y., said the Senate would vote on the package by Nov. 5, a day before \
the 2024 election results are certified in some states. Rep. Mike Johnson, R-La., said the \
House "may consider it" in December. The vote in the Senate Foreign Relations Committee was 15-6.
In Washington, the FBI and the CIA briefed lawmakers on Russian interference, while NATO allies \
met in Brussels for the 75th anniversary summit. NATO Secretary General Mark Rutte said the \
alliance's 32 members spent 2.7% of GDP on defense on average, up from 1.8% in the 2010s.
Pope Leo XIV called for a ceasefire in a message read at St. Peter's Square, recalling the \
suffering of World War II. King Charles III said in London that the U.K. "stands with Ukraine."
Ukraine has received F-16 fighter jets from Denmark and the Netherlands, and a Su-34 bomber was \
shot down over Donetsk Oblast on Tuesday, the General Staff said. The MiG-29 squadrons of the \
Air Force flew 1,200 sorties in the 3rd quarter.
Residents can call the hotline at 555-123-4567 24/7, or write to press@example.org. Updates \
are posted at https://kyivindependent.com/news and on the ministry's website, mod.gov.ua.
The United Nations says at least 11,973 civilians have been killed since 2022, including 622 \
children, though the real number is likely higher. Some 6.7 million Ukrainians live abroad as \
refugees, and 3.7 million are displaced inside the country, according to UNHCR.
"""


def pass_rates(
    cases: list[Case], speak: Callable[[str], str]
) -> tuple[dict[str, tuple[int, int]], list[tuple[str, str, str]]]:
    """Passed and total per class, and the failures (written, expected, got)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    for kind, written, spoken in cases:
        got = speak(written)
        counts[kind][1] += 1
        if got == spoken:
            counts[kind][0] += 1
        else:
            failures.append((written, spoken, got))
    return {k: (p, n) for k, (p, n) in counts.items()}, failures


def print_table(title: str, rates: dict[str, tuple[int, int]]) -> None:
    """One line per class, then the total."""
    print(title)
    width = max(len(k) for k in rates) + 2
    for kind, (passed, total) in rates.items():
        print(f"  {kind:<{width}} {passed:>3}/{total:<3} {passed / total:7.1%}")
    passed, total = sum(p for p, _ in rates.values()), sum(n for _, n in rates.values())
    print(f"  {'all':<{width}} {passed:>3}/{total:<3} {passed / total:7.1%}")


def nemo_speaker() -> Callable[[str], str] | None:
    """NeMo's English normalizer when installed (it compiles grammars on first use), else None."""
    if importlib.util.find_spec("nemo_text_processing") is None:
        return None
    from nemo_text_processing.text_normalization.normalize import Normalizer

    normalizer = Normalizer(input_case="cased", lang="en")
    return lambda text: normalizer.normalize(text, punct_post_process=True)


def sentences(text: str) -> list[str]:
    """The article's sentences: the pipeline normalizes one sentence at a time."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for line in text.splitlines() for s in segmenter.segment(line) if s.strip()]


def first_call_ms() -> float:
    """The first call's time: it reads rules/en.toml and compiles the patterns."""
    started = time.perf_counter()
    normalize("Warm up: 1 km on Oct. 30.")
    return (time.perf_counter() - started) * 1000


def speed(load_ms: float) -> None:
    """Print the normalization time per 1,000 words of ARTICLE."""
    pieces = sentences(ARTICLE)
    words = len(ARTICLE.split())
    rounds = []
    for _ in range(30):
        started = time.perf_counter()
        for sentence in pieces:
            normalize(sentence)
        rounds.append(time.perf_counter() - started)
    per_thousand_ms = statistics.median(rounds) / words * 1000 * 1000
    print(f"speed: {words} words in {len(pieces)} sentences; first call {load_ms:.1f} ms")
    print(f"  narrate: {per_thousand_ms:.1f} ms per 1,000 words (median of {len(rounds)})")


def main() -> None:
    """Print pass rates per class (narrate, then NeMo where installed) and the speed."""
    show_failures = "--failures" in sys.argv
    load_ms = first_call_ms()
    english = read_cases(CASES / "en.tsv")
    rates, failures = pass_rates(english, normalize)
    print_table(f"narrate, {CASES / 'en.tsv'} ({len(english)} cases)", rates)
    for written, expected, got in failures if show_failures else []:
        print(f"    FAIL {written!r}\n      want {expected!r}\n      got  {got!r}")
    for path in sorted(CASES.glob("*.tsv")):
        if path.stem == "en":
            continue
        cases = read_cases(path)
        rates, failures = pass_rates(cases, lambda text, lang=path.stem: normalize(text, lang))
        passed = sum(p for p, _ in rates.values())
        print(f"narrate, {path.name}: {passed}/{len(cases)} {passed / len(cases):.1%}")
        for written, expected, got in failures if show_failures else []:
            print(f"    FAIL {written!r}\n      want {expected!r}\n      got  {got!r}")
    nemo = nemo_speaker()
    if nemo is None:
        print("NeMo (nemo_text_processing): not installed; skipped")
    else:
        print_table("NeMo, en.tsv", pass_rates(english, nemo)[0])
    speed(load_ms)


if __name__ == "__main__":
    main()
