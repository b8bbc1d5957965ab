"""Checking: the Great Expectations suites and the cross-table and plan-text rules they assert.
A build publishes nothing unless every rule passes."""
