"""Validation beside the build: the suites run in a second process while the warehouse is
loaded and the notebooks run, and nothing is published until they have passed.

Importing Great Expectations and running the suites takes seconds that the rest of the build
does not need to wait for: every page is built in a staging folder, which a failed validation
throws away. The warehouse is loaded with the outcomes the rules have when they pass (every row
checked, none failed); before publishing, the real outcomes must be exactly those, so the
quality page never reports a check that did not run.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
import traceback
from multiprocessing.connection import Connection

from analysis.checks.cross_table import SCAN_READS
from analysis.checks.memo import ValidationMemo
from analysis.checks.suites import in_order, passing_outcomes, units, validate
from analysis.contract.problems import DataError, Outcome, Problem
from analysis.ingest.dataset import DataSet


def _suites(data: DataSet, today: dt.date | None, todo: set[str], out: Connection) -> None:
    try:
        out.send(validate(data, today, todo))
    except BaseException:  # the parent reports it; a child must not die silently
        out.send(traceback.format_exc())
    finally:
        out.close()


class PendingValidation:
    """Validation of the units not remembered as passed: the scans at once (they are quick and
    need no Great Expectations), the suites in a forked process."""

    def __init__(self, data: DataSet, memo: ValidationMemo, today: dt.date | None = None):
        self.data, self.memo, self.today = data, memo, today
        self.keys = memo.keys(data, units(data, today), today)
        remembered = {unit: memo.passed(unit, key) for unit, key in self.keys.items()}
        self.known = {unit: o for unit, o in remembered.items() if o is not None}
        todo = set(self.keys) - set(self.known)
        scans, self.suites = todo & set(SCAN_READS), todo - set(SCAN_READS)
        self.problems, self.fresh = validate(data, today, scans) if scans else ([], {})
        assumed = {**self.known, **self.fresh, **passing_outcomes(data, today, self.suites)}
        self.outcomes: list[Outcome] = in_order(data, assumed, today)
        self._reply: Connection | None = None
        self._answer: tuple | str | None = None
        self._receiving = threading.Lock()
        if self.suites:
            context = multiprocessing.get_context("fork")
            self._reply, child_end = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_suites, args=(data, today, self.suites, child_end), daemon=True
            )
            self._process.start()
            child_end.close()

    def _suite_reply(self, wait: bool) -> tuple | str | None:
        """The suites' answer (problems and outcomes, or a traceback); None while they run.
        Notebook threads ask at the same time, hence the lock."""
        with self._receiving:
            if self._reply is not None and (wait or self._reply.poll()):
                try:
                    self._answer = self._reply.recv()
                except EOFError:
                    self._answer = "the validation process ended without an answer"
                self._process.join()
                self._reply = None
            return self._answer

    def failed(self) -> bool:
        """Whether a problem is known already, so that the build can stop instead of running
        notebooks whose pages will not be published."""
        answer = self._suite_reply(wait=False)
        return bool(self.problems) or isinstance(answer, str) or bool(answer and answer[0])

    def result(self) -> list[Outcome]:
        """Wait for the suites; raise DataError with every problem found. Returns the outcomes."""
        problems: list[Problem] = list(self.problems)
        fresh = dict(self.fresh)
        reply = self._suite_reply(wait=True)
        if isinstance(reply, str):
            raise RuntimeError(f"validation could not run:\n{reply}")
        if reply is not None:
            suite_problems, suite_outcomes = reply
            problems += suite_problems
            fresh.update(suite_outcomes)
        for unit, outcomes in fresh.items():
            if not any(o.failed for o in outcomes):
                self.memo.remember(unit, self.keys[unit], outcomes)
        if problems:
            raise DataError(problems)
        real = in_order(self.data, {**self.known, **fresh}, self.today)
        if real != self.outcomes:
            raise RuntimeError("the validation outcomes differ from those loaded in the warehouse")
        return real
