"""Rebuilding only what changed: every cache of the build, on one protocol (see step).

- fingerprint: the data folder and the package hashed once per build, as {file: SHA-256}; the
  build key, the validation memo, the checks of the stored hashes and the manifest all read it.
- step: what a skippable unit of work is (its ingredients and their checksums; dirty or not).
- validation_memo: passed validation units, by the bytes they were computed from.
- notebook_cache: executed notebooks, with fingerprints of what each read from the warehouse.

Put here whatever decides that work can be skipped; keep out the work itself (reading,
checking, loading, running a notebook), which must not know whether it is being remembered.
"""
