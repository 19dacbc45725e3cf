"""A fast start: light commands as whole processes, the way a user or a cron job meets them.

Prints the median wall time of `narrate --help`, `narrate voices`, `narrate script` on the
bench article, and an unchanged `narrate batch` of 20 posts (its first run, which narrates
them, is not timed), each as a fresh process. Targets: --help and voices within 0.3 s,
script within 0.8 s, the unchanged batch within 1.0 s.
Usage: python bench/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from batch import write_posts  # noqa: E402
from measure import run_measured  # noqa: E402

NARRATE = str(Path(sys.executable).parent / "narrate")
TARGETS = {"--help": 0.3, "voices": 0.3, "script": 0.8, "unchanged batch of 20": 1.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        write_posts(work / "posts", 20)
        batch = [NARRATE, "batch", str(work / "posts"), "-o", str(work / "out")]
        run_measured(batch, env=env, cwd=work)  # narrates the 20 posts: not timed
        commands = {
            "--help": [NARRATE, "--help"],
            "voices": [NARRATE, "voices"],
            "script": [NARRATE, "script", str(HERE / "data" / "city-budget-1000.md")],
            "unchanged batch of 20": batch,
        }
        print(f"medians of {args.repeat} whole-process runs")
        print("| command | wall | target |")
        print("|---|---|---|")
        for label, command in commands.items():
            walls = [run_measured(command, env=env, cwd=work).wall for _ in range(args.repeat)]
            print(f"| narrate {label} | {statistics.median(walls):.2f} s | {TARGETS[label]} s |")


if __name__ == "__main__":
    main()
