"""The one way validation runs, for `build`, `validate`, `load` and `draft-targets --accept`.

`start_validation` fingerprints the data folder once (unless the caller has), reads it leniently
(a cell that cannot be read is kept empty and reported with every rule's problems, so that a
file's problems come at once, not in layers), takes from the memo the units that passed on the
same bytes, runs the scans at once and the Great Expectations suites in a forked process. A
command that has nothing else to do waits for the answer (`validated`); a build loads the
warehouse and runs the notebooks meanwhile, with the outcomes the rules have when they pass
(every row checked, none failed). Before publishing, the real outcomes must be exactly those, so
the quality page never reports a check that did not run.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from analysis.checks.cross_table import SCAN_READS
from analysis.checks.suites import in_order, passing_outcomes, units, validate, with_read_problems
from analysis.contract.problems import DataError, Outcome, Problem
from analysis.ingest.dataset import DataSet, read_data
from analysis.pipeline.rebuild.fingerprint import Fingerprint, package_fingerprint
from analysis.pipeline.rebuild.validation_memo import ValidationMemo


def read(data_dir: Path, fingerprint: Fingerprint | None = None, *, strict: bool = False):
    """The data folder read with its fingerprint (the hashes the checks compare with)."""
    fingerprint = fingerprint or Fingerprint.of(data_dir)
    return read_data(data_dir, strict=strict, digests=fingerprint.files)


def _suites(data: DataSet, today: dt.date | None, todo: set[str], out: Connection) -> None:
    try:
        out.send(validate(data, today, todo))
    except BaseException:  # the parent reports it; a child must not die silently
        out.send(traceback.format_exc())
    finally:
        out.close()


class PendingValidation:
    """Validation of the units not remembered as passed: the scans at once (they are quick and
    need no Great Expectations), the suites in a forked process when the caller has other work
    to do meanwhile (`beside`), else at once in this one."""

    def __init__(
        self,
        data: DataSet,
        data_fingerprint: Fingerprint,
        memo: ValidationMemo,
        today: dt.date | None = None,
        *,
        beside: bool = True,
    ):
        self.data, self.today = data, today
        self.units = memo.units(data_fingerprint, package_fingerprint(), units(data, today), today)
        remembered = {name: unit.stored() for name, unit in self.units.items()}
        self.known = {name: o for name, o in remembered.items() if o is not None}
        todo = set(self.units) - set(self.known)
        scans, self.suites = todo & set(SCAN_READS), todo - set(SCAN_READS)
        self.problems, self.fresh = validate(data, today, scans) if scans else ([], {})
        assumed = {**self.known, **self.fresh, **passing_outcomes(data, today, self.suites)}
        self.outcomes: list[Outcome] = in_order(data, assumed, today)
        self._reply: Connection | None = None
        self._answer: tuple | str | None = None
        self._receiving = threading.Lock()
        if self.suites and not beside:
            self._answer = validate(data, today, self.suites)
        elif self.suites:
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
        if self.problems or self.data.read_problems:
            return True
        answer = self._suite_reply(wait=False)
        return isinstance(answer, str) or bool(answer and answer[0])

    def result(self) -> list[Outcome]:
        """Wait for the suites; raise DataError with every problem found (the unreadable cells
        first). Returns the outcomes."""
        problems: list[Problem] = list(self.problems)
        fresh = dict(self.fresh)
        reply = self._suite_reply(wait=True)
        if isinstance(reply, str):
            raise RuntimeError(f"validation could not run:\n{reply}")
        if reply is not None:
            suite_problems, suite_outcomes = reply
            problems += suite_problems
            fresh.update(suite_outcomes)
        for name, outcomes in fresh.items():
            self.units[name].remember(outcomes)
        problems = with_read_problems(self.data, problems)
        if problems:
            raise DataError(problems)
        real = in_order(self.data, {**self.known, **fresh}, self.today)
        if real != self.outcomes:
            raise RuntimeError("the validation outcomes differ from those loaded in the warehouse")
        return real


def start_validation(
    data_dir: Path,
    memo: ValidationMemo,
    *,
    fingerprint: Fingerprint | None = None,
    today: dt.date | None = None,
    beside: bool = True,
) -> PendingValidation:
    """Read the data folder and start validating it (see the module's docstring); raises
    DataError at once only when a file cannot be read at all."""
    fingerprint = fingerprint or Fingerprint.of(data_dir)
    data = read(data_dir, fingerprint)
    return PendingValidation(data, fingerprint, memo, today, beside=beside)


def validated(
    data_dir: Path, memo: ValidationMemo | None = None, today: dt.date | None = None
) -> tuple[DataSet, list[Outcome]]:
    """The data, read and validated, with the outcome of every rule; raises DataError listing
    every problem. With a memo, a unit whose inputs are byte for byte those of an earlier pass
    is not run again."""
    pending = start_validation(data_dir, memo or ValidationMemo(None), today=today, beside=False)
    outcomes = pending.result()
    return pending.data, outcomes
