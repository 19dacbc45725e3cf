"""Rules on characters and written forms: spaces, web addresses, phone numbers, symbols."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import digits

_AFTER_PERIOD_RE = re.compile(r"[\"”’')\]]*(?P<space>\s*)")


def final_period(m: re.Match[str]) -> str:
    """ "." when the period the match swallowed also ends the sentence, else "".

    That is at the end of the text or of a line: `normalize` is called per sentence, and in a
    paragraph "Main St. Officials said" cannot be told from "St. Louis" without a parser.
    """
    after = _AFTER_PERIOD_RE.match(m.string, m.end())
    assert after is not None  # the pattern matches the empty string
    return "." if after.end() == len(m.string) or "\n" in after["space"] else ""


_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def unify_characters(text: str) -> str:
    """Turn no-break and thin spaces into spaces, "−" into "-", and drop invisible characters."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).replace("\u2212", "-")


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)")
_URL_RE = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"”]+?(?=[.,;:!?)\]'’\"”]*(?:\s|$))")
_ADDRESS_MARKS_RE = re.compile(r"[./@_+-]")
_ADDRESS_MARKS = {
    ".": " dot ", "/": " slash ", "@": " at ", "_": " underscore ", "-": " dash ", "+": " plus "
}  # fmt: skip


def _say_address(address: str) -> str:
    return _ADDRESS_MARKS_RE.sub(lambda m: _ADDRESS_MARKS[m[0]], address)


def _say_site(url: str) -> str:
    """A URL as its site: no scheme, "www.", port, path, query or fragment.

    A listener cannot use "slash activity slash 9596 dash the dash palace"; the site is what
    they can remember and type ("klook dot com").
    """
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I)
    return _say_address(re.split(r"[/?#:]", host)[0].lower())


def speak_web_addresses(text: str) -> str:
    """Say e-mail addresses and URLs: "press@example.org" -> "press at example dot org",
    "https://www.klook.com/activity/9596-show/" -> "klook dot com"."""
    text = _EMAIL_RE.sub(lambda m: _say_address(m[0]), text)
    text = _URL_RE.sub(lambda m: _say_site(m[0]), text)
    return english().domain_re.sub(lambda m: _say_site(m[0]), text)


def speak_phrases(text: str) -> str:
    """Say fixed expressions as a whole: "24/7" -> "twenty-four seven"."""
    rules = english()
    return rules.phrase_re.sub(lambda m: rules.phrases[m[0]], text)


_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}(?![\w-])"
)


def speak_phone_numbers(text: str) -> str:
    """Read phone numbers digit by digit, group by group: "555-123-4567"."""

    def say(m: re.Match[str]) -> str:
        groups = re.findall(r"\d+", m[0])
        if sum(map(len, groups)) < 7:  # "+5 (3)": a sign and a number, not a phone number
            return m[0]
        return ("plus " if m[0].startswith("+") else "") + ", ".join(map(digits, groups))

    return _PHONE_RE.sub(say, text)


_HASHTAG_RE = re.compile(r"(?<![\w&])#(?=[^\W\d])")
_HANDLE_RE = re.compile(r"(?<![\w.])@(?=\w)")
_WORD_SLASH_RE = re.compile(r"\b[a-z]+(?:/[a-z]+)+\b")


def speak_symbols(text: str) -> str:
    """Say symbols as words: "&" -> "and", "#tag" -> "hashtag tag", "his/her" -> "his or her".

    Handles, tags and "&" initialisms have rules of their own (rules_symbols.py) before this.
    """
    rules = english()
    text = _HASHTAG_RE.sub("hashtag ", text)
    text = _HANDLE_RE.sub("at ", text)
    text = _WORD_SLASH_RE.sub(lambda m: m[0].replace("/", " or "), text)
    return rules.symbol_re.sub(lambda m: f" {rules.symbols[m[0]]} ", text)


_SPACE_BEFORE_PUNCTUATION_RE = re.compile(r"(?<=\w) +(?=[,.;:!?](?:\s|$))")


def collapse_whitespace(text: str) -> str:
    """Join all whitespace into single spaces; drop spaces the rules left before punctuation."""
    return _SPACE_BEFORE_PUNCTUATION_RE.sub("", " ".join(text.split()))
