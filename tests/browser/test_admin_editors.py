"""Editors and members in the admin, in Chromium: publishing and archiving ask first, an archived
practice's address answers 410 Gone, the practice lists fit the screen, and axe-core finds nothing
on the review queue, the lists and the history."""

import re

import pytest

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

# A published practice of the demo data that no other browser test reads; archived and published
# again here, so it ends as it began.
SLUG = "staying-in-work-after-illness-scotland"
TITLE = "Staying in work after illness"


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_practice(editor, title):
    editor.goto(f"/admin/practices/practice/?q={title.replace(' ', '+')}")
    editor.get_by_role("link", name=title, exact=True).click()
    editor.wait_for_url(re.compile(r"/admin/practices/practice/\d+/change/"))


def take_step(editor, label):
    """Press a step that asks first, check its confirmation page, confirm. Publishing is the
    form's "Save and publish", which saves what was typed and then asks."""
    if label == "Publish":
        editor.get_by_role("button", name="Save and publish").click()
    else:
        editor.get_by_role("link", name=label, exact=True).click()
    assert editor.locator("h1").inner_text() == f"{label} “{TITLE}”?"
    assert editor.get_by_role("link", name="Cancel").is_visible()
    editor.get_by_role("button", name=label).click()
    editor.wait_for_url(re.compile(r"/change/$"))


def test_an_archived_practice_answers_410_with_related_practices(log_in, page, axe):
    address = f"/practices/{SLUG}/"
    assert page.goto(address).status == 200

    editor = log_in("editor")
    open_practice(editor, TITLE)
    # Cancel on the confirmation page changes nothing.
    editor.get_by_role("link", name="Archive", exact=True).click()
    assert editor.get_by_text("It will leave the public site").is_visible()
    assert_accessible(axe, editor, "the archive confirmation page")
    editor.get_by_role("link", name="Cancel").click()
    assert editor.locator("#workflow-heading").inner_text() == "Status: Published"

    take_step(editor, "Archive")
    assert editor.locator("#workflow-heading").inner_text() == "Status: Archived"

    # A visitor with the old link learns what happened and where to go instead.
    response = page.goto(address)
    assert response.status == 410
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == TITLE
    assert page.get_by_text("was archived").is_visible()
    assert "(archived)" in page.title()
    assert_accessible(axe, page, "an archived practice's page")
    related = page.locator("main a[href^='/practices/']:not([href='/practices/'])")
    assert related.count() >= 1
    related.first.click()
    page.wait_for_load_state("load")
    assert SLUG not in page.url
    assert page.locator("h1").inner_text()

    # Published again, it is back at its address.
    take_step(editor, "Publish")
    assert editor.locator("#workflow-heading").inner_text() == "Status: Published"
    assert page.goto(address).status == 200
    assert page.locator("h1").inner_text() == TITLE


def results_fit(page):
    """The list's table is no wider than its box, and the page does not scroll sideways."""
    return page.evaluate(
        """() => {
            const table = document.querySelector('#result_list');
            const box = table.closest('.results');
            const page = document.documentElement;
            return {table: table.scrollWidth, box: box.clientWidth,
                    page: page.scrollWidth - page.clientWidth};
        }"""
    )


@pytest.mark.parametrize("username", ["editor", "member"])
def test_the_practice_list_fits_and_is_accessible(log_in, axe, screenshots_dir, username):
    page = log_in(username)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/admin/practices/practice/")
        fit = results_fit(page)
        assert fit["table"] <= fit["box"], f"{username}'s list is cut off at {width}px: {fit}"
        assert fit["page"] <= 0, f"{username}'s list scrolls sideways at {width}px: {fit}"
        page.screenshot(path=screenshots_dir / f"admin-list-{username}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    # A title reads on a line or two, not a word per line.
    first_title = page.locator("#result_list th.field-title a").first
    line_height = first_title.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
    assert first_title.bounding_box()["height"] <= 2.5 * line_height
    assert_accessible(axe, page, f"the practice list as {username}")


@pytest.mark.parametrize("username", ["editor", "member"])
def test_the_history_is_readable_and_accessible(log_in, axe, screenshots_dir, username):
    page = log_in(username)
    page.goto("/admin/practices/practice/")
    page.locator("#result_list th.field-title a").first.click()
    page.get_by_role("link", name="History").click()
    page.wait_for_url(re.compile(r"/history/$"))
    table = page.locator("#change-history").inner_text()
    for raw in ("+00:00", "pk=None", "chars]", "None"):
        assert raw not in table
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", table)
    page.screenshot(path=screenshots_dir / f"admin-history-{username}-1280.png", full_page=True)
    assert_accessible(axe, page, f"a practice's history as {username}")


def test_the_review_queue_is_accessible(log_in, axe):
    page = log_in("editor")
    page.goto("/admin/practices/practice/review/")
    assert page.locator("h1").inner_text() == "Review queue"
    assert_accessible(axe, page, "the review queue")
