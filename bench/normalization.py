"""Benchmark: time `narrate.text.normalize` on realistic news copy.

Prints milliseconds per 1,000 words and words per second. Piper speaks about 1,000 words in
~20 s on the reference machine, so normalization should stay well under 50 ms per 1,000 words
(under a quarter of one percent of synthesis).

    .venv/bin/python bench/normalization.py
"""

from __future__ import annotations

import statistics
import time

import pysbd

from narrate.text.normalize import english, normalize

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


def sentences(text: str) -> list[str]:
    """The article's sentences: the pipeline normalizes one sentence at a time."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for line in text.splitlines() for s in segmenter.segment(line) if s.strip()]


def main() -> None:
    """Print the normalization time per 1,000 words and the words per second."""
    started = time.perf_counter()
    english()  # the first call reads rules/en.toml and compiles its patterns
    load_ms = (time.perf_counter() - started) * 1000

    pieces = sentences(ARTICLE)
    words = len(ARTICLE.split())
    rounds = []
    for _ in range(30):
        started = time.perf_counter()
        for sentence in pieces:
            normalize(sentence)
        rounds.append(time.perf_counter() - started)
    per_article = statistics.median(rounds)
    per_thousand_ms = per_article / words * 1000 * 1000

    print(f"text: {words} words in {len(pieces)} sentences")
    print(f"first call (read rules/en.toml, compile patterns): {load_ms:.1f} ms")
    print(f"normalization: {per_thousand_ms:.1f} ms per 1,000 words (median of {len(rounds)})")
    print(f"throughput: {words / per_article:,.0f} words/second")
    print(f"share of synthesis at ~20 s per 1,000 words: {per_thousand_ms / 20_000:.3%}")


if __name__ == "__main__":
    main()
