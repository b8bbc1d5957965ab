"""Presenting: labels in both languages, tables, charts and downloads for the book's pages, and
the Sphinx extension that keeps the site offline. Takes the analyses' frames; computes nothing."""
