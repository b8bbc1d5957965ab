"""Authoring: the tools a person forking the book uses to add data, run by the command line and
never by a build. add-area, add-plan and remove-plan (add_plan), draft-targets and its --accept
(drafts, drafting, with the vocabulary of synonyms drafting reads).

Put here what writes into data/ on a person's request, and what proposes rows for review; keep
out what a build reads or checks (ingest/, checks/): a build must never depend on these tools.
"""
