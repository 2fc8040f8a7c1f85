"""Make docs/html-viewer.png: the interactive chart of a generated 15,000-person company
(``orgraph render -o OUT.html``, the chart book's pages), after a search and a click.

Run from the repository root: ``python scripts/viewer_picture.py`` (needs Debian's chromium
and ``pip install -e '.[browser]'``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright import sync_api

from orgraph.book.html import html_chart
from orgraph.generate import generate_company

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    org = generate_company(15_000, seed=7)
    person = next(n for n in org if org.nodes[n]["kind"] == "department"
                  and org.line_superior(n) not in (None, "p1"))
    name = org.nodes[person]["label"].split("\n")[0]
    with tempfile.TemporaryDirectory() as tmp, sync_api.sync_playwright() as pw:
        page_file = Path(tmp) / "chart.html"
        page_file.write_text(html_chart(org, lang="en"), encoding="utf-8")
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.goto(page_file.as_uri())
        tab.wait_for_selector("#og-stage svg")
        tab.fill("#og-search", name)
        tab.click(f'#og-results button[data-id="{person}"]')
        tab.wait_for_timeout(500)
        tab.screenshot(path=str(ROOT / "docs" / "html-viewer.png"))
        browser.close()
    print("docs/html-viewer.png")


if __name__ == "__main__":
    main()
