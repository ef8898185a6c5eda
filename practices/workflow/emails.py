"""The workflow's e-mails: to the editors on submission, to the submitter on the decision.

Sent through Django's mail API (the console locally, SMTP where EMAIL_HOST is set). Links are
absolute, from settings.SITE_URL, because a message is read outside the request that sent it.
The services send them once the transaction has committed, so a rolled-back step sends nothing.
Subjects say what happened to which practice of which organisation, so an inbox reads as a log;
people are named by their full name, else their organisation speaks, never a user name.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from ..models import Practice
from . import roles


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _admin_url(practice: Practice) -> str:
    return _absolute(reverse("admin:practices_practice_change", args=[practice.pk]))


def _full_name(user) -> str:
    """A person by their full name; "" if they gave none: a user name ("member-boras-stad") names
    nobody, and the organisation, named beside, says more."""
    return user.get_full_name().strip() if user else ""


def _subject(what: str, practice: Practice) -> str:
    """`what` is a translated message with %(title)s and %(organisation)s; the tag in brackets
    stays as it is, for inbox filters."""
    names = {"title": practice.title, "organisation": practice.lead_organisation.name}
    return f"[EARLALL Practices] {what % names}"


def _send(*, template: str, subject: str, to: list[str], context: dict) -> int:
    if not to:
        return 0
    body = render_to_string(f"emails/{template}.txt", context)
    # One line, as RFC 5322 wants, however long the title.
    subject = " ".join(subject.split())
    return EmailMessage(subject, body, to=to).send()


def _submitter(practice: Practice):
    """Who hears the editors' decision: whoever submitted it, else whoever created it."""
    return practice.submitted_by or practice.created_by


def submitter_email(practice: Practice) -> str:
    user = _submitter(practice)
    return user.email if user and user.is_active and user.email else ""


def send_submitted(practice: Practice) -> int:
    return _send(
        template="practice_submitted",
        subject=_subject(gettext("Submitted for review: “%(title)s” (%(organisation)s)"), practice),
        to=roles.editor_emails(),
        context={
            "practice": practice,
            "organisation": practice.lead_organisation.name,
            "submitter": _full_name(practice.submitted_by),
            "admin_url": _admin_url(practice),
            "preview_url": _absolute(
                reverse("admin:practices_practice_preview", args=[practice.pk])
            ),
            "queue_url": _absolute(reverse("admin:practices_practice_review_queue")),
        },
    )


def send_published(practice: Practice) -> int:
    email = submitter_email(practice)
    return _send(
        template="practice_published",
        subject=_subject(gettext("Published: “%(title)s” (%(organisation)s)"), practice),
        to=[email] if email else [],
        context={
            "practice": practice,
            "organisation": practice.lead_organisation.name,
            "recipient": _full_name(_submitter(practice)),
            "public_url": _absolute(practice.get_absolute_url()),
        },
    )


def send_changes_requested(practice: Practice) -> int:
    email = submitter_email(practice)
    return _send(
        template="practice_changes_requested",
        subject=_subject(gettext("Changes requested: “%(title)s” (%(organisation)s)"), practice),
        to=[email] if email else [],
        context={
            "practice": practice,
            "organisation": practice.lead_organisation.name,
            "recipient": _full_name(_submitter(practice)),
            "comment": practice.review_comment,
            "admin_url": _admin_url(practice),
        },
    )
