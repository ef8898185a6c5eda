"""Accessibility in Chromium: axe-core over every page type, the keyboard, focus, screenshots.

axe runs the WCAG 2.1 A and AA rules; a serious or critical violation fails the test, with the
rule, its help page and the offending elements in the message.
"""

import re

import pytest

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(axe, page, what):
    results = axe.run(page, options=WCAG_21_AA)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, (
        f"{what} ({page.url}) has {len(blocking)} serious or critical WCAG 2.1 AA "
        f"violation(s):\n{describe(blocking)}"
    )


def first_link(page, selector):
    link = page.locator(selector).first
    return link.get_attribute("href")


@pytest.fixture(scope="module")
def public_pages(chromium, live_site):
    """Every public page type, found by following links from the list as a visitor would."""
    context = chromium.new_context(base_url=live_site.base_url)
    page = context.new_page()
    page.goto("/practices/")
    practice = first_link(page, ".practice-card__title a")
    page.goto(practice)
    region = first_link(page, "main a[href^='/regions/']:not([href='/regions/'])")
    target_group = first_link(page, "main a[href^='/target-groups/']")
    context.close()
    return {
        "home": "/",
        "list": "/practices/",
        "filtered list with no results": "/practices/?target_group=neets&start_from=2100",
        "search results": "/practices/?q=mentoring",
        "practice": practice,
        "region": region,
        "region list": "/regions/",
        "target group": target_group,
        "about": "/about/",
        "accessibility statement": "/accessibility/",
        "open data guide": "/api/",
        "404": "/practices/no-such-practice-here/",
    }


@pytest.mark.parametrize(
    "what",
    [
        "home",
        "list",
        "filtered list with no results",
        "search results",
        "practice",
        "region",
        "region list",
        "target group",
        "about",
        "accessibility statement",
        "open data guide",
        "404",
    ],
)
def test_public_page_has_no_serious_accessibility_violations(axe, page, public_pages, what):
    path = public_pages[what]
    assert path, f"no link to a {what} page was found"
    response = page.goto(path)
    assert response.status == (404 if what == "404" else 200)
    if what == "filtered list with no results":
        assert page.get_by_text("No practices match").is_visible()
    assert_accessible(axe, page, what)


def test_the_members_submission_form_has_no_serious_accessibility_violations(axe, log_in):
    page = log_in("member")
    page.goto("/admin/practices/practice/add/")
    assert page.locator("#practice_form").is_visible()
    assert_accessible(axe, page, "the member's add-practice form")


def test_the_lockout_page_is_clear_and_accessible(axe, page):
    # A made-up username, so that no account of the other tests gets locked.
    page.goto("/admin/login/")
    for attempt in range(5):
        page.locator("#id_username").fill("password-guesser")
        page.locator("#id_password").fill(f"guess-{attempt}")
        page.locator("input[type=submit]").click()
        page.wait_for_load_state("load")
        if attempt < 4:
            page.wait_for_url("**/admin/login/**")
    assert page.locator("h1").inner_text() == "Sign-in temporarily locked"
    assert page.get_by_text("Even the right password is refused").is_visible()
    assert_accessible(axe, page, "the lockout page")


def test_the_filter_form_works_with_the_keyboard_alone(page):
    page.goto("/practices/")
    # Tab from the top of the page until a filter checkbox has the focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return {tag: e.tagName, type: e.type || '', name: e.name || '',"
            " summary: e.tagName === 'SUMMARY'}; }"
        )
        if focused["summary"]:
            page.keyboard.press("Enter")  # open the group of filters
            continue
        if focused["type"] == "checkbox":
            break
    else:
        pytest.fail("Tab never reached a filter checkbox")
    checkbox = page.locator(":focus")
    value = checkbox.get_attribute("value")
    name = checkbox.get_attribute("name")
    page.keyboard.press("Space")
    # The list updates at once (static/js/browse.js); the focus stays on the same checkbox.
    page.wait_for_url(re.compile(rf"[?&]{name}={re.escape(value)}(&|$)"))
    page.wait_for_function("() => !document.querySelector('[data-browse]').ariaBusy")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()
    assert page.evaluate("document.activeElement.value") == value
    assert page.locator(".chips").is_visible()
    assert "found" in page.locator("#results-status").inner_text()


def focus_ring(page):
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"
    )


def test_focus_is_visible_on_links_fields_and_buttons(page):
    page.goto("/practices/")
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName")
        if tag == "BODY":
            continue
        ring = focus_ring(page)
        visible = (ring["outline"] != "none" and ring["width"] != "0px") or ring["shadow"] != "none"
        assert visible, f"no visible focus on {tag}: {ring}"
        assert page.evaluate("document.activeElement.matches(':focus-visible')")
        seen.add(tag)
    # The skip link, navigation links, the search field and buttons were all checked.
    assert {"A", "INPUT", "BUTTON"} <= seen, seen


def test_the_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/practices/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_home_list_and_practice(context, public_pages, screenshots_dir, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    for name in ("home", "list", "practice"):
        page.goto(public_pages[name])
        page.wait_for_load_state("load")
        # No horizontal scrolling at either width (WCAG 1.4.10 reflow at 390 px).
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        path = screenshots_dir / f"{name}-{width}.png"
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 10_000
    page.close()
