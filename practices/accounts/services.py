"""Writes for accounts: invite, accept, resend, revoke, deactivate, leave an organisation.

Each runs in a transaction, so a failure leaves nothing half-created. Passwords are only ever
set by their owner (accept_invitation); nothing here chooses or e-mails one.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from practices.workflow import roles
from regions.models import Organisation

from . import emails
from .models import Invitation, hash_token


class InvitationError(Exception):
    """A link that cannot be used; `reason` says why in words for the page."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


INVALID = "invalid"
EXPIRED = "expired"
USED = "used"
REVOKED = "revoked"


@dataclass
class InviteResult:
    invitation: Invitation | None
    existing_user: object | None  # the account the organisations were added to instead


def existing_account(email: str):
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    now = timezone.now()
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_DAYS)
    return token


@transaction.atomic
def invite(*, email: str, organisations, invited_by) -> InviteResult:
    """Invite `email` to submit for `organisations`.

    An address that already has an account gets the organisations added at once (and a note
    by e-mail) instead of a second account.
    """
    email = email.strip()
    organisations = list(organisations)
    user = existing_account(email)
    if user is not None:
        for organisation in organisations:
            organisation.members.add(user)
        if user.is_active and not user.groups.filter(name=roles.EDITOR).exists():
            _make_member(user)
        transaction.on_commit(lambda: emails.organisations_added(user, organisations))
        return InviteResult(invitation=None, existing_user=user)
    # A new invitation replaces any pending one for the same address: one live link at a time.
    Invitation.objects.pending().filter(email__iexact=email).update(revoked_at=timezone.now())
    invitation = Invitation(email=email, invited_by=invited_by)
    token = _new_token(invitation)
    invitation.save()
    invitation.organisations.set(organisations)
    transaction.on_commit(lambda: emails.invitation(invitation, token))
    return InviteResult(invitation=invitation, existing_user=None)


@transaction.atomic
def resend(*, invitation: Invitation) -> None:
    """A fresh link and a fresh week; the old link stops working."""
    if invitation.accepted_at:
        raise InvitationError(USED, invitation)
    invitation.revoked_at = None
    token = _new_token(invitation)
    invitation.save()
    transaction.on_commit(lambda: emails.invitation(invitation, token))


def revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link's secret opens, or InvitationError saying why not."""
    invitation = (
        Invitation.objects.filter(token_hash=hash_token(token or ""))
        .prefetch_related("organisations")
        .first()
    )
    if invitation is None:
        raise InvitationError(INVALID)
    status = invitation.status
    if status == Invitation.Status.ACCEPTED:
        raise InvitationError(USED, invitation)
    if status == Invitation.Status.REVOKED:
        raise InvitationError(REVOKED, invitation)
    if status == Invitation.Status.EXPIRED:
        raise InvitationError(EXPIRED, invitation)
    return invitation


def _make_member(user) -> None:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=roles.MEMBER))


@transaction.atomic
def accept_invitation(*, token: str, form) -> object:
    """Create the person's account from the form they filled in; the link is spent.

    The row is locked, so two submissions of the same link cannot both create an account.
    """
    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise InvitationError(USED, invitation)
    if existing_account(invitation.email) is not None:
        # Someone made an account for this address meanwhile: join it, never a second one.
        raise InvitationError(USED, invitation)
    user = form.save(commit=False)
    user.email = invitation.email
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=roles.MEMBER))
    for organisation in invitation.organisations.all():
        organisation.members.add(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def deactivate(*, user) -> None:
    """The person leaves the network: they can no longer sign in, and an open session of theirs
    is refused on its next request (Django's ModelBackend.get_user checks is_active).

    Drafts stay with their organisation (a practice belongs to its organisation, not to its
    author) and history keeps their name, because the account row stays.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])


def remove_from_organisation(*, user, organisation: Organisation) -> None:
    """Rights come from Organisation.members (workflow/roles.py), so they end with this row."""
    organisation.members.remove(user)
