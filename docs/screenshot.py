"""Screenshot of a run report, as shown in the README (docs/report-example.png).

    .venv/bin/newsbeam run --input examples/articles.jsonl --output out/example --overwrite
    .venv/bin/python docs/screenshot.py out/example/report.html docs/report-example.png

Uses Debian's chromium (`apt-get install chromium`) through playwright, as the browser test does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def main(page_path: str, png: str, chromium: str = "/usr/bin/chromium") -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        browser = driver.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900})
        page = browser.new_page()
        page.goto(Path(page_path).resolve().as_uri())
        page.wait_for_selector("body[data-charts=drawn]", timeout=60_000)
        page.screenshot(path=png, full_page=True)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
