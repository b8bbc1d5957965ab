"""The book's charts, one module per chapter, named as its notebook (compare.py draws the charts
of compare.ipynb); a chapter that shows another chapter's chart (the landing page, the findings)
imports it from there.

Put here how a chapter's frames are drawn: the marks and encodings of each chart, its title, its
tooltips and the one-sentence reading computed from the same frame. A helper two chapters draw
with gets a small module of its own (plan_colours.py, statuses.py), so that a role or a status
looks the same on every page.

Keep out what decides a figure (a status, a verdict, a share): that is computed and tested in
analysis.analyses. Keep out how a chart reaches a page (the palette, the theme, the Vega embed
and the Figure with its reading): that is site/figure.py. The words around the data (headings,
the names of codes) are in site/labels.py.
"""
