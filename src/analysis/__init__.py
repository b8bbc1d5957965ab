"""Carbon-peaking plans of Beijing and Changping: data, warehouse, validation, analyses, book."""

__version__ = "0.1.0"
