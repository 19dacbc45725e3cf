"""Recognize what a site says to its reader rather than the story: prompts and labels.

A prompt is a paragraph that opens with a call to action or a notice about the page itself:
subscribe for the full story, sign up, follow us, download our app, write to the editor,
advertise with us, this post contains affiliate links, this article is our copyright, this
site uses cookies. Only the
first sentence is matched, so that a box of two or three lines goes with its lead; a paragraph
that merely mentions subscribing somewhere later is never touched. A label line is page
metadata with its value: "Category : Press Releases", "Release Date:".

Measured on ../shared/realpages (bench/realpages.py --ablate, rules "prompts" and "labels").
"""

from __future__ import annotations

import re

# Latin look-alikes from Cyrillic that spam boxes write in ("Аdvеrtіѕе"), folded to match.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсухіјѕԁ", "ABEKMHOPCTXaeopcyxijsd")
_FIRST_SENTENCE = re.compile(r"^.+?(?:[.!?](?=\s+[\"“A-Z0-9(])|$)")
_PROMPT = re.compile(
    r"(?:"
    # paywalls: "Subscribe now to our eNATION edition for the full story."
    r"(?:please )?subscribe\b.{0,80}\b(?:full|whole|rest of the) (?:story|article)\b.*"
    r"|to (?:view|read|see|access|continue reading) (?:the |this )?(?:full |whole |rest of the )?"
    r"(?:story|article)\b.{0,20}\b(?:subscribe|log ?in|sign ?in|register)\b.*"
    r"|if you'?re (?:seeing this message|already a (?:subscriber|member))\b.*"
    r"|(?:first-time |new )?subscribers (?:also )?(?:receive|get|enjoy)\b.*"
    r"|already (?:a subscriber|have an account)\b.*"
    # sign-up and follow boxes
    r"|(?:never miss|don'?t miss|stay (?:up to date|informed|in the loop))\b.{0,60}"
    r"\b(?:sign(?:ing)? up|subscrib\w+|newsletter|follow\w*)\b.*"
    r"|(?:do you want|would you like) to (?:be informed|stay informed|hear|receive|know)\b.*"
    r"|sign up (?:here|now|today|for free)\b.*"
    r"|follow (?:us|[a-z ]{1,30}) on (?:twitter|x|facebook|instagram|linkedin|telegram|youtube"
    r"|tiktok|whatsapp|bluesky|threads)\b.*"
    r"|(?:for (?:the latest|more)\b.{0,60}\b)?download (?:the|our) .{0,40}\bapps?\b.*"
    # letters, tips and ads
    r"|we (?:want|would love|'d love) to hear (?:from you|what you think)\b.*"
    r"|submit (?:your|a) letter\b.*|send us (?:a message|your (?:tips?|letters?|news))\b.*"
    r"|advertise with\b.*|(?:have|got) a (?:news )?tip\b.{0,40}\b(?:contact|email|send)\b.*"
    # notices about the page: affiliate links, copyright, reprints
    r"|this (?:post|article|page|story) (?:contains|may contain|includes) (?:references to "
    r"products|affiliate|sponsored|paid)\b.*"
    r"|this (?:article|story|content|material) is the (?:copyright(?:ed)?|exclusive) property\b.*"
    r"|(?:written )?permission (?:must|has to) be obtained\b.*"
    r"|(?:©|\(c\)|copyright (?:©|\(c\)|\d{4})).{0,80}"
    # donation boxes and affiliate disclosures
    r"|we need your (?:help|support)\W*|help us (?:continue|keep)\b.*"
    r"|we (?:independently )?(?:recommend|research|review|test|select)\b.{0,80}"
    r"\b(?:advertisers?|compensation|commissions?|affiliate)\b.*"
    r"|we may (?:receive|earn) (?:compensation|an? (?:small )?(?:affiliate )?commission)\b.*"
    # cookie notices: "Our site uses cookies and other technologies so that we ..."
    r"|(?:this|our) (?:web ?)?site (?:uses|may use) cookies\b.*"
    r"|we(?: and our partners)? use cookies\b.*"
    r"|by (?:continuing to )?(?:use|using|browse|browsing) (?:this|our) (?:web ?)?site\b.{0,40}"
    r"\b(?:cookies|consent|agree)\b.*"
    r")",
    re.I,
)
_LABEL_WORDS = (
    r"(?:categor(?:y|ies)|tags?|topics?|section|filed under|release date|news date|"
    r"publish(?:ed)? date|date published|last modified|last updated|source|posted in)"
)
_LABEL_LINE = re.compile(rf"(?:{_LABEL_WORDS}\s*:\s*[^:]{{0,60}}?\s*)+", re.I)
_PROMPT_WORDS = 80
_LABEL_WORDS_MAX = 12


def fold_lookalikes(text: str) -> str:
    """`text` with Cyrillic look-alike letters written as the Latin ones they imitate, only in
    words that mix the two scripts (real Cyrillic words are left alone)."""
    return re.sub(
        r"\w+",
        lambda m: m[0].translate(_LOOKALIKES) if re.search("[a-zA-Z]", m[0]) else m[0],
        text,
    )


def is_prompt(paragraph: str) -> bool:
    """True when `paragraph` opens with a call to action or a notice about the page."""
    text = fold_lookalikes(" ".join(paragraph.split())).replace("’", "'")
    if not text or len(text.split()) > _PROMPT_WORDS:
        return False
    first = _FIRST_SENTENCE.match(text)
    return bool(first and _PROMPT.fullmatch(first[0].strip(" *")))


def is_label_line(line: str) -> bool:
    """True for a line of page metadata labels: "Category : Press Releases", "Release Date:"."""
    line = " ".join(line.split())
    return 0 < len(line.split()) <= _LABEL_WORDS_MAX and bool(_LABEL_LINE.fullmatch(line))
