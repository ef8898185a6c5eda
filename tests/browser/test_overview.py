"""The overview in Chromium: the map and the charts render under the Content-Security-Policy,
axe-core finds nothing, a country on the map leads to its list, and screenshots at 1280 and
390 px for people to look at (test-artifacts/screenshots/overview-*.png)."""

import pytest

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


PAGES = {
    "home-map": "/",
    "overview-neets": "/practices/overview/?target_group=neets",
    "overview-spain-mobility": "/practices/overview/?country=ES&theme=learning-mobility",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_the_overview_pages_are_accessible(axe, page, page_problems, name):
    page.goto(PAGES[name])
    page.wait_for_load_state("load")
    violations = page_problems.csp_violations + page.evaluate("window.__cspViolations")
    assert not violations, violations
    # The map's shapes come from the site's own sprite: they drew (a shaded country has a box).
    box = page.locator("svg.picture--map a").first.bounding_box()
    assert box
    assert box["width"] > 5
    assert_accessible(axe, page, name)


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_maps_and_charts(new_context, screenshots_dir, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    for name, path in PAGES.items():
        page.goto(path)
        page.wait_for_load_state("load")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        page.screenshot(path=screenshots_dir / f"{name}-{width}.png", full_page=name != "home-map")
    page.goto("/practices/?country=ES")
    page.locator(".practice-card__title a").first.click()
    locator = page.locator("figure.locator")
    locator.scroll_into_view_if_needed()
    assert locator.locator("svg a").count() >= 1
    page.screenshot(path=screenshots_dir / f"practice-locator-{width}.png")


def test_a_country_on_the_map_leads_to_its_list(page):
    page.goto("/practices/overview/?target_group=neets")
    spain = page.locator("svg.picture--map a[aria-label^='Spain: ']")
    count = int(spain.get_attribute("aria-label").split(": ")[1].split()[0])
    spain.click()
    page.wait_for_url("**/practices/?target_group=neets&country=ES")
    heading = page.locator("#results-heading, .results-heading, h2").filter(has_text="practice")
    assert f"{count} practice" in heading.first.inner_text()


def test_printing_an_overview_leaves_out_the_controls(page):
    page.goto("/practices/overview/?target_group=neets")
    page.emulate_media(media="print")
    assert not page.locator(".picture-links").first.is_visible()
    assert not page.locator(".site-header nav").is_visible()
    # The numbers print with their pictures, without their disclosure.
    assert page.locator(".picture-numbers table").first.is_visible()
