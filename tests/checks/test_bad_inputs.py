"""The corpus of bad and messy inputs: each bad one is refused with its message, each messy one
is read correctly.

A case is a folder under fixtures/: `files/` overlays files onto a copy of data/, and
`case.json` may hold a text edit (or a list of them, `edits`) and the messages (substrings) the
problems must contain.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis.contract.problems import DataError
from analysis.pipeline.rebuild.validation_memo import ValidationMemo
from analysis.pipeline.validation import validated

from ..conftest import FIXTURES

BAD = sorted(p.name for p in (FIXTURES / "bad").iterdir())
MESSY = sorted(p.name for p in (FIXTURES / "messy").iterdir())


def _apply(case: Path, data: Path) -> dict:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    if (case / "files").exists():
        shutil.copytree(case / "files", data, dirs_exist_ok=True)
    for edit in [spec["edit"]] if "edit" in spec else spec.get("edits", []):
        path = data / edit["file"]
        text = path.read_bytes().decode("utf-8")
        assert edit["old"] in text, f"{case.name}: the edit no longer applies"
        path.write_bytes(text.replace(edit["old"], edit["new"], 1).encode("utf-8"))
    return spec


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> ValidationMemo:
    """One validation memo for the corpus: a case validates again only the rules whose files it
    changed (the memo is keyed on their bytes), as a build does; the rest passed once."""
    return ValidationMemo(tmp_path_factory.mktemp("memo"))


def _problems(data: Path, memo: ValidationMemo) -> list[str]:
    try:
        validated(data, memo)
        return []
    except DataError as err:
        return [str(p) for p in err.problems]


def test_the_corpus_is_large_enough():
    assert len(BAD) >= 50


@pytest.mark.parametrize("name", BAD)
def test_bad_input_is_refused_with_its_message(name: str, data_copy: Path, memo: ValidationMemo):
    spec = _apply(FIXTURES / "bad" / name, data_copy)
    problems = _problems(data_copy, memo)
    assert problems, f"{name}: accepted"
    for expected in spec["expect"]:
        assert any(expected in p for p in problems), (expected, problems)


@pytest.mark.parametrize("name", MESSY)
def test_messy_input_is_normalised(name: str, data_copy: Path, memo: ValidationMemo):
    spec = _apply(FIXTURES / "messy" / name, data_copy)
    dataset, _ = validated(data_copy, memo)  # raises DataError on any problem
    added = dataset["statistics"].query("year == 2019 and indicator_id == 'gdp'")
    assert added.value.tolist() == [spec["value"]]
    assert added.snippet.iloc[0].startswith("夹具句子")
    assert added.geo.tolist() == ["beijing"]
