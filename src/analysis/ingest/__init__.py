"""Reading: the CSV files, the plan texts and what can be read off them (sections, numbers,
agency notes, the completeness scan). Pure functions of the files; no warehouse, no checks.

Put here what turns bytes into typed tables and cleaned text; keep out rules (checks/), caches
and hashing (pipeline/rebuild): a DataSet carries the hashes it was given, it computes none.
"""
