"""Text from someone else's page, made safe for where narrate writes it: XML and terminals.

A post's title or heading may hold any character, control characters included (`# Ok\\x01go`,
`&#1;` in HTML, an escape sequence that sets a terminal's title). XML 1.0 forbids most of
them (lxml refuses the whole document), and a terminal obeys them.
"""

from __future__ import annotations

import re

# What XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF),
# and the controls it allows but no reader wants to see in a title (DEL and C1).
_NOT_FOR_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
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


def for_xml(text: str) -> str:
    """`text` without the characters XML cannot hold or a feed reader should not show."""
    return _NOT_FOR_XML.sub("", text)


def for_terminal(text: str) -> str:
    """`text` without escape sequences or control characters (tabs and line breaks stay),
    so that printing it cannot move the cursor, recolour or retitle the terminal."""
    return _NOT_FOR_TERMINAL.sub("", _TERMINAL_SEQUENCE.sub("", text))
