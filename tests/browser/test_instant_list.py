"""The list answers as soon as a filter changes (static/js/browse.js), works the same through the
Apply button without JavaScript, and puts the results first on a phone."""

import re

import pytest

from tests.browser.test_browsing import results_total

pytestmark = pytest.mark.browser


def wait_for_list(page):
    page.wait_for_function("() => !document.querySelector('[data-browse]').ariaBusy")


def test_a_filter_change_updates_the_list_in_place_and_announces_it(page):
    page.goto("/practices/")
    everything = results_total(page)
    page.evaluate("window.__stillTheSamePage = true")
    status = page.locator("#results-status")
    assert status.inner_text() == ""

    page.locator("details.facet", has_text="Target group").locator("summary").click()
    page.locator("input[name='target_group'][value='neets']").check()
    page.wait_for_url(re.compile(r"/practices/\?target_group=neets$"))
    wait_for_list(page)

    narrowed = results_total(page)
    assert 0 < narrowed < everything
    assert page.evaluate("window.__stillTheSamePage") is True, "the page was reloaded"
    assert status.inner_text() == f"{narrowed} practices found."
    assert page.evaluate("document.activeElement.id") == "f-target_group-neets"
    assert page.locator("button.apply").is_hidden()

    # The sort order applies without its button; the address carries only what is in use.
    page.locator("#sort").select_option("title")
    page.wait_for_url(re.compile(r"\?target_group=neets&sort=title$"))
    wait_for_list(page)
    titles = page.locator(".practice-card__title a").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)
    assert page.evaluate("window.__stillTheSamePage") is True

    # Back goes to the previous list.
    page.go_back()
    page.wait_for_url(re.compile(r"\?target_group=neets$"))
    wait_for_list(page)
    assert results_total(page) == narrowed


def test_without_javascript_the_apply_button_filters_and_the_address_is_clean(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/practices/")
    everything = results_total(page)
    page.locator("details.facet", has_text="Target group").locator("summary").click()
    page.locator("input[name='target_group'][value='neets']").check()
    with page.expect_navigation():
        page.locator("button.apply").click()
    # The form sent its empty fields too; the server redirected to the address in use.
    assert re.search(r"/practices/\?target_group=neets$", page.url), page.url
    narrowed = results_total(page)
    assert 0 < narrowed < everything
    with page.expect_navigation():
        page.locator("button.sort__button").click()
    assert re.search(r"/practices/\?target_group=neets$", page.url), page.url


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_first_result_is_on_the_first_screen(
    new_context, screenshots_dir, javascript
):
    page = new_context(
        java_script_enabled=javascript, viewport={"width": 390, "height": 844}
    ).new_page()
    page.goto("/practices/?target_group=neets")
    toggle = page.locator("#filters > summary")
    assert toggle.inner_text() == "Filters (1 active)"
    first = page.locator(".practice-card").first.bounding_box()
    assert first["y"] + 40 < 844, f"the first result starts at {first['y']} px"
    assert page.locator("#filters").get_attribute("open") is None
    mode = "js" if javascript else "nojs"
    page.screenshot(path=screenshots_dir / f"list-phone-{mode}-390.png")
    toggle.click()
    assert page.locator("input[name='target_group'][value='neets']").is_visible()
    page.screenshot(path=screenshots_dir / f"list-phone-filters-open-{mode}-390.png")


def test_an_empty_list_offers_what_to_remove_and_no_skip_link(page):
    page.goto("/practices/?country=SE&target_group=neets")
    assert results_total(page) == 0
    assert page.locator(".skip-to-results").count() == 0
    hints = page.locator(".removal-hints li")
    assert hints.count() == 2
    hints.first.locator("a").click()
    page.wait_for_url(re.compile(r"\?target_group=neets$"))
    wait_for_list(page)
    assert results_total(page) > 0


def test_a_typo_gets_a_suggestion(page):
    page.goto("/practices/?q=disabilty")
    page.get_by_role("link", name="disability").click()
    page.wait_for_url(re.compile(r"\?q=disability$"))
    wait_for_list(page)
    assert results_total(page) > 0
