"""Validation beside the build: notebook threads ask whether it failed while the build waits
for its result."""

from __future__ import annotations

import threading

from analysis.pipeline.rebuild.validation_memo import ValidationMemo
from analysis.pipeline.validation import start_validation

from ..conftest import DATA


def test_threads_asking_whether_validation_failed_while_the_build_waits():
    pending = start_validation(DATA, ValidationMemo(None))
    assert pending.suites, "with nothing remembered the suites run in the second process"
    finished = threading.Event()
    errors: list[BaseException] = []
    answers: list[bool] = []

    def ask() -> None:
        try:
            while not finished.is_set():
                answers.append(pending.failed())
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    try:
        outcomes = pending.result()
    finally:
        finished.set()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert answers and not any(answers)  # the real data is valid
    assert outcomes == pending.outcomes
