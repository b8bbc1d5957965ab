"""The final account: met or missed only on a figure for the target year, every due target
listed once."""

from __future__ import annotations

from analysis.analyses import final_account, progress


def test_met_and_missed_need_a_figure_for_the_target_year():
    assert final_account.outcome(progress.ACHIEVED, 2025, 2025) == final_account.MET
    assert final_account.outcome(progress.OFF_TRACK, 2025, 2025) == final_account.MISSED
    # a figure two years early that already meets the target does not settle it
    assert final_account.outcome(progress.ACHIEVED, 2023, 2025) == final_account.NOT_PUBLISHED
    assert final_account.outcome(progress.NO_DATA, None, 2025) == final_account.NOT_PUBLISHED
    # a later figure (the target year's own is missing) still settles it
    assert final_account.outcome(progress.ACHIEVED, 2026, 2025) == final_account.MET
    # "more than 130" against "at least 200" shows no miss: the true value may be higher
    assert final_account.outcome(progress.OFF_TRACK, 2025, 2025, bound=True) == (
        final_account.NOT_PUBLISHED
    )
    # but a bound that already meets the target is met
    assert final_account.outcome(progress.ACHIEVED, 2025, 2025, bound=True) == final_account.MET


def test_every_quantified_target_due_in_2025_is_accounted_for_once(warehouse):
    plans = ["beijing-2022", "changping-2023"]
    due = warehouse.execute(
        "SELECT target_id FROM targets WHERE plan_id IN (SELECT unnest(?)) AND target_year = 2025 "
        "AND comparator <> 'qualitative' AND value IS NOT NULL ORDER BY 1",
        [plans],
    ).fetchall()
    account = final_account.final_account(warehouse, plans, 2025, 2025)
    assert sorted(account.target_id) == [t for (t,) in due]
    assert set(account.outcome) <= set(final_account.OUTCOMES)
    settled = account[account.outcome != final_account.NOT_PUBLISHED]
    assert (settled.latest_year >= 2025).all()
    # a related figure is context for a target without its own figure, never beside one
    assert (account[account.related != ""].latest_year.isna()).all()


def test_the_sentences_add_up_to_the_counts(warehouse):
    plans = ["beijing-2022", "changping-2023"]
    account = final_account.final_account(warehouse, plans, 2025, 2025)
    counts = final_account.counts(account, plans).set_index("outcome")
    lines = final_account.sentences(warehouse, account, plans, 2025)
    for plan, (_, en) in zip(plans, lines, strict=True):
        met, missed, none = (int(counts.at[o, plan]) for o in final_account.OUTCOMES)
        total = met + missed + none
        assert f"{total} quantified targets for 2025: {met} met, {missed} missed" in en
