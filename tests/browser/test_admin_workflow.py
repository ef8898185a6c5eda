"""Members and editors in the admin, in Chromium: sign in, submit a practice, publish it."""

import re
import uuid
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_an_admin_signs_in(log_in):
    page = log_in("admin")
    assert page.locator("h1").inner_text() == "Catalogue administration"
    assert page.get_by_role("link", name="Practices").first.is_visible()


def test_a_wrong_password_is_refused(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("Please enter the correct username and password").is_visible()
    assert "/admin/login/" in page.url


def pick_autocomplete(page, field, text):
    """Choose `text` in one of the admin's autocomplete (select2) fields by typing."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    option = page.locator(".select2-results__option", has_text=text).first
    option.click()
    choice = page.locator(f".field-{field} .select2-selection__choice", has_text=text)
    choice.wait_for()


def test_a_member_submits_and_an_editor_publishes_a_practice(log_in, page):
    title = f"Evening language cafés for jobseekers {uuid.uuid4().hex[:6]}"

    # The member writes the practice and saves it as a draft.
    member = log_in("member")
    member.goto("/admin/practices/practice/add/")
    member.locator("#id_title").fill(title)
    member.locator("#id_summary").fill(
        "Volunteers and jobseekers meet after work to practise the language of the workplace."
    )
    member.locator("#id_description").fill(
        "Weekly evenings in the library, with a theme from working life each time."
    )
    assert member.locator("#id_lead_organisation").input_value(), "no lead organisation chosen"
    pick_autocomplete(member, "regions", "Basque Country")
    pick_autocomplete(member, "target_groups", "Migrants and refugees")
    pick_autocomplete(member, "themes", "Guidance and counselling")
    member.locator("#id_start_year").fill("2025")
    # Chosen, never preselected (issue 13).
    member.locator("#id_kind").select_option("programme")
    member.locator("#id_level").select_option("local")
    member.locator("#id_evidence_level").select_option("not_evaluated")
    member.get_by_role("button", name="Save and continue editing").click()
    member.wait_for_url(re.compile(r"/admin/practices/practice/\d+/change/"))
    assert member.locator("#workflow-heading").inner_text() == "Status: Draft"
    change_path = urlsplit(member.url).path

    # Not public while it is a draft.
    page.goto(f"/practices/?q={title.split()[-1]}")
    assert title not in page.locator("main").inner_text()

    # The member submits it for review.
    member.get_by_role("button", name="Submit for review").click()
    member.wait_for_load_state("load")
    assert member.locator("#workflow-heading").inner_text() == "Status: Submitted for review"
    assert not member.get_by_role("button", name="Publish").count()

    # The editor finds it and publishes it.
    editor = log_in("editor")
    editor.goto("/admin/practices/practice/?status__exact=submitted")
    editor.get_by_role("link", name=title).click()
    editor.wait_for_url(re.compile(re.escape(change_path)))
    # "Save and publish" saves, then asks (a page of its own, no script), then acts.
    editor.get_by_role("button", name="Save and publish").click()
    assert editor.locator("h1").inner_text() == f"Publish “{title}”?"
    assert editor.get_by_text("It will appear on the public site at").is_visible()
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_load_state("load")
    assert editor.locator("#workflow-heading").inner_text() == "Status: Published"

    # Now every visitor sees it, first in the list.
    page.goto("/practices/")
    assert page.locator(".practice-card__title a").first.inner_text() == title
    page.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title
    assert page.locator(".facts").get_by_text("Basque Country").first.is_visible()
