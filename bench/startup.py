"""A fast start: light commands as whole processes, the way a user or a cron job meets them.

Prints the median wall time of `narrate --help`, `narrate voices`, `narrate script` on the
bench article, and an unchanged `narrate batch` of 20 posts (its first run, which narrates
them, is not timed), each as a fresh process, first run and warm side by side: first run
with a new empty user cache folder (XDG_CACHE_HOME) for every run, as a new user, container
or CI job meets narrate; warm with a folder an earlier run of the same command filled.
Runs of the two kinds alternate. Targets (first run): --help within 0.25 s, voices within
0.3 s, script within 0.5 s, the unchanged batch within 1.0 s.
Usage: python bench/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from batch import write_posts  # noqa: E402
from measure import run_measured, user_cache_env  # noqa: E402

NARRATE = str(Path(sys.executable).parent / "narrate")
TARGETS = {"--help": 0.25, "voices": 0.3, "script": 0.5, "unchanged batch of 20": 1.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_posts(work / "posts", 20)
        batch = [NARRATE, "batch", str(work / "posts"), "-o", str(work / "out")]
        # Narrates the 20 posts: not timed. The batch's state is in its output folder.
        run_measured(batch, env=user_cache_env(work / "first-batch-cache"), cwd=work)
        commands = {
            "--help": [NARRATE, "--help"],
            "voices": [NARRATE, "voices"],
            "script": [NARRATE, "script", str(HERE / "data" / "city-budget-1000.md")],
            "unchanged batch of 20": batch,
        }
        print(f"medians of {args.repeat} whole-process runs of each kind, alternated")
        print("| command | first run (new empty user cache) | warm | target (first run) |")
        print("|---|---|---|---|")
        for label, command in commands.items():
            name = label.strip("-").split()[0]
            warm_cache = work / f"warm-{name}"
            run_measured(command, env=user_cache_env(warm_cache), cwd=work)  # fills it
            first, warm = [], []
            for attempt in range(args.repeat):
                new = user_cache_env(work / f"new-{name}-{attempt}")
                first.append(run_measured(command, env=new, cwd=work).wall)
                warm.append(run_measured(command, env=user_cache_env(warm_cache), cwd=work).wall)
            print(
                f"| narrate {label} | {statistics.median(first):.2f} s "
                f"| {statistics.median(warm):.2f} s | {TARGETS[label]} s |"
            )


if __name__ == "__main__":
    main()
