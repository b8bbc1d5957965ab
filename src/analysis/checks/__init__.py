"""Checking: the rules only. Great Expectations suites derived from the contract (required
columns, allowed values, keys, references between tables from Column.references) and the
cross-table and plan-text facts they assert. A build publishes nothing unless every rule passes.

Put here a rule and the sentence that explains its failure; keep out how and when validation
runs or is remembered (pipeline.validation, pipeline/rebuild) and any hashing: a check compares
a recorded hash with the one the pipeline's fingerprint gives it (DataSet.digest).
"""
