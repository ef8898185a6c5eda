"""Writes to practices that carry business rules: the workflow, restoring and deleting.

Each function is keyword-only and typed; it checks who asks (roles.py), validates with
`full_clean()` and saves inside one transaction, records the user and a reason in the history,
refreshes the search vector, and sends its e-mails only once the transaction has committed.
The admin calls these; nothing else changes a practice's status.
"""

import datetime
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from ..models import (
    TRANSITIONS,
    ExternalIdentifier,
    Practice,
    PracticeReference,
    TransitionNotAllowed,
)
from . import conflicts, emails, roles

# Sent once the step has committed; a failing mail server is logged, never undoes the step.
_NOTIFICATIONS = {
    "submit": emails.send_submitted,
    "publish": emails.send_published,
    "request_changes": emails.send_changes_requested,
}

# What restoring an earlier version of an existing practice leaves alone: its identity and
# address, and its place in the workflow, which only transitions change.
KEPT_ON_RESTORE = {
    "id",
    "slug",
    "status",
    "review_comment",
    "created_by",
    "created_at",
    "submitted_by",
    "submitted_at",
    "published_at",
    "last_reviewed_on",
}

# References and identifiers deleted this long before their practice count as deleted with it.
_DELETED_TOGETHER = datetime.timedelta(seconds=10)


def _save(practice: Practice, *, user, reason: str, force_insert: bool = False) -> None:
    practice._history_user = user
    # In English whatever the editor's language: the history is read in one language.
    with translation.override(settings.LANGUAGE_CODE):
        practice._change_reason = str(reason)[:100]
    practice.save(force_insert=force_insert)


@contextmanager
def one_version(practice: Practice, *, user, reason: str, created: bool = False):
    """Record the writes made inside the block as one version of the practice, at its end.

    django-simple-history records every save and every change to a relation separately, so
    one form save would leave three or four versions, some half-done (a region removed before
    the new one is added). Here they are silenced and the final state is recorded once.
    """
    practice.skip_history_when_saving = True
    try:
        yield
    finally:
        del practice.skip_history_when_saving
    _save(practice, user=user, reason=reason)
    if created:
        latest = practice.history.latest()
        practice.history.filter(history_id=latest.history_id).update(history_type="+")
    Practice.objects.filter(pk=practice.pk).refresh_search_vectors()


def _locked(practice_id: int) -> Practice:
    try:
        return Practice.objects.select_for_update().get(pk=practice_id)
    except Practice.DoesNotExist:
        raise ValidationError(gettext("This practice no longer exists.")) from None


def practice_transition(
    *, practice: Practice, user, name: str, comment: str = "", seen_revision: int | None = None
) -> Practice:
    """Run one workflow step (submit, publish, request_changes, ...) and return the practice.

    Raises PermissionDenied if this user may not, TransitionNotAllowed if the status does not
    allow it, IncompletePractice (with one message per gap) or ValidationError otherwise;
    StaleRevision if `seen_revision` (the version the person's page showed) is not the current
    one (practices/workflow/conflicts.py).
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionNotAllowed(
            gettext("There is no “%(step)s” step in the workflow.") % {"step": name}
        )
    with transaction.atomic():
        practice = _locked(practice.pk)
        if not roles.can_run(user, practice, transition):
            raise PermissionDenied(
                gettext("You may not “%(step)s” this practice.")
                % {"step": transition.label.lower()}
            )
        conflicts.check(practice.pk, seen_revision)
        practice.apply_transition(name, by=user, comment=comment)
        practice.full_clean()
        _save(practice, user=user, reason=transition.label)
        Practice.objects.filter(pk=practice.pk).refresh_search_vectors()
        if notify := _NOTIFICATIONS.get(name):
            transaction.on_commit(partial(notify, practice), robust=True)
    return practice


def practice_delete(*, practice: Practice, user) -> None:
    """Delete an archived practice (editors only); the history keeps it for restoring.

    Its references and identifiers are deleted in the same instant, which is how a restore
    finds them again.
    """
    if not roles.is_editor(user) or not user.has_perm("practices.delete_practice"):
        raise PermissionDenied(gettext("Only an editor can delete a practice."))
    with transaction.atomic():
        practice = _locked(practice.pk)
        if not roles.can_delete(user, practice):
            raise ValidationError(
                # Translators: “Youth Guarantee” is published: archive it before deleting it.
                gettext("“%(title)s” is %(status)s: archive it before deleting it.")
                % {"title": practice.title, "status": practice.get_status_display().lower()}
            )
        now = timezone.now()
        for related in [*practice.references.all(), *practice.identifiers.all()]:
            related._history_date = now
            related._history_user = user
            related.delete()
        practice._history_date = now
        practice._history_user = user
        practice._change_reason = "Deleted"
        practice.delete()


def practice_restore_version(
    *, history_id: int, user, seen_revision: int | None = None
) -> tuple[Practice, list[str]]:
    """Bring a practice back to a recorded version; return it and notes on what was skipped.

    - An existing practice gets the version's content: every recorded field except those in
      KEPT_ON_RESTORE, and its regions, target groups, themes, funding sources and partner
      organisations. Its status and workflow dates stay: the workflow alone changes them.
      References and identifiers are edited on the form and are not rewound.
    - A deleted practice comes back whole as that version (its status too, archived as a rule),
      with the references and identifiers deleted together with it.

    Related items that no longer exist (a deleted region, say) cannot be restored; the notes
    name them. StaleRevision if `seen_revision` (the version the person's page showed) is not
    the current one: a restore never undoes a change its author has not seen.
    """
    if not roles.can_restore(user):
        raise PermissionDenied(gettext("Only an editor can restore a version."))
    record = Practice.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError(gettext("There is no such version of a practice."))
    if record.history_type == "-":
        raise ValidationError(
            gettext("This entry records the deletion; restore the version saved before it.")
        )
    saved = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    reason = f"Restored the version of {saved}"
    notes = []
    with transaction.atomic():
        practice = Practice.objects.select_for_update().filter(pk=record.id).first()
        was_deleted = practice is None
        conflicts.check(record.id, seen_revision)
        if was_deleted:
            practice = record.instance
            practice._state.adding = True
        else:
            for field in restored_fields():
                setattr(practice, field.attname, getattr(record, field.attname))
        practice.full_clean()
        with one_version(practice, user=user, reason=reason):
            practice.save(force_insert=was_deleted)
            practice._state.adding = False
            for field in Practice.history.model._history_m2m_fields:
                notes += _restore_m2m(practice, record, field)
        if was_deleted:
            notes += _restore_deleted_children(practice, user=user)
    return practice, notes


def restored_fields():
    """The practice fields a restore copies from the version (see KEPT_ON_RESTORE)."""
    recorded = {field.name for field in Practice.history.model._meta.fields}
    return [
        field
        for field in Practice._meta.concrete_fields
        if field.name in recorded and field.name not in KEPT_ON_RESTORE
    ]


def _restore_m2m(practice: Practice, record, field) -> list[str]:
    target = field.remote_field.model
    wanted = set(
        getattr(record, field.name).values_list(f"{field.m2m_reverse_field_name()}_id", flat=True)
    )
    existing = list(target.objects.filter(pk__in=wanted))
    getattr(practice, field.name).set(existing)
    lost = len(wanted) - len(existing)
    if lost:
        note = ngettext(
            # Translators: “2 of its regions no longer exist …”: the name of the relation is plural.
            "%(count)s of its %(relation)s no longer exist and could not be restored.",
            "%(count)s of its %(relation)s no longer exist and could not be restored.",
            lost,
        )
        return [note % {"count": lost, "relation": field.verbose_name}]
    return []


def _restore_deleted_children(practice: Practice, *, user) -> list[str]:
    deletion = (
        Practice.history.filter(id=practice.pk, history_type="-").order_by("-history_date").first()
    )
    if deletion is None:
        return []
    notes = []
    window = {
        "practice_id": practice.pk,
        "history_type": "-",
        "history_date__gte": deletion.history_date - _DELETED_TOGETHER,
        "history_date__lte": deletion.history_date,
    }
    for model in (PracticeReference, ExternalIdentifier):
        for record in model.history.filter(**window).order_by("history_date"):
            child = record.instance
            if model.objects.filter(pk=child.pk).exists():
                child.pk = None
            child._history_user = user
            try:
                child.full_clean()
            except ValidationError as error:
                notes.append(
                    gettext("“%(name)s” could not be restored: %(reasons)s")
                    % {"name": child, "reasons": " ".join(error.messages)}
                )
                continue
            child.save(force_insert=True)
    return notes


def deleted_practices():
    """The last record of every deleted practice that has not been restored, newest first."""
    return (
        Practice.history.filter(history_type="-")
        .exclude(id__in=Practice.objects.values("pk"))
        .order_by("id", "-history_date")
    )
