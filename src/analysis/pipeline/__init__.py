"""Building: the sequence of stages (build), the notebook runner, the Jupyter Book step, the
build lock, the manifest and verify, the one way validation runs (validation), and the rebuild
machinery (rebuild/). The only stage that writes the published site.

Put here what orders the stages and decides what is published; keep out the work of a stage
itself (reading, checking, loading, analysing, drawing), which lives in its own subpackage and
knows nothing of caches, and the command line, which sits above (analysis.cli).
"""
