"""Presenting: labels in both languages, tables, charts, their one-sentence readings and the
downloads of the book's pages, and the Sphinx extension that keeps the site offline.

Put here what turns the analyses' frames into what a page shows (a chart's encoding, a table's
columns, a sentence that reads a chart); keep out what decides a figure (a status, a verdict, a
sum): that belongs in analyses/, where it is tested without a page.
"""
