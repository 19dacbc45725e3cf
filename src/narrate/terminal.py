"""Text from someone else's article, made safe to print on a terminal.

A heading may hold an escape sequence (ESC `]0;...` BEL sets the terminal's title; CSI
sequences move the cursor, clear the screen, recolour), and a terminal obeys whatever it is
sent: `narrate script` prints an article's text through `for_terminal`.
"""

from __future__ import annotations

import re

# Escape sequences a terminal acts on: CSI (ESC [ ... final byte), OSC and the other string
# commands (ESC ] ... BEL or ESC \\), two-character escapes; then any control left over.
_TERMINAL_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_NOT_FOR_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(text: str) -> str:
    """`text` without escape sequences or control characters (tabs and line breaks stay),
    so that printing it cannot move the cursor, recolour or retitle the terminal."""
    return _NOT_FOR_TERMINAL.sub("", _TERMINAL_SEQUENCE.sub("", text))
