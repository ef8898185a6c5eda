"""Two people on one practice, and changes to a published one, in Chromium (issue 13, items 2
and 3): neither change is lost, and the public page changes only when an editor publishes."""

import re
import uuid
from pathlib import Path

import pytest

from tests.browser.test_accessibility import WCAG_21_AA, describe

pytestmark = pytest.mark.browser

# The screenshots go here as well as to test-artifacts (where CI keeps them).
SHARED_SCREENSHOTS = Path("/work/screenshots")

CREATE = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from practices.models import Practice, TargetGroup, Theme
member = get_user_model().objects.get(username="member")
organisation = member.organisations.order_by("name").first()
practice = Practice(
    title={title!r}, summary={summary!r}, description="How it works, step by step.",
    lead_organisation=organisation, start_year=2024, status={status!r},
    published_at=timezone.now() if {status!r} == "published" else None,
)
practice._history_user = member
practice.save()
practice.regions.set([organisation.region])
practice.target_groups.set(TargetGroup.objects.order_by("pk")[:1])
practice.themes.set(Theme.objects.order_by("pk")[:1])
practice._history_user = member
practice.save()
Practice.objects.filter(pk=practice.pk).refresh_search_vectors()
"""


def assert_accessible(axe, page, what):
    results = axe.run(page, options=WCAG_21_AA)
    found = results.response["violations"]
    assert not found, f"{what} ({page.url}) has WCAG 2.1 AA violations:\n{describe(found)}"


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def create_practice(live_site, status, summary):
    title = f"Walking job clubs {uuid.uuid4().hex[:6]}"
    live_site.manage("shell", "-c", CREATE.format(title=title, summary=summary, status=status))
    return title


def shoot(page, name, screenshots_dir, full_page=True):
    for folder in (screenshots_dir, SHARED_SCREENSHOTS):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / name, full_page=full_page)


def open_change_form(page, title):
    page.goto(f"/admin/practices/practice/?q={title.split()[-1]}")
    page.get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(r"/admin/practices/practice/\d+/change/"))


def test_two_people_edit_one_practice_and_neither_change_is_lost(
    log_in, live_site, axe, screenshots_dir
):
    title = create_practice(live_site, "draft", "The first summary.")
    member, editor = log_in("member"), log_in("editor")
    open_change_form(member, title)
    open_change_form(editor, title)

    # The editor saves a new summary while the member's form still shows the old one.
    editor.locator("#id_summary").fill("The editor's better summary.")
    editor.get_by_role("button", name="Save and continue editing").click()
    editor.wait_for_load_state("load")
    assert editor.locator(".messagelist .success").count()

    # The member's save is refused, saying who changed what; their typing is kept.
    member.locator("#id_key_lesson").fill("Walk first, talk later.")
    member.get_by_role("button", name="Save and continue editing").click()
    member.wait_for_load_state("load")
    conflict = member.locator("#conflict")
    assert "Not saved: someone changed this practice" in conflict.inner_text()
    assert "editor" in conflict.inner_text()
    assert "Summary: The first summary. → The editor's better summary." in conflict.inner_text()
    assert member.locator("#id_key_lesson").input_value() == "Walk first, talk later."
    assert member.locator("#id_summary").input_value() == "The editor's better summary."
    assert_accessible(axe, member, "the practice form refused as stale")
    member.set_viewport_size({"width": 1280, "height": 900})
    shoot(member, "13-conflict-1280.png", screenshots_dir, full_page=False)
    member.set_viewport_size({"width": 390, "height": 844})
    shoot(member, "13-conflict-390.png", screenshots_dir, full_page=False)
    member.set_viewport_size({"width": 1280, "height": 900})

    # Saved on top of the current version: both changes are there.
    member.get_by_role("button", name="Save my changes on top").click()
    member.wait_for_load_state("load")
    assert not member.locator("#conflict").count()
    assert member.locator("#id_key_lesson").input_value() == "Walk first, talk later."
    assert member.locator("#id_summary").input_value() == "The editor's better summary."

    # The editor's form is now the stale one: refused too, nothing overwritten.
    editor.locator("#id_description").fill("The editor rewrites the description.")
    editor.get_by_role("button", name="Save and continue editing").click()
    editor.wait_for_load_state("load")
    assert "Key lesson" in editor.locator("#conflict").inner_text()
    assert editor.locator("#id_key_lesson").input_value() == "Walk first, talk later."


def test_a_proposal_keeps_the_public_page_until_an_editor_publishes_it(
    log_in, page, live_site, axe, screenshots_dir
):
    title = create_practice(live_site, "published", "The published summary.")
    page.goto(f"/practices/?q={title.split()[-1]}")
    page.get_by_role("link", name=title).click()
    public_url = page.url
    assert "The published summary." in page.locator("main").inner_text()

    # The member proposes a new summary from their practice's page.
    member = log_in("member")
    open_change_form(member, title)
    member.get_by_role("link", name="Propose changes").click()
    member.wait_for_url(re.compile(r"/propose/$"))
    assert member.locator("#id_summary").input_value() == "The published summary."
    member.locator("#id_summary").fill("The proposed summary, clearer.")
    assert_accessible(axe, member, "the proposal form")
    shoot(member, "13-proposal-form-1280.png", screenshots_dir, full_page=False)
    member.get_by_role("button", name="Save and submit the proposed changes for review").click()
    member.wait_for_url(re.compile(r"/proposal/$"))
    assert "Submitted for review" in member.locator("#proposal-status").inner_text()
    assert_accessible(axe, member, "the proposal page, as its member")

    # The public page still shows the published version.
    page.goto(public_url)
    assert "The published summary." in page.locator("main").inner_text()
    assert "The proposed summary" not in page.locator("main").inner_text()

    # The editor finds it in the review queue, sees the difference and publishes it.
    editor = log_in("editor")
    editor.goto("/admin/practices/practice/review/")
    assert_accessible(axe, editor, "the review queue with a proposal")
    shoot(editor, "13-review-queue-1280.png", screenshots_dir)
    editor.locator("#review-proposals").get_by_role("link", name=re.compile(title)).click()
    editor.wait_for_url(re.compile(r"/proposal/$"))
    differences = editor.locator("#proposal-differences").inner_text()
    assert "The published summary." in differences
    assert "The proposed summary, clearer." in differences
    assert_accessible(axe, editor, "the proposal page, as an editor")
    shoot(editor, "13-proposal-review-1280.png", screenshots_dir)
    editor.set_viewport_size({"width": 390, "height": 844})
    shoot(editor, "13-proposal-review-390.png", screenshots_dir)
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.get_by_role("button", name="Publish these changes").click()
    editor.wait_for_url(re.compile(r"/change/$"))
    assert "were published" in editor.locator(".messagelist").inner_text()

    # Now the public sees it, at the same address.
    page.goto(public_url)
    assert "The proposed summary, clearer." in page.locator("main").inner_text()
    assert page.locator("h1").inner_text() == title
