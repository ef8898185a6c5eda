"""The accounts e-mails. They carry links, never a password."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _send(to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    send_mail(subject, body, None, [to])


def invitation(invitation, token: str) -> None:
    names = ", ".join(o.name for o in invitation.organisations.all())
    _send(
        invitation.email,
        _("You are invited to EARLALL Practices"),
        "accounts/emails/invitation.txt",
        {
            "invitation": invitation,
            "organisations": names,
            "link": settings.SITE_URL + invitation.url_for(token),
            "days": settings.INVITATION_DAYS,
        },
    )


def organisations_added(user, organisations) -> None:
    if not user.email:
        return
    _send(
        user.email,
        _("You can now submit practices for more organisations"),
        "accounts/emails/organisations_added.txt",
        {"user": user, "organisations": ", ".join(o.name for o in organisations)},
    )
