"""A plan text as the rules read it: the same characters at the same places, written one way.

Copies of a plan on the web differ from the official text in ways a reader does not notice:
half-width punctuation (, ; : ( ) .) where the official text has full-width (，；：（）。),
full-width digits (２０２５), corner quotes (「十四五」) and traditional script (力爭達到). The
cue words, headings and units of the rules are written one way, so every rule reads this view.

The view is one character for one character, so a place found in it is the same place in the
cleaned text, and quotes are always cut from the cleaned text, never from the view.
Traditional characters are mapped one by one with OpenCC's table (``t2s``); a character whose
simplified form is not a single character is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FULL_WIDTH = {chr(0xFF10 + d): str(d) for d in range(10)} | {
    "％": "%",
    "．": ".",
    "「": "“",
    "」": "”",
    "『": "“",
    "』": "”",
    "«": "《",
    "»": "》",
}
# Half-width punctuation standing where Chinese text has full width; a comma or colon between
# two digits (1,000 or 10:30) is part of the number and stays.
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[,:](?=\d)")
# A full stop written "." after Chinese text or a percentage (a PDF's text layer), not a
# decimal point or the dot of a numbered item (1.).
_FULL_STOP = re.compile(r"(?<=[^\x00-\x24\x26-\x7f])\.(?!\d)")  # \x25 is %


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _simplified(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def reading_view(text: str) -> str:
    """The text with punctuation, digits and script written one way, character for character."""
    keep = {m.start() for m in _BETWEEN_DIGITS.finditer(text)}
    stops = {m.start() for m in _FULL_STOP.finditer(text)}
    out = []
    for at, char in enumerate(text):
        if at in stops:
            char = "。"
        elif char in _FULL_WIDTH:
            char = _FULL_WIDTH[char]
        elif char in _HALF_WIDTH and at not in keep:
            char = _HALF_WIDTH[char]
        elif char >= "\u3400":
            char = _simplified(char)
        out.append(char)
    return "".join(out)


def normalised(text: str) -> list[str]:
    """What the view changed, as the add-plan command reports it: one phrase per kind."""
    view = reading_view(text)
    changed = [(a, b) for a, b in zip(text, view, strict=True) if a != b]
    kinds = {
        "half-width punctuation": sum(a in _HALF_WIDTH or a == "." for a, _ in changed),
        "full-width digits or signs": sum(a in _FULL_WIDTH for a, _ in changed),
        "traditional characters": sum(a >= "\u3400" and a not in _FULL_WIDTH for a, _ in changed),
    }
    return [f"{kind} read as the official text writes it: {n}" for kind, n in kinds.items() if n]
