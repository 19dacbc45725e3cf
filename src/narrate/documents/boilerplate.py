"""Recognize page chrome in single lines of text: bylines, dates, captions, teasers, widgets.

Shared by the HTML reader (on the paragraphs trafilatura kept) and the plain-text reader (on lines
copied from a web page). These are rules about kinds of chrome seen across many sites, never lists
of one site's strings: a photo caption ends with a parenthesized credit, a teaser is a headline
followed by a truncated summary, a byline is "By" and a name, a widget is a short stock phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as calendar_date
from enum import StrEnum

from narrate.documents.boilerplate_prompts import is_label_line, is_prompt


class LineKind(StrEnum):
    """What one line (or paragraph) of page text is."""

    PROSE = "prose"  # a sentence or more of running text
    HEADLINE = "headline"  # short, no closing punctuation: a title, subhead or link text
    BYLINE = "byline"  # "By NAME", maybe with a date and reading time
    DATE = "date"  # only a date or time stamp with labels ("Updated 4:12 PM, Nov. 16, 2024")
    TIMESTAMP = "timestamp"  # a bare clock time, as in a live news feed ("3:28 PM")
    CAPTION = "caption"  # a photo caption or credit
    TEASER = "teaser"  # a labelled link to another article ("Read more: ...")
    TRUNCATED = "truncated"  # a summary cut off with an ellipsis: another article's teaser
    CHROME = "chrome"  # a widget phrase: menus, share buttons, sign-up boxes, ads, disclosures
    SECTION_END = "section_end"  # a heading that starts non-article matter (feeds, comments)
    PROMPT = "prompt"  # a call to action or notice about the page (boilerplate_prompts.py)
    LABEL = "label"  # page metadata with its value: "Category : Press Releases"
    OTHER = "other"


@dataclass(frozen=True)
class Byline:
    """A byline line read apart: the author's name and the ISO date, when present."""

    name: str
    date: str | None = None


# Month names and abbreviations in the languages of the pages narrate reads most, by number.
_MONTH_NAMES = {
    1: "january jan januar janvier enero ene gennaio gen janeiro jan januari",
    2: "february feb februar février fevrier febrero febbraio fevereiro fev februari",
    3: "march mar märz maerz mars marzo março marco maart mrt",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet julio luglio julho",
    8: "august aug août aout agosto ago augustus",
    9: "september sept sep septembre septiembre settembre set setembro",
    10: "october oct oktober octobre octubre ottobre outubro out okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre diciembre dic dicembre dezembro dez",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(
        rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{_MONTH})\.?,?\s+"
        rf"(?:de\s+)?(?P<y>\d{{4}})\b",
        re.I,
    ),
    # 12.06.2025 (day first, as written across Europe), 2025.01.08 and 2025/01/08, 2025年2月14日
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?))?(?:\s+(?:[A-Z]{2,4}T|GMT|UTC|ET|CET|CEST)(?:[+-]\d{1,2})?)?\b|"
    r"\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)|\b\d{1,2}h\d{2}\b",
    re.I,
)
_READING_TIME = re.compile(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+(?:read|listen)\b", re.I)
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|an?)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b", re.I
)
_DATE_LABEL = re.compile(
    r"\b(?:published|updated|posted|last updated|modified|on|at|date|veröffentlicht|"
    r"aktualisiert|am|um|uhr|publié le|mis à jour|modifié le|à|publicado|actualizado|"
    r"pubblicato|aggiornato|gepubliceerd)\b:?",
    re.I,
)
_BYLINE_START = re.compile(
    r"^(?:(?:by|written by|words by|posted by|von|par|por|door|av|af)\s*:?\s+"
    r"|(?:author|autor|auteur|autore)\s*:?\s+)",
    re.I,
)
_POSTED_BY = re.compile(
    r"^(?:(?:posted|published|written)\b.*?|(?:guest column|column|opinion|analysis|commentary"
    r"|interview|review|reporting|text|words|story))\s+by\s*:?\s+(?P<name>.+)$",
    re.I,
)
# Where the reporter was: "By NAME at Harbor Park", "By NAME in Kyiv".
_PLACE = re.compile(r"\s(?:at|in|from|reporting from)\s+[A-Z].*$")
_ROLE = re.compile(
    r"(?:[,|]\s*)?\b(?:(?:senior|chief|staff|contributing|special|political|foreign|"
    r"science|business|sports?|weather|health|education|crime|courts?|city|county|state|"
    r"politics|technology|tech|arts|food|travel|climate|environment|transportation|data|"
    r"investigative|local|national|international|economics|economy)\s+)*"
    r"(?:writer|reporter|correspondent|editor|contributor|"
    r"columnist|journalist)s?\b.*$",
    re.I,
)
_NAME_CONNECTORS = {
    "and", "&", "und", "et", "y", "e", "en", "og", "och", "de", "van", "von", "der", "den",
    "la", "le", "da", "di", "del", "dos", "bin", "al", "ibn",
}  # fmt: skip
# A photo credit names a photo or a "Photographer/Agency" pair; an agency alone in parentheses
# ("(Reuters)") is the story's source, not a caption.
_PHOTO_WORDS = re.compile(
    r"\b(?:photo|photograph|pictures?|getty|images|shutterstock|courtesy|credit|pool|alamy"
    r"|istock|illustration|handout)\b",
    re.I,
)
_AGENCIES = re.compile(r"\b(?:reuters|afp|ap|epa|dpa|xinhua|anadolu|bloomberg|getty)\b", re.I)
_SLASH_CREDIT = re.compile(r"[A-Za-z.]\s*/\s*[A-Z]")
_CAPTION_PATTERNS = (
    re.compile(r"\((?P<credit>[^()]{2,90})\)$"),
    re.compile(
        r"^(?:photo|photos|photograph|picture|image|illustration|graphic|credit|pictured|foto|"
        r"bild)s?(?:\s+(?:by|courtesy(?:\s+of)?|credit))?\s*[:|©]\s*\S.*$",
        re.I,
    ),
    re.compile(r"^(?:photo|image|picture|foto)s?\s+(?:by|courtesy(?:\s+of)?)\s+\S.*$", re.I),
    re.compile(r"^.+\b(?:photo|photograph|image|credit|foto)s?\s*:\s*[^.:]{2,70}$", re.I),
)
# "Minister NAME (right) looks on as NAME (left) addresses ...": who stands where in a photo.
_POSITIONS = re.compile(
    r"\((?:(?:second |third |far |centre |center |top |bottom |front |back )?(?:from )?"
    r"(?:left|right|centre|center)|l-r|l to r|from left|from right)\)",
    re.I,
)
# "... on Oct. 29, 2024. REUTERS/Kim Kyung-Hoon/File Photo": a credit after the last sentence.
_TRAILING_CREDIT = re.compile(r"(?:^|[.!?][\"”’)]*\s)(?P<credit>[^.!?]{2,120})$")
_TEASER_LABEL = re.compile(
    r"^(?:read more|read also|also read|see also|related|recommended|more|watch|listen|explore|"
    r"don'?t miss|must read|editor'?s picks?|further reading|lesen sie auch|auch interessant|"
    r"mehr zum thema|lire aussi|à lire aussi|voir aussi|leer más|lee también|lea también|"
    r"vea también|leia também|veja também|leggi anche|lees ook|zie ook)\s*[:|»›>]\s*\S",
    re.I,
)
# Whole-line phrases of page furniture, matched on lines of at most 25 words. A pattern that
# ends open ("tagged ...") takes no sentence punctuation after its stem, so a sentence of prose
# that happens to start the same way ("Tagged as a risk, the bank ...") is never dropped.
_CHROME = re.compile(
    r"(?:skip to (?:the )?(?:main )?(?:content|navigation|search|footer)|skip navigation"
    r"|jump to (?:content|navigation)|(?:edit|view) (?:post|page|profile)"
    r"|(?:log|sign) ?(?:in|out|up)(?: now| today| here| for free)?|register|my account"
    r"|home|menu|main menu|open menu|close|search|search for|back to top|top|print|e-?mail"
    r"|share|tweet|copy link|link copied|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest"
    r"|instagram|youtube|telegram|flipboard|reply|like|(?:like )?loading\W*|next|previous|prev"
    r"|advertisement|advertising|ad|anzeige|werbung|sponsored(?: content)?"
    r"|subscribe(?: now| today)?|donate(?: now)?|support us|newsletters?|cookie settings"
    r"|accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|preferences)|akzeptieren"
    r"|share (?:this|on|via|to) .{0,40}|share this(?: article| story| post| page)?"
    r"|(?:e-?mail|print) this(?: story| article| page)?"
    r"|(?:enter|type) your e-?mail.*|(?:your )?e-?mail(?: address)?\s*\*?"
    r"|please,? enter (?:a |an )?(?:valid|correct) e-?mail.*"
    r"|\*\s*indicates required(?: fields?)?|required fields are marked.*"
    r"|your email address will not be published.*"
    r"|success\w* (?:subscribed|signed up).*|thanks? (?:you )?for (?:signing up|subscribing).*"
    r"|(?:we'?ve|we have) sent you a (?:confirmation )?e-?mail.*"
    r"|sign up (?:for|to) (?:our|the|my|a) .{0,60}newsletter.*|get (?:our|the) .{0,40}newsletter.*"
    r"|by signing up,? you agree.*"
    r"|this (?:audio|narration|article audio) (?:is|was) (?:created|generated|produced|made)"
    r" (?:with|using|by) .{0,40}"
    r"|listen to this (?:article|story).*|\d+\s*min(?:ute)?s? (?:read|listen)"
    r"|story continues below(?: advertisement)?|continue reading(?: below| the main story)?.*"
    r"|scroll (?:down )?to continue.*|follow us on [^.!?]*"
    r"|follow [^.!?]{1,40} on (?:twitter|x|facebook|instagram|linkedin|telegram|youtube"
    r"|bluesky)[^.!?]*"
    r"|(?:©|\(c\)|copyright (?:©|\(c\)|\d{4})).*|.*all rights reserved|.*alle rechte vorbehalten"
    r"|we use cookies.*|wir verwenden cookies.*|topics?: .*|tags?: .*|posted in [^.!?]*"
    r"|(?:page|slide|photo|image|picture)?\s*\d+\s*(?:of|/|von|de|sur|di)\s*\d+"
    r"(?:\s*next(?: page)?)?"
    r"|.*\b(?:links?|purchases?|buy)\b.{0,80}\bearn (?:a |an )?(?:small )?(?:affiliate )?"
    r"commission.*"
    r"|download (?:the|our) .{0,40}\bapp\b.*|get (?:the|our) .{0,30}\bapp\b.*"
    r"|tagged(?: with)? [^.!?]*|(?:filed|published) under [^.!?]*"
    # a source credited by its address alone: "BVINEWS.COM"
    r"|(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*"
    r"\.(?:com|net|org|gov|edu|info|news|co\.uk|com\.au|io)/?)",
    re.I,
)
# Headings of what follows an article (feeds, lists, comments): never a sentence.
_SECTION_TITLE = re.compile(
    r"(?:news feed|live feed|latest news|latest|more news|top stories"
    r"|(?:(?:discover|see|explore) our (?:latest )?)?(?:editorial|editors?'?) picks?"
    r"|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
    r"|related(?: articles| stories| posts| coverage| content| news| reading| topics)?"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories| reading)?"
    r"|read next|up next|more (?:from|on|in) .{1,40}|more stories|other news|popular posts"
    r"|recent posts|archives|categories|about the author|about me|(?:\d+ )?(?:comments?|replies)"
    r"|(?:\d+|one|two|three) thoughts? on .*|\d+ responses? to .*"
    r"|leave a (?:reply|comment)|join the conversation|share this|like this"
    r"|mehr zum thema|weitere artikel|das könnte sie auch interessieren|lire aussi)",
    re.I,
)
# End notes of a wire story: credits and standards lines, which may end with a period.
_END_NOTE = re.compile(
    r"(?:(?:additional |associated |with )?(?:reporting|writing|editing|compiled|research"
    r"|translation|translated) by .*|our standards: .*|this (?:story|article) (?:was|has been)"
    r" (?:originally )?(?:published|produced|updated|corrected) (?:by|in|on) .*)",
    re.I,
)
# A photo credit on its own line: "Marisol Vega / Plains Observer", "AP Photo/Jane Doe".
_CREDIT_LINE = re.compile(r"(?:[A-Z][\w.'’-]*\s?){1,4}/\s?(?:[A-Z][\w.'’-]*\s?){1,4}")
_BARE_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?", re.I)
_TERMINAL = tuple(".!?:;\"”’')»")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]»]*$")
_ELLIPSIS = ("…", "...")
# A snippet of another page cut off and labelled with its source: "... pre … Wikipedia".
_SOURCED_SNIPPET = re.compile(r"(?:…|\.\.\.)\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?$")


def words(line: str) -> list[str]:
    return line.split()


def _simplify(line: str) -> str:
    """Lower-case `line` with curly quotes straightened and edge punctuation trimmed."""
    line = line.replace("’", "'").replace("‘", "'").strip()
    return line.strip(" \t:|·•→»›>–—-").lower()


def _parts(line: str) -> list[str]:
    """The pieces of a widget line joined by separators ("Advertisement · Scroll to continue")."""
    return [part for part in re.split(r"\s[|·•]\s", line) if part.strip()]


def find_date(text: str) -> str | None:
    """The first calendar date written in `text`, as ISO YYYY-MM-DD, or None."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["m"]) if "m" in groups else _MONTHS[groups["mon"].lower()]
            try:
                return calendar_date(int(groups["y"]), month, int(groups["d"])).isoformat()
            except ValueError:
                continue
    return None


def _strip_dates(text: str) -> str:
    for pattern in _DATE_PATTERNS:
        text = pattern.sub(" ", text)
    text = _READING_TIME.sub(" ", text)
    text = _RELATIVE_TIME.sub(" ", text)
    text = _TIME.sub(" ", text)
    return re.sub(rf"\b{_WEEKDAY}(?=\s|$)", " ", text, flags=re.I)


def _name(text: str) -> str | None:
    """`text` as a person's name (or names), or None when it does not read as one."""
    text = re.split(r"\s[|·•»]\s|\s[—–]\s", text)[0]
    text = _ROLE.sub("", text).strip(" ,;:|·•—–-")
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 12:
        return None
    named = [t for t in tokens if t.lower() not in _NAME_CONNECTORS]
    if not named or not all(t[0].isupper() and not t.isdigit() for t in named):
        return None
    if text.isupper():
        text = text.title()
    return " ".join(text.split())


def parse_byline(line: str) -> Byline | None:
    """Read `line` as a byline ("By NAME Month DD, YYYY ...") or return None."""
    line = " ".join(line.split())
    if not line or len(words(line)) > 24 or line.endswith(_ELLIPSIS):
        return None
    date = find_date(line)
    posted = _POSTED_BY.match(line)
    start = _BYLINE_START.match(line)
    if posted:
        rest = posted.group("name")
    elif start:
        rest = line[start.end() :]
    elif date or _READING_TIME.search(line):
        # "NAME · May 21, 2024 · 4 min read": a name beside a date, with no "By".
        rest = line
    else:
        return None
    rest = _DATE_LABEL.sub(" ", _PLACE.sub("", _strip_dates(rest)))
    name = _name(rest)
    if name is None or (not start and not posted and len(name.split()) > 4):
        return None
    return Byline(name, date)


def is_date_line(line: str) -> bool:
    """True when `line` holds a date and nothing else but labels, times and separators."""
    if find_date(line) is None:
        return False
    rest = _DATE_LABEL.sub(" ", _strip_dates(line))
    return len(re.sub(r"[^\w]+", " ", rest).split()) <= 1


def is_caption(line: str) -> bool:
    """True for a photo caption or credit: a parenthesized credit at the end, or a label."""
    line = line.strip()
    first, *others = _CAPTION_PATTERNS
    match = first.search(line)
    if match and (_SLASH_CREDIT.search(match["credit"]) or _PHOTO_WORDS.search(match["credit"])):
        return True
    tail = _TRAILING_CREDIT.search(line)
    if tail and _SLASH_CREDIT.search(tail["credit"]) and _AGENCIES.search(tail["credit"]):
        return True
    if len(words(line)) <= 60 and _POSITIONS.search(line):
        return True
    return len(words(line)) <= 40 and any(p.match(line) for p in others)


def is_prose(line: str) -> bool:
    """True for running text: a few words that end like a sentence, or a long passage."""
    count = len(words(line))
    if count >= 2 and _SENTENCE_END.search(line):
        return True
    return (count >= 4 and line.rstrip().endswith(_TERMINAL)) or count >= 40


def is_headline(line: str) -> bool:
    """True for a short line that reads as a title: no closing sentence punctuation."""
    line = line.strip()
    count = len(words(line))
    if not 1 <= count <= 30 or line.endswith((".", ",", ";", ":", *_ELLIPSIS)):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘«„"


def classify(line: str) -> LineKind:
    """Say what `line` is; the order of the checks is the order of their reliability."""
    line = " ".join(line.split())
    if not line:
        return LineKind.OTHER
    simple = _simplify(line)
    count = len(words(line))
    if _BARE_TIME.fullmatch(line):
        return LineKind.TIMESTAMP
    if count <= 25 and all(_CHROME.fullmatch(_simplify(part)) for part in _parts(line)):
        return LineKind.CHROME
    if count <= 12 and not _SENTENCE_END.search(line) and _SECTION_TITLE.fullmatch(simple):
        return LineKind.SECTION_END
    if count <= 30 and _END_NOTE.fullmatch(simple):
        return LineKind.SECTION_END
    if count <= 40 and _TEASER_LABEL.match(line):
        return LineKind.TEASER
    if parse_byline(line):
        return LineKind.BYLINE
    if is_date_line(line):
        return LineKind.DATE
    if is_caption(line) or _CREDIT_LINE.fullmatch(line):
        return LineKind.CAPTION
    if line.endswith(_ELLIPSIS) and not line.endswith(("?…", ".…", "?...", "!...")):
        return LineKind.TRUNCATED
    if _SOURCED_SNIPPET.search(line):
        return LineKind.TRUNCATED
    if is_label_line(line):
        return LineKind.LABEL
    if is_prompt(line):
        return LineKind.PROMPT
    if is_prose(line):
        return LineKind.PROSE
    if is_headline(line):
        return LineKind.HEADLINE
    return LineKind.OTHER
