"""E-mails: to the editors on submission, to the submitter on publication or changes requested."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from practices.models import Practice
from practices.workflow import services

S = Practice.Status


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://practices.example.org"


@pytest.fixture
def member(make_member, organisation_factory):
    return make_member(organisation_factory(), username="maria", email="maria@region.example")


@pytest.fixture
def complete(practice_factory, target_group_factory, theme_factory, member):
    def make(**kwargs):
        kwargs.setdefault("lead_organisation", member.organisations.get())
        return practice_factory(
            target_groups=[target_group_factory()], themes=[theme_factory()], **kwargs
        )

    return make


def _run(user, practice, name, comment="", callbacks=None):
    with callbacks(execute=True):
        services.practice_transition(practice=practice, user=user, name=name, comment=comment)


def test_submitting_tells_the_editors_with_links(
    complete, member, editor, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    second = user_factory(username="editor2", email="second@earlall.example", password=None)
    second.groups.add(*editor.groups.all())
    practice = complete(title="Skills passport")

    _run(member, practice, "submit", callbacks=django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["editor@example.org", "second@earlall.example"]
    organisation = practice.lead_organisation.name
    assert mail.subject == (
        f"[EARLALL Practices] Submitted for review: “Skills passport” ({organisation})"
    )
    # maria gave no full name: her organisation speaks, not her user name.
    assert f"{organisation} submitted a practice for review:" in mail.body
    assert "maria" not in mail.body
    change = reverse("admin:practices_practice_change", args=[practice.pk])
    preview = reverse("admin:practices_practice_preview", args=[practice.pk])
    assert f"https://practices.example.org{change}" in mail.body
    assert f"https://practices.example.org{preview}" in mail.body


def test_publishing_tells_the_submitter_where_it_is(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete(status=S.SUBMITTED, submitted_by=member, submitted_at=timezone.now())

    _run(editor, practice, "publish", callbacks=django_capture_on_commit_callbacks)

    assert [m.to for m in mailoutbox] == [["maria@region.example"]]
    assert mailoutbox[0].subject == (
        f"[EARLALL Practices] Published: “{practice.title}” ({practice.lead_organisation.name})"
    )
    assert f"https://practices.example.org/practices/{practice.slug}/" in mailoutbox[0].body


def test_requesting_changes_sends_the_comment_to_the_submitter(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete(status=S.SUBMITTED, submitted_by=member, submitted_at=timezone.now())

    _run(
        editor,
        practice,
        "request_changes",
        comment="Please say how many people took part.",
        callbacks=django_capture_on_commit_callbacks,
    )

    assert [m.to for m in mailoutbox] == [["maria@region.example"]]
    mail = mailoutbox[0]
    assert mail.subject.startswith("[EARLALL Practices] Changes requested:")
    assert "Please say how many people took part." in mail.body
    change = reverse("admin:practices_practice_change", args=[practice.pk])
    assert f"https://practices.example.org{change}" in mail.body


def test_without_a_submitter_the_creator_hears_the_decision(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete(status=S.SUBMITTED, created_by=member, submitted_by=None)

    _run(editor, practice, "publish", callbacks=django_capture_on_commit_callbacks)

    assert [m.to for m in mailoutbox] == [["maria@region.example"]]


def test_nobody_to_tell_means_no_mail(
    complete, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete(status=S.SUBMITTED, created_by=None, submitted_by=None)
    _run(editor, practice, "publish", callbacks=django_capture_on_commit_callbacks)
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("status", "name"),
    [(S.SUBMITTED, "withdraw"), (S.PUBLISHED, "archive"), (S.ARCHIVED, "reopen")],
)
def test_other_steps_send_nothing(
    complete, editor, member, mailoutbox, django_capture_on_commit_callbacks, status, name
):
    practice = complete(status=status, published_at=timezone.now(), submitted_by=member)
    _run(editor, practice, name, callbacks=django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_no_mail_leaves_before_the_step_is_committed(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete()

    def submit_then_fail():
        with transaction.atomic():
            services.practice_transition(practice=practice, user=member, name="submit")
            raise RuntimeError("something after the step failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        submit_then_fail()

    assert mailoutbox == []
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_the_admin_button_sends_the_mail(
    client, complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:practices_practice_transition", args=[practice.pk, "submit"]))

    assert [m.to for m in mailoutbox] == [["editor@example.org"]]


def test_a_long_title_makes_a_one_line_subject(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete(title="A practice\nwith a line break")
    _run(member, practice, "submit", callbacks=django_capture_on_commit_callbacks)
    assert mailoutbox[0].subject == (
        "[EARLALL Practices] Submitted for review: “A practice with a line break” "
        f"({practice.lead_organisation.name})"
    )


# People and the site's address.


def test_people_are_named_by_their_full_name(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    member.first_name, member.last_name = "Maria", "Svensson"
    member.save()
    practice = complete(title="Skills passport")

    _run(member, practice, "submit", callbacks=django_capture_on_commit_callbacks)
    _run(editor, practice, "publish", callbacks=django_capture_on_commit_callbacks)

    submitted, published = mailoutbox
    assert (
        f"Maria Svensson submitted a practice for review for {practice.lead_organisation.name}:"
        in submitted.body
    )
    assert "maria" not in submitted.body
    assert published.body.startswith("Hello Maria Svensson,")
    assert f"{practice.lead_organisation.name}'s practice is now published" in published.body


def test_changes_requested_names_the_practice_and_organisation(
    complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = complete(status=S.SUBMITTED, submitted_by=member, submitted_at=timezone.now())

    _run(
        editor,
        practice,
        "request_changes",
        comment="Add the year.",
        callbacks=django_capture_on_commit_callbacks,
    )

    mail = mailoutbox[0]
    assert mail.subject == (
        f"[EARLALL Practices] Changes requested: “{practice.title}” "
        f"({practice.lead_organisation.name})"
    )
    assert mail.body.startswith("Hello,")


def test_links_follow_the_site_url(
    settings, complete, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8311"
    practice = complete()

    _run(member, practice, "submit", callbacks=django_capture_on_commit_callbacks)

    body = mailoutbox[0].body
    links = [line for line in body.splitlines() if "://" in line]
    assert len(links) == 3
    assert all(link.startswith("http://127.0.0.1:8311/admin/") for link in links)
    assert "8000" not in body
