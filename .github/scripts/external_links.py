"""List the external links of a built site that do not answer, for the weekly link check.

The build and its tests are offline and never follow these links; this runs only where there is
a network (a scheduled CI job) and reports, without failing anything: a dead source address is a
reason to find a better copy, not to stop publishing.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

LINK = re.compile(r'href="(https?://[^"#]+)')


def answers(url: str) -> str | None:
    """None when the address answers, else what went wrong."""
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "link-check"})
    try:
        with urllib.request.urlopen(request, timeout=20):
            return None
    except urllib.error.HTTPError as err:
        return None if err.code in (403, 405) else f"HTTP {err.code}"
    except (urllib.error.URLError, TimeoutError, ValueError) as err:
        return str(getattr(err, "reason", err))


def main(site: Path) -> int:
    links = sorted({m for p in site.rglob("*.html") for m in LINK.findall(p.read_text("utf-8"))})
    dead = [(url, why) for url in links if (why := answers(url))]
    print(f"{len(links)} external links, {len(dead)} not answering")
    for url, why in dead:
        print(f"  {url}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")))
