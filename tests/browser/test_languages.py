"""The interface in other languages, in Chromium: axe-core on translated pages, the language
switcher with the keyboard, and screenshots of the pages in Basque, Norwegian and Spanish."""

import pytest

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

NEETS_IN_SPAIN = "/practices/?target_group=neets&country=ES"


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def practice_path(page, code):
    page.goto(f"/{code}/practices/")
    return page.locator(".practice-card__title a").first.get_attribute("href")


@pytest.mark.parametrize("code", ["es", "eu", "nb"])
def test_translated_pages_have_no_serious_accessibility_violations(axe, page, code):
    for path in (f"/{code}/", f"/{code}{NEETS_IN_SPAIN}", practice_path(page, code)):
        response = page.goto(path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == code
        assert_accessible(axe, page, f"{path} in {code}")


def test_the_switcher_takes_the_page_and_its_filters_to_another_language(page):
    page.goto(NEETS_IN_SPAIN)
    summary = page.locator(".language-switcher summary")
    summary.focus()
    page.keyboard.press("Enter")
    basque = page.locator(".language-switcher a[hreflang='eu']")
    assert basque.is_visible()
    assert basque.inner_text() == "Euskara"
    basque.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/eu{NEETS_IN_SPAIN}")
    assert page.locator("html").get_attribute("lang") == "eu"
    # Remembered: the unprefixed address now opens in Basque.
    page.goto("/practices/")
    assert page.url.endswith("/eu/practices/")
    # And back to English, which then stays English.
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url("**/practices/")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("code", ["eu", "nb", "es"])
def test_screenshots_of_the_pages_in_other_languages(page, code, screenshots_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, path in (
        ("home", f"/{code}/"),
        ("list", f"/{code}{NEETS_IN_SPAIN}"),
        ("practice", practice_path(page, code)),
    ):
        assert page.goto(path).status == 200
        page.screenshot(path=screenshots_dir / f"language-{code}-{name}-1280.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_switchers_list_opens_on_screen(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(NEETS_IN_SPAIN)
    page.locator(".language-switcher summary").click()
    box = page.locator(".language-switcher ul").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
