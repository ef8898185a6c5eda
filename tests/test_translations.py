"""Every shipped language is complete, compiled and in use: its catalogue, and the list page, a
practice page, the review queue and an e-mail rendered in it (README: Languages)."""

import html

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from practices.models import Practice, TargetGroup
from practices.workflow import emails

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def test_every_shipped_language_is_complete_and_compiled():
    """No message missing, untranslated or fuzzy, no placeholder the English lacks, and each
    .mo compiled from its .po (manage.py translations --check raises with the list)."""
    call_command("translations", "--check")


def translated(code: str, message: str) -> str:
    with translation.override(code):
        text = gettext(message)
    assert text != message, f"{code} has no translation of {message!r}"
    return text


def page_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_list_and_a_practice_page_render_in_each_language(code, catalogue, client):
    neets = TargetGroup.objects.get(slug="neets")
    listing = page_text(client.get(f"/{code}/practices/?target_group=neets"))
    assert f'<html lang="{code}">' in listing
    assert translated(code, "Skip to main content") in listing
    assert getattr(neets, f"name_{code}") in listing
    practice = page_text(client.get(f"/{code}/practices/{catalogue.practices.alma.slug}/"))
    assert translated(code, "At a glance") in practice
    assert translated(code, "Lead organisation") in practice


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_review_queue_renders_in_each_language(code, editor, client):
    client.force_login(editor)
    queue = page_text(client.get(f"/{code}/admin/practices/practice/review/"))
    assert f'<html lang="{code}"' in queue
    assert translated(code, "Review queue") in queue


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_an_email_is_written_in_each_language(code, catalogue, editor, mailoutbox):
    practice = catalogue.practices.alma
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    with translation.override(code):
        emails.send_submitted(practice)
    (mail,) = mailoutbox
    subject = translated(code, "Submitted for review: “%(title)s” (%(organisation)s)") % {
        "title": practice.title,
        "organisation": practice.lead_organisation.name,
    }
    # The subject is one line of plain spaces (emails._send), French's no-break ones included.
    assert mail.subject == " ".join(f"[EARLALL Practices] {subject}".split())
    assert f"/{code}/admin/practices/practice/review/" in mail.body
