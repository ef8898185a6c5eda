"""Accounts in Chromium: invitations, password reset, two-factor sign-in, leaving the network.

Each test makes its own people (through `manage.py shell` on the server's database), so the
shared demo accounts keep their passwords and second factors for the other tests.
"""

import base64
import re
import time
import uuid
from pathlib import Path

import pytest
from django_otp.oath import totp

from tests.browser.test_accessibility import WCAG_21_AA, describe
from tests.browser.test_admin_workflow import pick_autocomplete

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/work/screenshots")
PASSWORD = "e2e a quiet harbour at dawn"
# After a wrong code django-otp refuses every code for a second (doubling with each failure).
THROTTLE = 1.5


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def look(page, axe, name):
    """axe-core finds nothing, and a screenshot at a desktop and a phone width."""
    results = axe.run(page, options=WCAG_21_AA)
    found = results.response["violations"]
    assert not found, f"{name} ({page.url}) has WCAG 2.1 AA violations:\n{describe(found)}"
    if SCREENSHOTS.parent.exists():
        SCREENSHOTS.mkdir(exist_ok=True)
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=SCREENSHOTS / f"19-{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def make_user(live_site, username, *, role="Member", organisation=None):
    """A user with PASSWORD, in `role`'s group, member of the organisation with that name."""
    live_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        "from regions.models import Organisation\n"
        f"u = User.objects.create_user({username!r}, {username + '@example.org'!r}, "
        f"{PASSWORD!r}, is_staff=True)\n"
        f"u.groups.add(Group.objects.get(name={role!r}))\n"
        + (
            f"Organisation.objects.get(name={organisation!r}).members.add(u)\n"
            if organisation
            else ""
        ),
    )


def sign_in(page, username, password=PASSWORD):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")


def mail_to(live_site, address, *, after=0):
    """The newest e-mail to `address` among those sent after the first `after`."""
    for _ in range(50):
        found = [m for m in live_site.mails()[after:] if address in m["To"]]
        if found:
            return found[-1].get_content()
        time.sleep(0.1)
    raise AssertionError(f"No e-mail to {address}")


def link_in(body):
    return re.search(r"https?://\S+", body).group(0)


def test_an_invited_person_joins_and_submits_a_practice(log_in, new_context, live_site, axe):
    address = f"invitee-{uuid.uuid4().hex[:6]}@example.org"
    organisation = "Borås Stad"
    sent_before = len(live_site.mails())

    # The editor invites the person for one organisation.
    editor = log_in("editor")
    editor.goto("/admin/")
    editor.get_by_role("link", name="People and invitations").click()
    editor.get_by_label("E-mail address").fill(address)
    editor.get_by_label(organisation).check()
    editor.get_by_role("button", name="Send invitation").click()
    editor.wait_for_load_state("load")
    assert editor.get_by_text(f"Invitation sent to {address}.").is_visible()
    assert (
        editor.locator("#pending-invitations")
        .get_by_role("cell", name=address, exact=True)
        .is_visible()
    )
    look(editor, axe, "people")

    # The person follows the e-mailed link and chooses a username and password.
    body = mail_to(live_site, address, after=sent_before)
    assert organisation in body
    link = link_in(body)
    person = new_context().new_page()
    person.goto(link)
    assert organisation in person.locator("#content").inner_text()
    look(person, axe, "accept-invitation")
    username = address.split("@")[0]
    person.get_by_label("Username").fill(username)
    person.get_by_label("First name").fill("Ana")
    person.locator("#id_password1").fill("short")
    person.locator("#id_password2").fill("short")
    person.get_by_role("button", name="Create my account").click()
    assert person.get_by_text("This password is too short.").is_visible()
    assert person.get_by_label("First name").input_value() == "Ana"  # nothing typed is lost
    look(person, axe, "accept-invitation-error")
    person.locator("#id_password1").fill(PASSWORD)
    person.locator("#id_password2").fill(PASSWORD)
    person.get_by_role("button", name="Create my account").click()
    person.wait_for_url("**/admin/")
    assert person.get_by_text("Welcome! Your account is ready.").is_visible()

    # The same link again says plainly that it was used.
    spent = new_context().new_page()
    spent.goto(link)
    assert spent.get_by_text("This invitation has already been used.").is_visible()
    look(spent, axe, "invitation-used")

    # The new member submits a practice for the organisation.
    title = f"Repair cafés as a way into work {uuid.uuid4().hex[:6]}"
    person.goto("/admin/practices/practice/add/")
    person.locator("#id_title").fill(title)
    person.locator("#id_summary").fill("Jobseekers repair with volunteers and meet employers.")
    person.locator("#id_description").fill("Monthly repair cafés in the town's libraries.")
    lead = person.locator("#id_lead_organisation option:checked").inner_text()
    assert lead == organisation
    pick_autocomplete(person, "regions", "Västra Götaland")
    pick_autocomplete(person, "target_groups", "Long-term unemployed")
    pick_autocomplete(person, "themes", "Guidance and counselling")
    person.locator("#id_start_year").fill("2024")
    # No silent default for these since the members' form (issue 13): submitting needs them.
    person.locator("#id_kind").select_option("programme")
    person.locator("#id_level").select_option("local")
    person.locator("#id_evidence_level").select_option("not_evaluated")
    person.get_by_role("button", name="Save and continue editing").click()
    person.wait_for_url(re.compile(r"/admin/practices/practice/\d+/change/"))
    person.get_by_role("button", name="Submit for review").click()
    person.wait_for_load_state("load")
    assert person.locator("#workflow-heading").inner_text() == "Status: Submitted for review"


def test_a_password_reset_round_trip(new_context, live_site, axe):
    username = f"resetter{uuid.uuid4().hex[:6]}"
    make_user(live_site, username, organisation="Borås Stad")
    sent_before = len(live_site.mails())
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.get_by_role("link", name=re.compile("Forgotten your login")).click()
    look(page, axe, "password-reset")
    page.get_by_label("Email address").fill(f"{username}@example.org")
    page.get_by_role("button", name="Reset my password").click()
    page.wait_for_load_state("load")
    done_text = page.locator("#content").inner_text()
    look(page, axe, "password-reset-sent")

    # An unknown address gets the very same answer.
    other = new_context().new_page()
    other.goto("/admin/password_reset/")
    other.get_by_label("Email address").fill("nobody-at-all@example.org")
    other.get_by_role("button", name="Reset my password").click()
    other.wait_for_load_state("load")
    assert other.locator("#content").inner_text() == done_text

    link = link_in(mail_to(live_site, f"{username}@example.org", after=sent_before))
    page.goto(link)
    look(page, axe, "password-reset-new")
    page.get_by_label("New password").fill(PASSWORD + " new")
    page.get_by_label("Confirm password").fill(PASSWORD + " new")
    page.get_by_role("button", name="Change my password").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Your password has been set.").is_visible()

    # The link works once; the new password signs in.
    page.goto(link)
    assert page.get_by_text("The password reset link was invalid").is_visible()
    sign_in(page, username, PASSWORD + " new")
    page.wait_for_url("**/admin/")


def test_an_editor_must_enrol_a_second_factor_then_signs_in_with_a_code(
    new_context, live_site, axe
):
    username = f"editor{uuid.uuid4().hex[:6]}"
    make_user(live_site, username, role="Editor")
    page = new_context().new_page()
    sign_in(page, username)
    page.wait_for_url("**/admin/two-factor/set-up/**")
    page.goto("/admin/practices/practice/")  # any admin page leads here first
    page.wait_for_url("**/admin/two-factor/set-up/**")
    look(page, axe, "two-factor-set-up")

    secret = page.locator("#totp-secret").inner_text()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert page.get_by_text("That code does not match").is_visible()
    time.sleep(THROTTLE)
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_url("**/admin/two-factor/recovery-codes/**")
    assert page.locator(".recovery-codes li").count() == 10
    look(page, axe, "recovery-codes")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(re.compile(r"/admin/practices/practice/$"))

    # Next time: password, then a code (the next time step's: each step's code works once).
    page.get_by_role("button", name="Log out").click()
    sign_in(page, username)
    page.wait_for_url("**/admin/two-factor/?**")
    page.get_by_label("Code").fill("123456")
    page.get_by_role("button", name="Verify").click()
    assert page.get_by_text("That code is not right").is_visible()
    time.sleep(THROTTLE)
    look(page, axe, "two-factor-code")
    page.get_by_label("Code").fill(f"{totp(key, drift=1):06d}")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")
    assert page.locator("h1").inner_text() == "Catalogue administration"


def test_a_deactivated_member_can_no_longer_sign_in(log_in, new_context, live_site):
    username = f"leaver{uuid.uuid4().hex[:6]}"
    make_user(live_site, username, organisation="Borås Stad")
    member = new_context().new_page()
    sign_in(member, username)
    member.wait_for_url("**/admin/")

    editor = log_in("editor")
    editor.goto("/admin/people/")
    editor.get_by_role("button", name=f"Deactivate {username}").click()
    editor.wait_for_load_state("load")
    assert editor.get_by_text(f"{username} can no longer sign in.").is_visible()

    # Their open session ends, and the password no longer works.
    member.goto("/admin/")
    member.wait_for_url("**/admin/login/**")
    sign_in(member, username)
    assert member.get_by_text("Please enter the correct username and password").is_visible()
