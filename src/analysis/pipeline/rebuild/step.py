"""The one protocol every rebuild cache follows (after owid/etl's Step): a unit of work names
its ingredients once, each with a checksum of its bytes, and is dirty unless a stored result
was made from exactly those ingredients.

Three kinds of unit implement it: the whole site (pipeline.build), a validation unit
(validation_memo) and a notebook (notebook_cache). A failed unit is never stored, so a failure
is reported again on every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from analysis.pipeline.rebuild.fingerprint import combined


def key_of(ingredients: Mapping[str, str]) -> str:
    """The key of a unit: the one hash of its ingredients' names and checksums that the
    manifest also uses for the data folder."""
    return combined(ingredients)


class Step(Protocol):
    """A unit of the build that can be skipped when nothing it is made from changed."""

    name: str

    def ingredients(self) -> dict[str, str]:
        """What the unit is made from, each input by name with a checksum of it."""
        ...

    def is_dirty(self) -> bool:
        """Whether the unit must be made again: no stored result has its ingredients' key."""
        ...
