"""Building: the command line, the build that runs every stage in order, the notebook runner,
the rebuild cache and the Jupyter Book step. The only stage that writes the published site."""
