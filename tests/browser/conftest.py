"""Headless Chromium (the Debian package at /usr/bin/chromium) driven by Playwright.

No browser is ever downloaded: where /usr/bin/chromium is absent every
browser test is skipped with the reason (CI installs it with apt-get).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from communique.pipeline.writers.report import build_report

from .sample_outputs import write_outputs

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = (
    f"browser tests skipped: {CHROMIUM} is absent "
    "(install the Debian package: apt-get install chromium)"
)


_skipped: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip every browser test, loudly, where Chromium or Playwright is missing."""
    reason = None
    if not CHROMIUM.exists():
        reason = SKIP_REASON
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "browser tests skipped: playwright is not installed (pip install -e '.[dev]')"
    if reason:
        browser_items = [item for item in items if "browser" in item.keywords]
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=reason))
        if browser_items:
            _skipped.append(f"{len(browser_items)} {reason}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say it at the end of `make test`, not only with -rs."""
    for line in _skipped:
        terminalreporter.write_line(f"NOTE: {line}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = write_outputs(tmp_path_factory.mktemp("run") / "outputs")
    return build_report(out).as_uri()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with what it logged: console errors, uncaught exceptions, dialogs."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("dialog", self._dialog)

    def _console(self, message: object) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: object) -> Iterator[Watched]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield Watched(page)
    context.close()


@pytest.fixture
def page(watched: Watched) -> object:
    return watched.page
