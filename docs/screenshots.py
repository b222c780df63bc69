"""Screenshots of the featured theme pages (desktop and phone) for the README.

    .venv/bin/python docs/screenshots.py [--site site] [--out docs/screenshots]

Serves the built site locally, opens each featured theme page in headless Chromium (the
same launch as the browser tests), waits for every chart in view to be drawn, and saves
the top of the page. Run `make site` first; `make screenshots` does both."""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edplans.config import load_config  # noqa: E402
from edplans.errors import ErrorCollector  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, DEFAULT_CHROMIUM  # noqa: E402

DEVICES = {
    "desktop": dict(viewport={"width": 1280, "height": 900}, device_scale_factor=1),
    "phone": dict(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True),
}
HEIGHT = {"desktop": 1500, "phone": 1900}   # the top of the page: header, contents, first charts
LANGS = {"desktop": "en", "phone": "zh"}   # one of each, so both interfaces are shown


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    config = load_config(ROOT, ErrorCollector())
    handler = functools.partial(QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("EDPLANS_CHROMIUM", DEFAULT_CHROMIUM),
                                    headless=True, args=CHROMIUM_ARGS)
        for device, options in DEVICES.items():
            lang = LANGS[device]
            context = browser.new_context(**options, locale="en-US" if lang == "en" else "zh-CN")
            page = context.new_page()
            for theme in config.featured_themes:
                page.goto(f"{base}/{lang}/themes/{theme}/", wait_until="load")
                height = HEIGHT[device]
                for plot in page.locator(".chart-plot").all():   # draw the charts in the picture
                    if plot.evaluate("el => el.getBoundingClientRect().top + scrollY") < height:
                        plot.scroll_into_view_if_needed()
                        page.wait_for_function("el => el.dataset.state === 'drawn'", arg=plot.element_handle(),
                                               timeout=30000)
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(300)
                target = args.out / f"theme-{theme}-{device}.png"
                page.screenshot(path=str(target), full_page=True,
                                clip={"x": 0, "y": 0, "width": options["viewport"]["width"], "height": height})
                print(f"wrote {target.relative_to(ROOT)}")
            context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
