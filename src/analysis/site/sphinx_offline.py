"""A small Sphinx extension that keeps every page offline and free of console errors.

Jupyter Book always loads sphinx-thebe, which declares a CDN address for Thebe (and, included
twice, raises a console error); the book has no live-code buttons, so its scripts are dropped.
The theme's colour mode is fixed to light so that the theme script does not report an invalid mode.
"""

from __future__ import annotations

from typing import Any


def _not_thebe(asset: Any) -> bool:
    names = str(getattr(asset, "filename", "") or "") + str(
        getattr(asset, "attributes", {}).get("body", "")
    )
    return "thebe" not in names.lower()


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if _not_thebe(asset)]


def _light_mode(app, config) -> None:
    config.html_context = {**(config.html_context or {}), "default_mode": "light"}


def setup(app) -> dict:
    app.connect("config-inited", _light_mode)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
