"""Text from someone else's post, made fit for XML (the podcast feed).

A post's title may hold any character, control characters included (`# Ok\\x01go`, `&#1;` in
HTML): XML 1.0 forbids most of them, and lxml refuses the whole document for one.
"""

from __future__ import annotations

import re

# What XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF),
# and the controls it allows but no reader wants to see in a title (DEL and C1).
_NOT_FOR_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def for_xml(text: str) -> str:
    """`text` without the characters XML cannot hold or a feed reader should not show."""
    return _NOT_FOR_XML.sub("", text)
