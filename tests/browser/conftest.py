"""End-to-end tests in Debian's Chromium, driven by Playwright, against a live gunicorn.

Where Chromium or Playwright is missing, these tests are skipped with the reason, so `make test`
works anywhere. `make test-browser` (and so `.ci/run`) sets REQUIRE_BROWSER=1, which turns any
skip into a failure: CI cannot pass without having run them.

The browser and the server are package-scoped, not session-scoped (as pytest-playwright's are):
Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses ORM calls
while one runs (SynchronousOnlyOperation), so the browser must be gone before the rest of the
suite runs. Tests share one server and its database, so each leaves data the others do not
depend on (the workflow test adds a practice with a unique title).
"""

import importlib.util
import os
from pathlib import Path

import pytest

from tests.browser.site import PROJECT_ROOT, TOTP_KEYS, USERS, LiveSite, next_recovery_code

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
FAILURES = PROJECT_ROOT / "test-artifacts" / "browser-failures"
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM}: browser tests not run; see README"
    for module, package in (("playwright", "playwright"), ("axe_playwright_python", "axe")):
        if importlib.util.find_spec(module) is None:
            return (
                f"{package} is not installed (pip install -e '.[browser]'): "
                "browser tests not run; see README"
            )
    return None


NO_BROWSER = why_no_browser()
_skipped = []


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if NO_BROWSER and REQUIRE_BROWSER:
        raise pytest.UsageError(f"REQUIRE_BROWSER is set, but {NO_BROWSER}")
    if NO_BROWSER:
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=NO_BROWSER))


def pytest_runtest_logreport(report):
    if report.skipped and "browser" in report.keywords:
        _skipped.append(f"{report.nodeid}: {report.longrepr[-1] if report.longrepr else ''}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


def pytest_terminal_summary(terminalreporter):
    if NO_BROWSER:
        terminalreporter.write_line(f"browser tests skipped: {NO_BROWSER}", yellow=True)
    elif REQUIRE_BROWSER and _skipped:
        terminalreporter.write_line(
            "REQUIRE_BROWSER is set, so these skipped browser tests fail the run:\n  "
            + "\n  ".join(_skipped),
            red=True,
        )


def pytest_sessionfinish(session, exitstatus):
    if REQUIRE_BROWSER and _skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="package")
def live_site(tmp_path_factory):
    """gunicorn with production settings over its own database, seeded with the demo data."""
    site = LiveSite(tmp_path_factory.mktemp("live-site"))
    site.start()
    yield site
    site.stop()


@pytest.fixture(scope="package")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """What the browser reported while a test ran: CSP violations, script errors, 5xx, and
    stylesheets, scripts or images that failed to load."""

    def __init__(self):
        self.csp_violations = []
        self.console_errors = []
        self.page_errors = []
        self.server_errors = []
        self.broken_resources = []

    def watch(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("response", self._on_response)

    def _on_console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp_violations.append(text)
        elif message.type == "error":
            self.console_errors.append(text)

    def _on_response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")
        elif response.status >= 400 and response.request.resource_type != "document":
            self.broken_resources.append(f"{response.status} {response.url}")


# Collects `securitypolicyviolation` events from the first script run in every document, so a
# violation is seen even where Chromium would not log it to the console.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile || document.URL}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def new_context(request, chromium, live_site):
    """new_context() opens a browser context (its own cookies: one per signed-in user); keyword
    arguments go to Playwright's new_context (`java_script_enabled=False`, `viewport=…`)."""
    contexts = []

    def new_context(**options):
        context = chromium.new_context(
            **{
                "base_url": live_site.base_url,
                "viewport": {"width": 1280, "height": 900},
                "accept_downloads": True,
                **options,
            }
        )
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        return context

    yield new_context
    failed = getattr(request.node, "browser_test_failed", False)
    for number, context in enumerate(contexts):
        if failed:
            # What each tab showed when the test failed, for whoever reads the CI log.
            FAILURES.mkdir(parents=True, exist_ok=True)
            for tab_number, tab in enumerate(context.pages):
                name = f"{request.node.name}-{number}-{tab_number}.png"
                tab.screenshot(path=FAILURES / name, full_page=True)
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def page(context, page_problems, live_site):
    page = context.new_page()
    page_problems.watch(page)
    yield page
    assert not page_problems.server_errors, (
        f"Server errors: {page_problems.server_errors}\n"
        f"The server's log ends with:\n{live_site.server_log()[-4000:]}"
    )
    assert not page_problems.page_errors, f"Script errors: {page_problems.page_errors}"
    assert not page_problems.broken_resources, f"Not loaded: {page_problems.broken_resources}"


@pytest.fixture
def log_in(new_context):
    """log_in("member") returns a page signed in to the admin as that user, in its own context.
    Editors and the admin also give their second factor (a recovery code: see site.py)."""

    def log_in(username):
        page = new_context().new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(USERS[username])
        page.get_by_role("button", name="Log in").click()
        if username in TOTP_KEYS:
            page.wait_for_url("**/admin/two-factor/**")
            page.get_by_label("Code").fill(next_recovery_code(username))
            page.get_by_role("button", name="Verify").click()
        page.wait_for_url("**/admin/")
        return page

    return log_in


@pytest.fixture(scope="session")
def screenshots_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
