"""Numbers in words, as a US newsreader says them (num2words underneath)."""

from __future__ import annotations

from num2words import num2words

# A number as written in English copy: 1,234,567.89 or 2400 or 3.5.
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Longer numbers are read digit by digit (and Python refuses int() on very long digit strings).
LONGEST_SAID_WHOLE = 18
_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _tidy(words: str) -> str:
    # num2words writes British "one hundred and five" with commas; US newsreaders say neither,
    # and the commas would add pauses inside a number.
    return words.replace(",", "").replace(" and ", " ")


def digits(text: str) -> str:
    """Say each digit of `text`: "007" -> "zero zero seven"."""
    return " ".join(_DIGIT_WORDS[int(c)] for c in text if c.isdecimal())


def cardinal(value: int) -> str:
    """A whole number in words, US style: 105 -> "one hundred five"."""
    if len(str(abs(value))) > LONGEST_SAID_WHOLE:
        return ("minus " if value < 0 else "") + digits(str(abs(value)))
    return _tidy(num2words(value))


def ordinal(value: int) -> str:
    """An ordinal in words: 79 -> "seventy-ninth"."""
    if len(str(value)) > LONGEST_SAID_WHOLE:
        return digits(str(value))
    return _tidy(num2words(value, to="ordinal"))


def year(value: int) -> str:
    """A year as said: 2024 -> "twenty twenty-four", 2005 -> "two thousand five"."""
    return _tidy(num2words(value, to="year"))


def number(written: str) -> str:
    """A written number ("1,234", "3.14", "007") in words; decimals are read digit by digit."""
    whole, _, fraction = written.replace(",", "").partition(".")
    if len(whole) > LONGEST_SAID_WHOLE or (len(whole) > 1 and whole.startswith("0")):
        said = digits(whole)
    else:
        said = cardinal(int(whole))
    return f"{said} point {digits(fraction)}" if fraction else said


def in_pairs(written: str) -> str:
    """A name's number said as people say model and plan numbers: "737" -> "seven thirty-seven".

    "401" -> "four oh one", "900" -> "nine hundred"; four digits as a year ("1040" -> "ten
    forty"); anything else as `number` says it.
    """
    if len(written) == 3 and written.isdecimal() and written[0] != "0":
        tail = int(written[1:])
        if tail == 0:
            return f"{cardinal(int(written[0]))} hundred"
        said_tail = f"oh {cardinal(tail)}" if tail < 10 else cardinal(tail)
        return f"{cardinal(int(written[0]))} {said_tail}"
    if len(written) == 4 and written.isdecimal() and written[0] != "0":
        return year(int(written))
    return number(written)


def pluralize(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties"."""
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def is_year(written: str) -> bool:
    return len(written) == 4 and written.isdecimal() and 1000 <= int(written) <= 2099


def spoken_amount(first: str, second: str | None) -> str:
    return number(first) + (f" to {number(second)}" if second else "")
