"""The README stays true: its commands are the ones CI runs, and it documents every command
and option the CLI has (as sqlite-utils checks its docs)."""

import re
from pathlib import Path

import pytest
import typer.main

from narrate.cli import app

REPO = Path(__file__).resolve().parents[1]

README = (REPO / "README.md").read_text(encoding="utf-8")
SHELL_BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_the_two_commands():
    setup_and_run, tests = SHELL_BLOCKS[0].strip(), SHELL_BLOCKS[1].strip()
    assert "narrate examples/" in setup_and_run
    example = setup_and_run.split("narrate ")[-1].strip()
    assert (REPO / example).is_file()
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_lines[-1] == SHELL_BLOCKS[1].strip()


def commands():
    return typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_is_documented(name):
    assert f"`narrate {name}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, opt)
        for name, command in sorted(commands().items())
        for param in command.params
        if param.param_type_name == "option"
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ],
)
def test_every_option_is_documented(command, option):
    assert f"`{option}" in README or f" {option}" in README, f"{command} {option}"
