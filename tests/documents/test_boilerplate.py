"""Line rules for page chrome, as input/expected pairs."""

from __future__ import annotations

import pytest

from narrate.documents.boilerplate import Byline, LineKind, classify, find_date, parse_byline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("by Martin Fornusek October 30, 2024 2:32 PM 2 min read",
         Byline("Martin Fornusek", "2024-10-30")),
        ("By Caroline Dubois and Marcus Hill", Byline("Caroline Dubois and Marcus Hill")),
        ("By JANE DOE | March 3, 2024", Byline("Jane Doe", "2024-03-03")),
        ("By Samantha Kyle, August 22, 2024", Byline("Samantha Kyle", "2024-08-22")),
        ("Posted on February 3, 2024 by Ellen Marsh", Byline("Ellen Marsh", "2024-02-03")),
        ("Luca Bertolini · May 21, 2024 · 4 min read", Byline("Luca Bertolini", "2024-05-21")),
        ("Von Jannik Brandt", Byline("Jannik Brandt")),
        ("By Dana Whitlock, Staff Writer", Byline("Dana Whitlock")),
        ("By the time the rain stopped, the river had crested.", None),
        ("By Tom Eccleston Weather reporter Monday 14 July 2025, 9:41am",
         Byline("Tom Eccleston", "2025-07-14")),
        ("By Liam Foster at Harbor Park", Byline("Liam Foster")),
        ("Guest column by Theresa Nguyen", Byline("Theresa Nguyen")),
        ("Interview by Aaron Pike · 12 May 2025", Byline("Aaron Pike", "2025-05-12")),
        ("Author: KWXT Staff", Byline("KWXT Staff")),
        ("Written by: Julie Mollins", Byline("Julie Mollins")),
        ("Posted by: Sam Lee on May 3, 2024", Byline("Sam Lee", "2024-05-03")),
        ("oldspokes » Sat Apr 19, 2025 10:02 am", None),
        ("Killed by Russian Drones", None),
        ("Von den 40 Häusern wurden zwölf beschädigt.", None),
        ("Saturday, October 12, 2024", None),
    ],
)  # fmt: skip
def test_parse_byline(line: str, expected: Byline | None) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct. 30, 2024", "2024-10-30"),
        ("Updated 4:12 PM EDT, Sat November 16, 2024", "2024-11-16"),
        ("11 June 2024", "2024-06-11"),
        ("2024-01-17T07:45:00+01:00", "2024-01-17"),
        ("12.06.2025, 18:45 Uhr", "2025-06-12"),
        ("14. Februar 2025", "2025-02-14"),
        ("Publié le 18 juin 2025 à 17h32", "2025-06-18"),
        ("Jaén, 20 ENE 2025 - 10:15 CET", "2025-01-20"),
        ("3 de março de 2025", "2025-03-03"),
        ("입력 2025.01.08 10:30", "2025-01-08"),
        ("2025年2月14日 18時30分", "2025-02-14"),
        ("February 30, 2024", None),
        ("in 2024 the port grew", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Skip to content", LineKind.CHROME),
        ("Edit post", LineKind.CHROME),
        ("* indicates required", LineKind.CHROME),
        ("Please, enter correct email address", LineKind.CHROME),
        ("This audio is created with AI assistance", LineKind.CHROME),
        ("Advertisement · Scroll to continue", LineKind.CHROME),
        ("Share on Facebook", LineKind.CHROME),
        ("MORE NEWS", LineKind.SECTION_END),
        ("News Feed", LineKind.SECTION_END),
        ("3 Comments", LineKind.SECTION_END),
        ("Discover our latest editorial picks", LineKind.SECTION_END),
        ("Editors' Picks", LineKind.SECTION_END),
        ("BVINEWS.COM", LineKind.CHROME),
        ("www.example-news.co.uk", LineKind.CHROME),
        ("Node.js", LineKind.HEADLINE),
        ("We need your help", LineKind.PROMPT),
        ("Help us continue to spread the magic of words to readers everywhere", LineKind.PROMPT),
        ("We need your help to find the missing boy, police said.", LineKind.PROSE),
        ("We recommend the best products through an independent review process, and "
         "advertisers do not influence our picks.", LineKind.PROMPT),
        ("Reporting by Haruto Sato; Editing by Mark Potter", LineKind.SECTION_END),
        ("3:28 PM", LineKind.TIMESTAMP),
        ("Read more: County weighs future of old fairground barn", LineKind.TEASER),
        ("Lesen Sie auch: Fernwärme wird im Winter teurer", LineKind.TEASER),
        ("Smoke rises over Reno on Wednesday. (Photo by Jason Wu/AP)", LineKind.CAPTION),
        ("A tug on sea trials, Oct. 29, 2024. REUTERS/Kim Kyung-Hoon/File Photo",
         LineKind.CAPTION),
        ("A sleeper carriage at Lyon Part-Dieu. Photo: Chiara Neri", LineKind.CAPTION),
        ("Photo courtesy of the Harlan County Historical Society", LineKind.CAPTION),
        ("Published 4:12 PM EDT, Sat November 16, 2024", LineKind.DATE),
        ("Publié le 18 juin 2025 à 17h32, modifié le 18 juin 2025 à 19h05", LineKind.DATE),
        ("Le 18 juin 2025, la région a voté le budget.", LineKind.PROSE),
        ("November 4, 2024 9:41 AM GMT+9 Updated 2 hours ago", LineKind.DATE),
        ("Fred Fleitz, a former CIA analyst, suggested the membership could be taken off the…",
         LineKind.TRUNCATED),
        ('"So this means (that) between partners, there is no (confidentiality)."',
         LineKind.PROSE),
        ("The talks (held in Geneva) ended early.", LineKind.PROSE),
        ("He declined.", LineKind.PROSE),
        ("Sign up for the draft was slow in the first week, officials said.", LineKind.PROSE),
        ("What you actually need", LineKind.HEADLINE),
        ("Boeing/Airbus rivalry heats up", LineKind.HEADLINE),
        ("Copyright law has changed a lot since 1998, experts said.", LineKind.PROSE),
        ("Responses to the plan were mixed.", LineKind.PROSE),
        ("Tagged as a risk, the bank raised more capital.", LineKind.PROSE),
        ("More — and more — people are moving north.", LineKind.PROSE),
        ("The minister resigned on Friday. (Reuters)", LineKind.PROSE),
        ("Copyright 2024 Coastal Wire. All Rights Reserved.", LineKind.CHROME),
        ("3 of 12", LineKind.CHROME),
        ("Page 1 of 4 Next page", LineKind.CHROME),
        ("The council voted 7 of 9 in favor.", LineKind.PROSE),
        ("When you buy through links on our site, we may earn an affiliate commission.",
         LineKind.CHROME),
        ("Agents earn a commission of 6 percent on most sales, the report said.", LineKind.PROSE),
        ("Download the Channel 5 app for breaking news alerts.", LineKind.CHROME),
        ("Marisol Vega / Plains Observer", LineKind.CAPTION),
        ("Lea también: La sequía deja los embalses al 25%", LineKind.TEASER),
        ("Leggi anche: Acqua alta, il Mose alzato 12 volte", LineKind.TEASER),
        # prompts and labels, measured on ../shared/realpages (bench/realpages.py)
        ("Subscribe now to our eNATION edition for the full story.", LineKind.PROMPT),
        ("To view the full story, please subscribe to The Haitian Times. You can choose a "
         "$60 Annual Subscription.", LineKind.PROMPT),
        ("We want to hear what you think about this article. Submit a letter to the editor.",
         LineKind.PROMPT),
        ("Аdvеrtіѕе wіth thе most visited news site in the region!", LineKind.PROMPT),
        ("© 2022, Example News. This article is the copyrighted property of Example News. "
         "Written permission must be obtained before reprint in online or print media, and "
         "reprinting it without permission is theft.", LineKind.PROMPT),
        ("Subscribers to the old plan saw their bills double, the regulator found.",
         LineKind.PROSE),
        ("Our site uses cookies and other technologies so that we, and our partners, can "
         "remember you. Further use of this site will be considered consent.", LineKind.PROMPT),
        ("By continuing to browse this site, you agree to our use of cookies.",
         LineKind.PROMPT),
        ("The regulator found that the bank's site uses cookies to follow its customers.",
         LineKind.PROSE),
        ("Sign up for the draft was slow in the first week, officials said.", LineKind.PROSE),
        ("Category : Press Releases", LineKind.LABEL),
        ("Release Date:", LineKind.LABEL),
        ("The minister (right) looks on as the chief executive (left) addresses the forum.",
         LineKind.CAPTION),
        ("He is an expert in the analysis of elections, called one of the pre … Wikipedia",
         LineKind.TRUNCATED),
    ],
)  # fmt: skip
def test_classify(line: str, kind: LineKind) -> None:
    assert classify(line) is kind
