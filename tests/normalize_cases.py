"""The normalization case tables (tests/data/normalize/*.tsv), read by the tests and by
bench/normalization.py: a `# class` line names the class of the cases after it, `##` lines
are comments, each case is `written<TAB>spoken`, and "=" as spoken means unchanged."""

from __future__ import annotations

from pathlib import Path

CASE_DIR = Path(__file__).resolve().parent / "data" / "normalize"

Case = tuple[str, str, str]  # class, written, spoken


def read_cases(path: Path) -> list[Case]:
    """(class, written, spoken) from a case table."""
    cases, kind = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("##") or not line.strip():
            continue
        if line.startswith("# "):
            kind = line[2:].strip()
            continue
        written, spoken = line.split("\t")
        cases.append((kind, written, written if spoken == "=" else spoken))
    return cases
