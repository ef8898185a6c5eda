"""The practice form as a member and an editor use it, in Chromium: one press saves and submits,
an incomplete submission keeps every field and marks what is missing, leaving unsaved changes
asks first; axe-core on the forms and the admin home; screenshots."""

import re
import uuid

import pytest

from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_admin_workflow import pick_autocomplete

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


TYPED = {
    "#id_original_title": "Kvällscaféer för arbetssökande",
    "#id_summary": "Volunteers and jobseekers meet after work to practise the language of work.",
    "#id_description": "Weekly evenings in the library, with a theme from working life each time.",
    "#id_start_year": "2024",
    "#id_people_reached": "340",
    "#id_results": "Two in five participants found work or training within a year.",
    "#id_key_lesson": "Meet people where they already are.",
}
CHOSEN = {"#id_kind": "service", "#id_level": "local", "#id_evidence_level": "monitored"}


def fill_in(page, title, skip=()):
    page.locator("#id_title").fill(title)
    for selector, value in TYPED.items():
        if selector not in skip:
            page.locator(selector).fill(value)
    for selector, value in CHOSEN.items():
        if selector not in skip:
            page.locator(selector).select_option(value)


def test_a_member_submits_a_new_practice_in_one_press(log_in, page_problems):
    title = f"Evening language cafés {uuid.uuid4().hex[:6]}"
    member = log_in("member")
    page_problems.watch(member)
    member.goto("/admin/practices/practice/add/")
    fill_in(member, title)
    pick_autocomplete(member, "regions", "Basque Country")
    pick_autocomplete(member, "target_groups", "Migrants and refugees")
    pick_autocomplete(member, "themes", "Guidance and counselling")

    member.get_by_role("button", name="Save and submit for review").click()

    member.wait_for_url(re.compile(r"/admin/practices/practice/\d+/change/$"))
    assert member.locator("#workflow-heading").inner_text() == "Status: Submitted for review"
    assert "is saved and now submitted for review" in member.locator(".messagelist").inner_text()
    # The member now sees it read-only, with every value as typed.
    shown = member.locator("#practice_form").inner_text()
    for value in [title, *TYPED.values()]:
        assert value in shown, value
    for label in ("Service", "Local", "Monitored", "Basque Country", "Migrants and refugees"):
        assert label in shown, label
    assert not page_problems.server_errors


def test_an_incomplete_submission_keeps_every_field_and_marks_what_is_missing(log_in):
    title = f"Mentoring circles {uuid.uuid4().hex[:6]}"
    member = log_in("member")
    member.goto("/admin/practices/practice/add/")
    fill_in(member, title, skip={"#id_summary", "#id_kind"})
    pick_autocomplete(member, "regions", "Basque Country")

    member.get_by_role("button", name="Save and submit for review").click()

    member.wait_for_url(re.compile(r"/admin/practices/practice/\d+/change/\?_incomplete=submit"))
    assert member.locator("#workflow-heading").inner_text() == "Status: Draft"
    assert "saved as a draft" in member.locator(".messagelist").inner_text()
    # What is missing is said at each field concerned ...
    for field in ("summary", "kind", "target_groups", "themes"):
        assert member.locator(f"#id_{field}_error").is_visible(), field
    assert not member.locator("#id_description_error").count()
    # ... and every typed value is still in the form.
    assert member.locator("#id_title").input_value() == title
    for selector, value in TYPED.items():
        if selector != "#id_summary":
            assert member.locator(selector).input_value() == value, selector
    assert member.locator("#id_level").input_value() == "local"
    assert (
        member.locator(".field-regions .select2-selection__choice")
        .inner_text()
        .endswith("Basque Country")
    )

    # Completed, it goes through in one more press.
    member.locator("#id_summary").fill("Older workers mentor young ones in small circles.")
    member.locator("#id_kind").select_option("programme")
    pick_autocomplete(member, "target_groups", "Migrants and refugees")
    pick_autocomplete(member, "themes", "Guidance and counselling")
    member.get_by_role("button", name="Save and submit for review").click()
    member.wait_for_url(re.compile(r"/change/$"))
    assert member.locator("#workflow-heading").inner_text() == "Status: Submitted for review"


def test_leaving_unsaved_changes_asks_first_and_saving_does_not(log_in):
    member = log_in("member")
    member.goto("/admin/practices/practice/add/")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    member.on("dialog", answer)
    member.locator("#id_title").fill(f"Unsaved {uuid.uuid4().hex[:6]}")
    member.locator("#id_title").press("Tab")  # a user gesture, which beforeunload needs
    member.evaluate("location.href = '/admin/'")
    member.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert "/add/" in member.url

    member.get_by_role("button", name="Save and continue editing").click()
    member.wait_for_url(re.compile(r"/change/$"))
    member.goto("/admin/")
    assert asked == ["beforeunload"]


@pytest.fixture(scope="module")
def practice_urls(chromium, live_site):
    """The change addresses of a member's new draft and of a published practice."""
    from tests.browser.site import TOTP_KEYS, USERS, next_recovery_code

    def signed_in(username):
        context = chromium.new_context(base_url=live_site.base_url)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(USERS[username])
        page.get_by_role("button", name="Log in").click()
        if username in TOTP_KEYS:  # editors give their second factor, as conftest.log_in does
            page.wait_for_url("**/admin/two-factor/**")
            page.get_by_label("Code").fill(next_recovery_code(username))
            page.get_by_role("button", name="Verify").click()
        page.wait_for_url("**/admin/")
        return context, page

    context, page = signed_in("member")
    page.goto("/admin/practices/practice/add/")
    page.locator("#id_title").fill(f"A draft to check {uuid.uuid4().hex[:6]}")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(r"/change/$"))
    draft = page.url
    context.close()
    context, page = signed_in("editor")
    page.goto("/admin/practices/practice/?status__exact=published")
    published = page.locator("#result_list th a").first.get_attribute("href")
    context.close()
    return {"draft": draft, "published": published}


@pytest.mark.parametrize(
    ("who", "what"),
    [
        ("member", "add"),
        ("member", "draft"),
        ("member", "home"),
        ("editor", "add"),
        ("editor", "draft"),
        ("editor", "published"),
        ("editor", "home"),
    ],
)
def test_the_forms_and_the_home_have_no_serious_accessibility_violations(
    axe, log_in, practice_urls, who, what
):
    page = log_in(who)
    page.goto(
        {"add": "/admin/practices/practice/add/", "home": "/admin/"}.get(what)
        or practice_urls[what]
    )
    page.wait_for_load_state("load")
    assert_accessible(axe, page, f"the {who}'s {what} page")


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_members_add_form_and_home(log_in, screenshots_dir, width):
    member = log_in("member")
    member.set_viewport_size({"width": width, "height": 900})
    member.goto("/admin/practices/practice/add/")
    member.screenshot(path=screenshots_dir / f"13-member-add-form-{width}.png")
    member.goto("/admin/")
    member.screenshot(path=screenshots_dir / f"13-member-admin-home-{width}.png")
    assert member.locator("#your-practices h2").inner_text() == "Your practices"
