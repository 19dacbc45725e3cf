"""Rules on names: titles, ranks, places and other abbreviations, Roman numerals, initialisms."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import cardinal, in_pairs, ordinal, pluralize
from narrate.text.rules_characters import final_period

_BEFORE_NAME_RE = re.compile(r"[^\S\n]+[\"“]?[A-Z]")
_AFTER_NAME_RE = re.compile(r"(?:\b[A-Z][\w'’-]*|\b\d+(?:st|nd|rd|th)?),?[^\S\n]+$")
_AFTER_PLACE_RE = re.compile(r"\b[A-Z][\w'’.-]*,[^\S\n]*$")
_BEFORE_NUMBER_RE = re.compile(r"\s*#?\d")
_BEFORE_RANK_RE = re.compile(r"[^\S\n]+(?:\d|of\b)")


def _expand_abbreviation(m: re.Match[str]) -> str:
    rules, key = english(), m[1]
    before, after = m.string[max(0, m.start() - 60) : m.start()], m.string[m.end() :]
    if key in rules.numbered and _BEFORE_NUMBER_RE.match(after):
        return rules.numbered[key]
    if key in rules.states and _AFTER_PLACE_RE.search(before):
        return rules.states[key] + final_period(m)
    if key in rules.states and "." not in key and key not in rules.ambiguous_states:
        return rules.states[key] + final_period(m)
    before_name = _BEFORE_NAME_RE.match(after) is not None
    # "Main St." and "King Jr." but "Mount St. Helens": a name on both sides makes it a title.
    after_name = key in rules.after_name and _AFTER_NAME_RE.search(before)
    if after_name and not (before_name and key in rules.titles):
        return rules.after_name[key] + final_period(m)
    # "Sgt. 1st Class", "Sgt. Maj. of the Army", "Gov.-elect": titles without a name after them.
    as_rank = key in rules.ranks and _BEFORE_RANK_RE.match(after)
    if key in rules.titles and (before_name or as_rank or after.startswith("-elect")):
        return rules.titles[key]
    if key in rules.month_abbreviations:
        return rules.month_abbreviations[key] + final_period(m)
    if key in rules.abbreviations:
        return rules.abbreviations[key] + final_period(m)
    return m[0]


def expand_abbreviations(text: str) -> str:
    """Say titles, months, states and other abbreviations in full, dropping their periods.

    "Gen." before a name is "General"; "St." is "Saint" before a name and "Street" after one;
    "Calif." is a state anywhere ("in Northern Calif."), as in "D-Calif." ("Democrat of
    California"); a state that is also a word ("Mass.", "Ill.") only after "City,".
    Military ranks are titles before a number too ("Sgt. 1st Class").
    """
    rules = english()

    def party(m: re.Match[str]) -> str:
        state = m[2]
        if state.endswith("."):
            state = rules.states[state[:-1]] + final_period(m)
        return f"{rules.parties[m[1]]} of {state}"

    text = rules.party_re.sub(party, text)
    text = rules.bare_month_re.sub(lambda m: rules.month_abbreviations[m[1]], text)
    return rules.abbreviation_re.sub(_expand_abbreviation, text)


_ROMAN_RE = re.compile(
    r"(?:\b(?P<title>[A-Z][a-z]+)[^\S\n]+)?\b(?P<name>[A-Z][a-z][\w'’-]*)[^\S\n]+"
    r"(?P<numeral>[IVXLCDM]+)\b(?![-'’]?\w\w)"
)
_VALID_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_HIGHEST_REGNAL = 39


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral ("XIV" -> 14), else None ("IIII", "CIVIL")."""
    if not numeral or not _VALID_ROMAN_RE.fullmatch(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def speak_roman_numerals(text: str) -> str:
    """Say Roman numerals after names: "Leo XIV" -> "Leo the fourteenth", "War II" -> "War Two".

    After a capitalized name a numeral up to 39 is regnal; after words such as "War" or
    "Chapter" it is a number. A lone "I", "V" or "X" counts only after a title and a name
    ("King Charles I"), so "Malcolm X" and the pronoun "I" are left alone.
    """
    rules = english()

    def say(m: re.Match[str]) -> str:
        numeral, value = m["numeral"], roman_value(m["numeral"])
        kept = m[0][: m.start("numeral") - m.start()]
        if value is None:
            return m[0]
        if m["name"] in rules.cardinal_after:
            return kept + cardinal(value).title()
        if value <= _HIGHEST_REGNAL and (len(numeral) > 1 or m["title"] in rules.regnal_titles):
            return f"{kept}the {ordinal(value)}"
        return m[0]

    return _ROMAN_RE.sub(say, text)


_DOTTED_RE = re.compile(
    r"(?<![\w.])(?P<letters>(?:[A-Z]\.)+[A-Z])(?P<dot>\.)?(?P<suffix>['’]?s)?(?![\w.])"
)


def _spell(letters: str, suffix: str | None) -> str:
    # Inner periods make espeak-ng say letters ("I.A.E.A"); before "'s" it needs a final one
    # too, or it reads the period aloud ("U.S's" comes out "U dot S's").
    spelled = ".".join(letters)
    return spelled + ".'s" if suffix else spelled


def speak_initialisms(text: str) -> str:
    """Write initialisms so they are said letter by letter: "U.S." -> "U.S", "IMF" -> "I.M.F".

    Capitals are spelled only when listed in rules/en.toml (espeak-ng spells most unknown
    ones by itself); dotted ones always are, unless listed as said as a word ("N.A.T.O.").
    """
    rules = english()

    def dotted(m: re.Match[str]) -> str:
        letters = m["letters"].replace(".", "")
        dot = final_period(m) if m["dot"] and not m["suffix"] else ""
        if letters in rules.spoken_words:
            return letters + (m["suffix"] or "") + dot
        return _spell(letters, m["suffix"]) + dot

    text = _DOTTED_RE.sub(dotted, text)
    return rules.letters_re.sub(lambda m: _spell(m[1], m[2]), text)


_PLAN_RE = re.compile(
    r"(?<![\w.,$-])(?P<n>[1-9]\d\d)(?P<parts>(?:\([a-z0-9]\))+)(?P<plural>s)?(?!\w)"
)
_BARE_PLAN_RE = re.compile(r"(?<![\w.,$-])(?P<n>401|403|457)(?P<letter>[kb])(?P<plural>s)?\b")


def speak_plan_names(text: str) -> str:
    """Say plans named by a number: "401(k)" -> "four oh one k", "529 plan", "501(c)(3)".

    The parts in parentheses are letters or digits said one by one; "401(k)s" -> "... k's".
    """

    def say(m: re.Match[str]) -> str:
        parts = re.findall(r"[a-z0-9]", m["parts"] if "parts" in m.groupdict() else m["letter"])
        said = [in_pairs(m["n"]), *(p if p.isalpha() else cardinal(int(p)) for p in parts)]
        return " ".join(said) + ("'s" if m["plural"] else "")

    text = _BARE_PLAN_RE.sub(say, _PLAN_RE.sub(say, text))
    return english().plan_re.sub(lambda m: in_pairs(m["n"]), text)


_LETTERED_MODEL_RE = re.compile(
    r"\b(?P<letters>[A-Z][A-Za-z]{0,3})-?(?P<n>[1-9]\d\d)(?P<rest>[A-Za-z]*)"
    r"(?:-(?P<variant>\d+))?(?![\w,.]?\d)"
)


def speak_model_numbers(text: str) -> str:
    """Say model, flight and road numbers in pairs: "Boeing 737" -> "Boeing seven thirty-seven".

    Also with letters joined ("A320neo" -> "A three twenty neo", "F-150" -> "F one fifty"),
    and a Boeing family number before "MAX", after "a" before "jet"..., with a variant
    ("737-9") or in "737s" ("seven thirty-sevens"). A count stays a count: "Boeing delivered
    348 jets", "737 workers".
    """
    rules = english()

    def said(m: re.Match[str], lead: str) -> str:
        words = [lead, in_pairs(m["n"])] if lead else [in_pairs(m["n"])]
        if m["rest"] == "s":  # "737s", "A350s"
            words[-1] = pluralize(words[-1])
        elif m["rest"]:
            words.append(m["rest"])
        if m["variant"]:
            words.append(in_pairs(m["variant"]))
        return " ".join(words)

    def aircraft(m: re.Match[str]) -> str:
        if m["next"] in rules.aircraft_nouns and not m["article"]:
            return m[0]  # "delivered 737 jets" may be a count; "a 737 jet" is not
        said_model = pluralize(in_pairs(m["n"])) if m["plural"] else said(m, "")
        return (m["article"] or "") + said_model

    text = rules.model_name_re.sub(lambda m: said(m, m["name"]), text)
    text = _LETTERED_MODEL_RE.sub(lambda m: said(m, m["letters"]), text)
    return rules.aircraft_re.sub(aircraft, text)


_NUMBER_ERS_RE = re.compile(r"(?<![\w.,-])(?P<n>\d{1,3})ers\b")
_CLUB_YEAR_RE = re.compile(r"\b(?P<name>[A-Z][\w'’]*)[^\S\n]+0(?P<d>\d)(?![\w.,:/-]?\d)")


def speak_team_names(text: str) -> str:
    """Say team names with numbers: "76ers" -> "Seventy-Sixers", "Mainz 05" -> "Mainz oh five"."""

    def ers(m: re.Match[str]) -> str:
        words = cardinal(int(m["n"])).title()
        return words + ("rs" if words.endswith("e") else "ers")

    text = _NUMBER_ERS_RE.sub(ers, text)
    return _CLUB_YEAR_RE.sub(lambda m: f"{m['name']} oh {cardinal(int(m['d']))}", text)
