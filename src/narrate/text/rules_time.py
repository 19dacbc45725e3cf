"""Rules on time: dates, clock times, time ranges and compact durations."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import cardinal, ordinal, year
from narrate.text.rules_characters import final_period

_ISO_DATE_RE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_US_DATE_RE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/])")


def _full_date(month: int, day: int, year_written: str) -> str:
    full_year = int(year_written)
    if len(year_written) == 2:  # "2/24/22": this century unless that is far in the future
        full_year += 2000 if full_year <= 50 else 1900
    return f"{english().months[month - 1]} {ordinal(day)}, {year(full_year)}"


def speak_dates(text: str) -> str:
    """Say dates: "October 30, 2024" -> "October thirtieth, twenty twenty-four".

    Also "30 October" ("the thirtieth of October"), "October 30-31", ISO "2024-10-30" and US
    numeric "10/30/2024" (read day first only when the first number cannot be a month).
    """
    rules = english()

    def iso(m: re.Match[str]) -> str:
        month, day = int(m[2]), int(m[3])
        return _full_date(month, day, m[1]) if 1 <= month <= 12 and 1 <= day <= 31 else m[0]

    def numeric(m: re.Match[str]) -> str:
        a, b = int(m[1]), int(m[2])
        if 1 <= a <= 12 and 1 <= b <= 31:
            return _full_date(a, b, m[3])
        if 1 <= b <= 12 and 13 <= a <= 31:
            return _full_date(b, a, m[3])
        return m[0]

    def month_first(m: re.Match[str]) -> str:
        if not 1 <= int(m["day"]) <= 31:
            return m[0]
        said = f"{m['month']} {ordinal(int(m['day']))}"
        if m["day2"]:
            said += f" to {ordinal(int(m['day2']))}"
        return said + (f", {year(int(m['year']))}" if m["year"] else "")

    def day_first(m: re.Match[str]) -> str:
        if not 1 <= int(m["day"]) <= 31:
            return m[0]
        said = f"{m['the'] or 'the '}{ordinal(int(m['day']))} of {m['month']}"
        return said + (f", {year(int(m['year']))}" if m["year"] else "")

    text = _US_DATE_RE.sub(numeric, _ISO_DATE_RE.sub(iso, text))
    return rules.day_first_re.sub(day_first, rules.month_first_re.sub(month_first, text))


_AMPM = r"(?P<ampm>[ap]\.m\.|[AP]\.M\.|[ap]\.m(?![\w.])|[ap]m|[AP]M)"
_CLOCK_RE = re.compile(
    rf"(?<![\w:.,])(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?(?:\s?{_AMPM})?(?![\w:])"
)
_HOUR_RE = re.compile(rf"(?<![\w:.,])(?P<h>\d{{1,2}})\s?{_AMPM}(?!\w)")


_AMPM_FORMS = r"[ap]\.m\.|[AP]\.M\.|[ap]\.m(?![\w.])|[ap]m|[AP]M"


def _range_end(i: int) -> str:
    return (
        rf"(?:(?P<h{i}>\d{{1,2}})(?::(?P<m{i}>\d{{2}}))?(?:[^\S\n]?(?P<ap{i}>{_AMPM_FORMS}))?"
        rf"|(?P<w{i}>noon|midnight))"
    )


_TIME_RANGE_RE = re.compile(
    rf"(?P<between>\bbetween[^\S\n]+)?(?<![\w:.,]){_range_end(1)}[^\S\n]?[-–][^\S\n]?"
    rf"{_range_end(2)}(?![\w:])"
)


def speak_time_ranges(text: str) -> str:
    """Say time ranges with "to": "9-11 a.m." -> "nine to eleven a.m", "10am-2pm" -> "ten a.m
    to two p.m"; after "between" with "and". Without "a.m", "p.m", "noon" or "midnight" on
    either side a pair of numbers is not a time: "went 9-11" is left to the range rule.
    """
    time_words = english().time

    def end(m: re.Match[str], i: int) -> str | None:
        if m[f"w{i}"]:
            return m[f"w{i}"]
        h, mins, ampm = int(m[f"h{i}"]), int(m[f"m{i}"] or 0), m[f"ap{i}"]
        if mins > 59 or h > (12 if ampm else 24):
            return None
        said = cardinal(h)
        if mins:
            said += f" oh {cardinal(mins)}" if mins < 10 else f" {cardinal(mins)}"
        return said + (" " + time_words["am" if ampm[0] in "aA" else "pm"] if ampm else "")

    def say(m: re.Match[str]) -> str:
        first, second = end(m, 1), end(m, 2)
        if first is None or second is None or not (m["ap1"] or m["ap2"] or m["w1"] or m["w2"]):
            return m[0]
        dot = final_period(m) if (m["ap2"] or "").endswith(".") else ""
        joined = f"{first} and {second}" if m["between"] else f"{first} to {second}"
        return (m["between"] or "") + joined + dot

    return _TIME_RANGE_RE.sub(say, text)


_COMPACT_DURATION_RE = re.compile(
    r"(?<![\w.,])(?:(?P<h>\d+)h[^\S\n]?(?P<m>\d+)m(?:[^\S\n]?(?P<s>\d+)s)?"
    r"|(?P<m2>\d+)m[^\S\n]?(?P<s2>\d+)s)\b"
)


def speak_compact_durations(text: str) -> str:
    """Say durations written with single letters: "2h 30m" -> "two hours thirty minutes".

    Alone, "30m" may be meters or millions and "30s" a decade; with an hour or minute part
    before them they are minutes and seconds. "45min", "3hrs" and "20h" are units.
    """

    def say(m: re.Match[str]) -> str:
        parts = zip(
            (m["h"], m["m"] or m["m2"], m["s"] or m["s2"]),
            ("hour", "minute", "second"),
            strict=True,
        )
        return " ".join(f"{cardinal(int(n))} {unit}{'s' * (int(n) != 1)}" for n, unit in parts if n)

    return _COMPACT_DURATION_RE.sub(say, text)


def speak_times(text: str) -> str:
    """Say clock times: "9:30 p.m." -> "nine thirty p.m", "9:05" -> "nine oh five".

    "a.m"/"p.m" keep only their inner period: espeak-ng then says the letters and does not
    end the sentence there ("a m" is read "uh m", "AM" as "am"). "2:01:09" is a duration.
    """
    time_words = english().time

    def meridiem(m: re.Match[str]) -> str:
        if not m["ampm"]:
            return ""
        said = time_words["am" if m["ampm"][0] in "aA" else "pm"]
        return " " + said + (final_period(m) if m["ampm"].endswith(".") else "")

    def clock(m: re.Match[str]) -> str:
        h, mins = int(m["h"]), int(m["m"])
        if h > 24 or mins > 59 or (m["s"] and int(m["s"]) > 59):
            return m[0]
        if m["s"]:
            parts = zip((h, mins, int(m["s"])), ("hour", "minute", "second"), strict=True)
            return " ".join(f"{cardinal(n)} {unit}{'s' * (n != 1)}" for n, unit in parts if n)
        if mins == 0 and not m["ampm"]:
            return f"{cardinal(h)} o'clock" if 1 <= h <= 12 else f"{cardinal(h)} hundred"
        said = cardinal(h)
        if mins:
            said += f" oh {cardinal(mins)}" if mins < 10 else f" {cardinal(mins)}"
        return said + meridiem(m)

    def hour(m: re.Match[str]) -> str:
        return cardinal(int(m["h"])) + meridiem(m) if int(m["h"]) <= 24 else m[0]

    return _HOUR_RE.sub(hour, _CLOCK_RE.sub(clock, text))
