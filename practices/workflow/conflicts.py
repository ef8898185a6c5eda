"""Edits never overwrite each other silently: a save from a form older than the practice's last
change is refused, says who changed what since, and keeps what the person typed.

The version mark is the id of the practice's latest history record (django-simple-history).
Every write the admin and the services make is recorded as exactly one record
(services.one_version), so that id moves exactly when the practice does, and it is also where
the "who changed what since" message starts from: one source for both. It needs no new column on
practices_practice, whose triggers keep the facet counts and search vectors. The form carries it
in a hidden field; the save checks it in the saving transaction, after `select_for_update` on the
practice's row, so two saves cannot both pass the check. A form without the mark (a script, a page
served before this release) is saved as before.

Refused, the form is shown again holding the current version with this person's changes on top
(`merged_post`): a field they changed keeps their value, any other field takes the current one,
and the references and identifiers likewise row by row. A "Save my changes on top" button sends
the mark of the version they were shown, so the save goes through unless someone changed the
practice once more in the meantime.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms.models import ModelMultipleChoiceField
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext

from ..models import ExternalIdentifier, Practice, PracticeReference

REVISION_FIELD = "revision"
# The button of a refused form that saves on top of the version it showed, and that version.
ON_TOP = "_save_on_top"
SEEN_FIELD = "seen_revision"

# Bookkeeping that moves with the workflow; the status itself is reported.
_NOT_REPORTED = {
    "id",
    "created_at",
    "created_by",
    "submitted_at",
    "published_at",
    "last_reviewed_on",
    "submitted_by",
}
# Inline rows, by the formset prefix the admin gives them (the relation's accessor name).
INLINE_MODELS = {"references": PracticeReference, "identifiers": ExternalIdentifier}


def current_revision(practice_id) -> int:
    """The id of the practice's latest history record (0 if it has none)."""
    if practice_id is None:
        return 0
    latest = Practice.history.filter(id=practice_id).aggregate(latest=Max("history_id"))
    return latest["latest"] or 0


def person(user) -> str:
    if user is None:
        return gettext("someone whose account no longer exists")
    return user.get_full_name() or user.get_username()


@dataclass
class Change:
    name: str
    label: str
    old: str
    new: str
    # Whether the person whose save was refused changed this field too (their value is kept).
    clash: bool = False


@dataclass
class Edit:
    """One recorded change made by someone else since the form was opened."""

    who: str
    when: datetime.datetime
    reason: str
    changes: list[Change] = field(default_factory=list)

    @property
    def when_display(self) -> str:
        return date_format(timezone.localtime(self.when), "DATETIME_FORMAT")


class StaleRevision(ValidationError):
    """Raised by the services when the version a person saw is no longer the current one."""

    def __init__(self, practice_id, seen: int):
        self.edits = changes_since(practice_id, seen)
        super().__init__(summary(self.edits))


def summary(edits: list[Edit]) -> str:
    """One paragraph: who changed what since, most recent last."""
    if not edits:
        return gettext("This practice was changed since you opened this page.")
    parts = []
    for edit in edits:
        # Translators: what someone changed, when nothing more precise is known: the practice.
        what = ", ".join(change.label for change in edit.changes) or edit.reason or gettext("it")
        parts.append(
            # Translators: “Ana Ruiz changed Summary, Themes (10 Feb 2026, 09:30)”.
            gettext("%(who)s changed %(what)s (%(when)s)")
            % {"who": edit.who, "what": what, "when": edit.when_display}
        )
    return gettext("This practice was changed since you opened this page: %(changes)s.") % {
        "changes": "; ".join(parts)
    }


def check(practice_id, seen: int | None) -> None:
    """Raise StaleRevision unless `seen` is the current version; call with the row locked."""
    if seen is None:
        return
    if seen != current_revision(practice_id):
        raise StaleRevision(practice_id, seen)


def lock(practice_id) -> None:
    """Hold the practice's row until the transaction ends (no-op on SQLite, which locks all)."""
    list(Practice.objects.select_for_update().filter(pk=practice_id).values_list("pk"))


# What changed, in words.


def _short(value) -> str:
    return Truncator(str(value)).chars(80) if value not in (None, "") else gettext("(empty)")


def _field_value(record, model_field) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return gettext("(empty)")
    if model_field.is_relation:
        related = model_field.related_model.objects.filter(pk=value).first()
        if related is not None:
            return str(related)
        return gettext("(deleted, ID %(id)s)") % {"id": value}
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return _short(value)


def _m2m_ids(record, m2m_field) -> set[int]:
    return set(
        getattr(record, m2m_field.name).values_list(
            f"{m2m_field.m2m_reverse_field_name()}_id", flat=True
        )
    )


def _names(model, ids) -> str:
    return ", ".join(str(o) for o in model.objects.filter(pk__in=ids)) or gettext("(none)")


def _excerpts(old: str, new: str, width: int = 80) -> tuple[str, str]:
    """Two long texts shown around where they start to differ, not by their common opening."""
    if len(old) <= width and len(new) <= width:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    start = max(0, start - 20)

    def cut(text):
        piece = text[start : start + width]
        return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")

    return cut(old) or gettext("(empty)"), cut(new) or gettext("(empty)")


def _record_changes(old, new) -> list[Change]:
    changes = []
    for model_field in Practice._meta.concrete_fields:
        if model_field.name in _NOT_REPORTED or not hasattr(new, model_field.attname):
            continue
        before, after = getattr(old, model_field.attname), getattr(new, model_field.attname)
        if before != after:
            if isinstance(before, str) and isinstance(after, str) and not model_field.choices:
                shown = _excerpts(before, after)
            else:
                shown = (_field_value(old, model_field), _field_value(new, model_field))
            changes.append(
                Change(
                    model_field.name,
                    str(model_field.verbose_name).capitalize(),
                    *shown,
                )
            )
    for m2m_field in Practice.history.model._history_m2m_fields:
        before, after = _m2m_ids(old, m2m_field), _m2m_ids(new, m2m_field)
        if before != after:
            target = m2m_field.remote_field.model
            changes.append(
                Change(
                    m2m_field.name,
                    str(m2m_field.verbose_name).capitalize(),
                    _names(target, before),
                    _names(target, after),
                )
            )
    return changes


def changes_since(practice_id, seen: int) -> list[Edit]:
    """Every recorded change to the practice after version `seen`, field by field, including
    its references and identifiers."""
    records = list(
        Practice.history.filter(id=practice_id, history_id__gt=seen)
        .select_related("history_user")
        .order_by("history_id")
    )
    previous = Practice.history.filter(id=practice_id, history_id__lte=seen).order_by("-history_id")
    previous = previous.first()
    edits = []
    for record in records:
        changes = _record_changes(previous, record) if previous is not None else []
        edits.append(
            Edit(
                person(record.history_user),
                record.history_date,
                record.history_change_reason or "",
                changes,
            )
        )
        previous = record
    since = previous_date = None
    if seen:
        previous_date = Practice.history.filter(history_id=seen).values_list(
            "history_date", flat=True
        )
        since = previous_date.first()
    if since is not None:
        edits += _inline_changes(practice_id, since)
        edits.sort(key=lambda edit: edit.when)
    return _merge_same_save(edits)


def _inline_changes(practice_id, since) -> list[Edit]:
    edits = []
    for prefix, model in INLINE_MODELS.items():
        label = str(model._meta.verbose_name).capitalize()
        records = (
            model.history.filter(practice_id=practice_id, history_date__gt=since)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        for record in records:
            what = _row_change(record.history_type, label, record.instance)
            edits.append(
                Edit(
                    person(record.history_user),
                    record.history_date,
                    "",
                    [Change(prefix, what, "", "")],
                )
            )
    return edits


def _row_change(history_type: str, kind: str, name) -> str:
    """A reference or identifier row added, changed or deleted, in words."""
    if history_type == "+":
        # Translators: a row of the practice's references or identifiers, added by someone else
        # meanwhile: “Reference “Annual report 2024” added”.
        message = gettext("%(kind)s “%(name)s” added")
    elif history_type == "~":
        # Translators: as “… added”, for a changed row.
        message = gettext("%(kind)s “%(name)s” changed")
    else:
        # Translators: as “… added”, for a deleted row.
        message = gettext("%(kind)s “%(name)s” deleted")
    return message % {"kind": kind, "name": name}


def _merge_same_save(edits: list[Edit]) -> list[Edit]:
    """A form save records the references a moment before the practice: one entry per save."""
    merged: list[Edit] = []
    for edit in edits:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.who == edit.who
            and abs(edit.when - last.when) < datetime.timedelta(seconds=2)
        ):
            last.changes += edit.changes
            last.when = max(last.when, edit.when)
            last.reason = last.reason or edit.reason
        else:
            merged.append(edit)
    return merged


# The refused form, again: the current version with this person's changes on top.


def _as_post(bound_field) -> list[str]:
    """The values an unbound field would post, as strings."""
    form_field = bound_field.field
    value = bound_field.value()
    if isinstance(form_field.widget, forms.CheckboxInput):
        return ["on"] if value else []
    if isinstance(form_field, ModelMultipleChoiceField):
        return [str(v) for v in value or []]
    if value is None:
        return []
    return [str(value)]


def _record_initial(record, form) -> dict:
    """A history record's values in the shape a form's initial data takes."""
    _model_fields = {f.name: f for f in Practice._meta.concrete_fields}
    initial = {}
    m2m = {f.name: f for f in Practice.history.model._history_m2m_fields}
    for name in form.fields:
        if name in m2m:
            initial[name] = sorted(_m2m_ids(record, m2m[name]))
            continue
        model_field = _model_fields.get(name)
        if model_field is not None and hasattr(record, model_field.attname):
            initial[name] = getattr(record, model_field.attname)
    return initial


def user_changed_fields(form, record) -> set[str]:
    """The form's fields whose posted value differs from the version `record` (what the person
    changed, as opposed to what they were shown)."""
    base = _record_initial(record, form)
    changed = set()
    for name, bound_field in form._bound_items():
        if name not in base:
            continue
        if bound_field.field.has_changed(base[name], bound_field.data):
            changed.add(name)
    return changed


def merged_post(*, post: QueryDict, form_class, formset_classes, practice, seen: int):
    """The refused form's data rebuilt on the current version; and the fields the person changed.

    `formset_classes` maps each inline prefix to its formset class (for the row forms' fields).
    """
    record = Practice.history.filter(id=practice.pk, history_id=seen).first()
    data = post.copy()
    if record is None:
        return data, set()
    posted = form_class(post, instance=practice)
    current = form_class(instance=practice)
    changed = user_changed_fields(posted, record)
    for name in posted.fields:
        if name in (REVISION_FIELD,) or name in changed:
            continue
        data.setlist(posted.add_prefix(name), _as_post(current[name]))
    for prefix, formset_class in formset_classes.items():
        model = INLINE_MODELS.get(prefix)
        if model is not None and f"{prefix}-TOTAL_FORMS" in post:
            _merge_rows(data, post, prefix, model, formset_class.form, practice, record)
    return data, changed


def _merge_rows(data, post, prefix, model, row_form_class, practice, record) -> None:
    names = [n for n in row_form_class.base_fields if n not in {"id", "practice", "DELETE"}]
    current = {row.pk: row for row in model.objects.filter(practice=practice)}
    kept_existing, new_rows, seen_ids = [], [], set()
    try:
        total = int(post.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return
    for i in range(min(total, 1000)):
        key = f"{prefix}-{i}-"
        row = {
            k[len(key) :]: post.getlist(k)
            for k in post
            if k.startswith(key) and k[len(key) :] not in {"practice"}
        }
        row_id = (row.get("id") or [""])[0]
        if not row_id.isdigit():
            if any(v and v != [""] for n, v in row.items() if n in names):
                new_rows.append(row)
            continue
        row_id = int(row_id)
        seen_ids.add(row_id)
        if row_id not in current:
            continue  # deleted since: the conflict message says so
        base = (
            model.history.filter(id=row_id, history_date__lte=record.history_date)
            .order_by("-history_date", "-history_id")
            .first()
        )
        fields = row_form_class.base_fields
        touched = bool(row.get("DELETE")) or base is None
        if not touched:
            for n in names:
                posted_value = fields[n].widget.value_from_datadict(post, {}, key + n)
                if fields[n].has_changed(getattr(base, n), posted_value):
                    touched = True
                    break
        kept_existing.append(row if touched else _row_from(current[row_id], names))
    for row_id, row in current.items():
        if row_id not in seen_ids:
            kept_existing.append(_row_from(row, names))
    for k in [k for k in data if k.startswith(f"{prefix}-") and k[len(prefix) + 1 :][:1].isdigit()]:
        del data[k]
    for i, row in enumerate([*kept_existing, *new_rows]):
        for n, values in row.items():
            data.setlist(f"{prefix}-{i}-{n}", values)
        data[f"{prefix}-{i}-practice"] = str(practice.pk)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(kept_existing) + len(new_rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept_existing))


def _row_from(row, names) -> dict:
    values = {"id": [str(row.pk)]}
    for n in names:
        value = getattr(row, n)
        values[n] = (
            []
            if value is None
            else [value.isoformat() if hasattr(value, "isoformat") else str(value)]
        )
    return values


class RevisionCheckedForm(forms.ModelForm):
    """A practice form that refuses to save over a version its user has not seen."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale: StaleRevision | None = None
        if self.instance.pk:
            self.fields[REVISION_FIELD].initial = current_revision(self.instance.pk)

    def seen_revision(self) -> int | None:
        """The version this form was made from: the one shown with a refusal, if saving on top."""
        if ON_TOP in self.data:
            try:
                return int(self.data.get(SEEN_FIELD, ""))
            except ValueError:
                return -1
        return self.cleaned_data.get(REVISION_FIELD)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and REVISION_FIELD not in self.errors:
            lock(self.instance.pk)
            try:
                check(self.instance.pk, self.seen_revision())
            except StaleRevision as stale:
                self.stale = stale
                raise ValidationError(stale.messages[0], code="stale") from None
        return cleaned_data
