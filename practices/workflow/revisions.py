"""Changing a published practice keeps it online: a member's changes are a proposal beside it.

A member proposes changes to their organisation's published practice; the proposal is saved,
submitted, and published or sent back by an editor, like a submission, while the public page,
the list, the CSV and the facet counts keep showing the published version. Publishing applies
the proposal to the practice in one recorded version (with its history), and only then does the
public site see it.

Why a PracticeRevision row holding the proposed practice as JSON, and not a second Practice row
or a status on the practice: the public read path reads practices_practice, and PostgreSQL
triggers on it keep the facet counts and search vectors (migrations 0006, 0008, 0011, 0012). A
proposal kept outside that table cannot leak into a list, a count or a search, whatever the
query; a second Practice would duplicate the slug, the title (unique per organisation) and
every relation, and each public query would have to learn to skip it. Wagtail keeps revisions
of its pages the same way: the live row holds what is published, revisions hold content as
JSON, and publishing a revision copies it onto the live row. Unlike Wagtail, nothing on the
practice's row says a proposal exists, so writing a proposal never fires those triggers.

`content` is the practice as proposed and `base` as it was when the proposal started: publishing
applies only what the member changed, so an editor's correction made meanwhile to another field
stays. Rights: the practice's organisations' members propose, submit and withdraw; editors
publish or request changes (practices/workflow/roles.py).
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from ..models import ExternalIdentifier, Practice, PracticeReference, PracticeRevision
from . import roles, services
from .conflicts import person

R = PracticeRevision.Status

# The inline rows a proposal carries, by formset prefix, with the fields kept.
INLINES = {
    "references": (PracticeReference, ("title", "url", "date")),
    "identifiers": (ExternalIdentifier, ("scheme", "value")),
}


def content_fields():
    """The practice fields a proposal carries: what a restore copies (its content)."""
    return services.restored_fields()


def relation_fields():
    return list(Practice.history.model._history_m2m_fields)


def _json(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def snapshot(practice: Practice) -> dict:
    """The practice's content in the shape a proposal stores."""
    return {
        "fields": {f.attname: _json(getattr(practice, f.attname)) for f in content_fields()},
        "relations": {
            f.name: sorted(getattr(practice, f.name).values_list("pk", flat=True))
            for f in relation_fields()
        },
        **{
            prefix: [
                {name: _json(getattr(row, name)) for name in names}
                for row in model.objects.filter(practice=practice).order_by("pk")
            ]
            for prefix, (model, names) in INLINES.items()
        },
    }


def open_revision(practice: Practice) -> PracticeRevision | None:
    return (
        PracticeRevision.objects.filter(practice=practice, status__in=PracticeRevision.OPEN)
        .select_related("created_by", "updated_by", "reviewed_by")
        .first()
    )


def open_proposals(user):
    """The open proposals this user may see (their organisations', or all for an editor): for
    a "proposals pending" count on the admin home."""
    return PracticeRevision.objects.filter(
        status__in=PracticeRevision.OPEN,
        practice__in=roles.visible_practices(user),
    )


def submitted_revisions():
    """The review queue's proposals, the longest waiting first."""
    return (
        PracticeRevision.objects.filter(status=R.SUBMITTED)
        .select_related("practice__lead_organisation", "updated_by")
        .order_by("submitted_at", "pk")
    )


# Between the admin's form and a proposal.


def form_initial(content: dict) -> dict:
    """A proposal's content as the practice form's initial values."""
    initial = {}
    for field in content_fields():
        if field.attname in content["fields"]:
            initial[field.name] = content["fields"][field.attname]
    initial.update(content["relations"])
    return initial


def content_from_form(base: dict, form, formsets) -> dict:
    """What the posted proposal form holds, over `base` for what the form does not show."""
    content = {
        "fields": dict(base["fields"]),
        "relations": dict(base["relations"]),
        **{prefix: list(base.get(prefix, [])) for prefix in INLINES},
    }
    for field in content_fields():
        if field.name in form.cleaned_data:
            value = form.cleaned_data[field.name]
            if field.is_relation:
                value = value.pk if value is not None else None
            content["fields"][field.attname] = _json(value)
    for field in relation_fields():
        if field.name in form.cleaned_data:
            content["relations"][field.name] = sorted(o.pk for o in form.cleaned_data[field.name])
    for formset in formsets:
        prefix = formset.prefix
        if prefix not in INLINES:
            continue
        names = INLINES[prefix][1]
        rows = []
        for row_form in formset.forms:
            if formset.can_delete and formset._should_delete_form(row_form):
                continue
            if row_form.has_changed():
                source = row_form.cleaned_data
            elif row_form.initial:
                source = row_form.initial
            else:
                continue
            rows.append({name: _json(source.get(name)) for name in names})
        content[prefix] = rows
    return content


def changed_labels(revision: PracticeRevision) -> list[str]:
    """What the proposal changes, by name, from its JSON alone (no query: the review queue)."""
    content, base = revision.content, revision.base
    labels = [
        str(f.verbose_name).capitalize()
        for f in content_fields()
        if content["fields"].get(f.attname) != base["fields"].get(f.attname)
    ]
    labels += [
        str(f.verbose_name).capitalize()
        for f in relation_fields()
        if set(content["relations"].get(f.name, [])) != set(base["relations"].get(f.name, []))
    ]
    labels += [
        str(model._meta.verbose_name_plural).capitalize()
        for prefix, (model, _) in INLINES.items()
        if content.get(prefix, []) != base.get(prefix, [])
    ]
    return labels


def inline_rows(content: dict, model) -> list[dict]:
    for prefix, (inline_model, _) in INLINES.items():
        if inline_model is model:
            return content.get(prefix, [])
    return []


class ProposalMode:
    """Set on the request while the practice form edits a proposal instead of the practice."""

    def __init__(self, practice: Practice, revision: PracticeRevision | None):
        self.revision = revision
        self.content = revision.content if revision is not None else snapshot(practice)
        self.saved: PracticeRevision | None = None


def proposal_form_class(form_class, mode: ProposalMode):
    """The practice form, filled from the proposal, checked against the proposal's version."""

    class ProposalForm(form_class):
        def __init__(self, *args, **kwargs):
            kwargs["initial"] = {**form_initial(mode.content), **(kwargs.get("initial") or {})}
            super().__init__(*args, **kwargs)
            if "revision" in self.fields:
                self.fields["revision"].initial = mode.revision.version if mode.revision else 0

        def clean(self):
            # The proposal's mark, not the practice's: an editor's change to the practice meanwhile
            # is no conflict, since publishing applies only what the proposal changes.
            cleaned_data = forms.ModelForm.clean(self)
            revision = _locked_open(self.instance)
            try:
                _check_version(revision, cleaned_data.get("revision"))
            except StaleProposal as stale:
                raise ValidationError(
                    gettext(
                        "Not saved: %(reason)s Your form is as you left it; check the proposed "
                        "changes before saving again."
                    )
                    % {"reason": stale.messages[0]},
                    code="stale",
                ) from None
            if revision is not None and revision.status == R.SUBMITTED:
                raise ValidationError(
                    gettext(
                        "These proposed changes are waiting for review: withdraw them to change "
                        "them."
                    )
                )
            return cleaned_data

    return ProposalForm


# Saving and the steps of a proposal.


class StaleProposal(ValidationError):
    """The proposal changed since this person's page showed it."""


def _check_version(revision: PracticeRevision | None, seen: int | None) -> None:
    if seen is None:
        return
    current = revision.version if revision is not None else 0
    if seen == current:
        return
    if revision is None:
        raise StaleProposal(
            gettext(
                "These proposed changes were published or withdrawn since you opened this page."
            )
        )
    when = date_format(timezone.localtime(revision.updated_at), "DATETIME_FORMAT")
    raise StaleProposal(
        gettext("%(who)s changed these proposed changes since you opened this page (%(when)s).")
        % {"who": person(revision.updated_by), "when": when}
    )


def _locked_open(practice: Practice) -> PracticeRevision | None:
    return (
        PracticeRevision.objects.select_for_update()
        .filter(practice=practice, status__in=PracticeRevision.OPEN)
        .first()
    )


def save_proposal(
    *, practice: Practice, user, content: dict, seen_version: int | None, submit: bool = False
) -> PracticeRevision:
    """Create or update the practice's open proposal (and submit it, if asked).

    The practice itself is not written: the public site keeps showing it as it is.
    """
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if not roles.can_propose(user, practice):
            raise PermissionDenied(gettext("You may not propose changes to this practice."))
        revision = _locked_open(practice)
        _check_version(revision, seen_version)
        if revision is not None and revision.status == R.SUBMITTED:
            raise ValidationError(
                gettext(
                    "These proposed changes are waiting for review: withdraw them to change them."
                )
            )
        if revision is None:
            # Versions count on from the practice's earlier proposals, so a page showing a
            # withdrawn one can never pass for showing the new one.
            last = PracticeRevision.objects.filter(practice=practice).aggregate(
                last=Max("version")
            )["last"]
            revision = PracticeRevision(
                practice=practice,
                base=snapshot(practice),
                created_by=user,
                version=(last or 0) + 1,
            )
        else:
            revision.version += 1
        revision.content = content
        revision.updated_by = user
        if submit:
            revision.status = R.SUBMITTED
            revision.submitted_at = timezone.now()
        revision.full_clean()
        revision.save()
    return revision


# The steps of a proposal, with their buttons' labels.
STEPS = {
    "submit": gettext_lazy("Submit for review"),
    # Translators: a button: withdraw the proposed changes.
    "withdraw": gettext_lazy("Withdraw"),
    # Translators: a button: publish the proposed changes.
    "publish": gettext_lazy("Publish"),
    "request_changes": gettext_lazy("Request changes"),
}


def proposal_step(
    *, practice: Practice, user, name: str, comment: str = "", seen_version: int | None = None
) -> PracticeRevision:
    """Submit, withdraw, publish or send back the practice's open proposal."""
    if name not in STEPS:
        raise ValidationError(
            gettext("There is no “%(step)s” step for proposed changes.") % {"step": name}
        )
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        revision = _locked_open(practice)
        editor_step = name in {"publish", "request_changes"}
        allowed = (
            roles.is_editor(user) and user.has_perm("practices.change_practice")
            if editor_step
            else roles.can_propose(user, practice)
        )
        if not allowed:
            raise PermissionDenied(
                gettext("You may not “%(step)s” these proposed changes.")
                % {"step": STEPS[name].lower()}
            )
        _check_version(revision, seen_version)
        if revision is None:
            raise ValidationError(gettext("There are no proposed changes to this practice."))
        wanted = {
            "submit": (R.DRAFT,),
            "withdraw": (R.DRAFT, R.SUBMITTED),
            "publish": (R.SUBMITTED,),
            "request_changes": (R.SUBMITTED,),
        }[name]
        if revision.status not in wanted:
            raise ValidationError(
                # Translators: “Publish” is not possible for proposed changes that are withdrawn.
                gettext("“%(step)s” is not possible for proposed changes that are %(status)s.")
                % {"step": STEPS[name], "status": revision.get_status_display().lower()}
            )
        now = timezone.now()
        if name == "submit":
            revision.status, revision.submitted_at = R.SUBMITTED, now
        elif name == "withdraw":
            revision.status = R.WITHDRAWN
        elif name == "request_changes":
            if not comment.strip():
                raise ValidationError(
                    gettext("Say what needs to change, so the member knows what to do.")
                )
            revision.status, revision.review_comment = R.DRAFT, comment.strip()
            revision.reviewed_by, revision.reviewed_at = user, now
        else:
            _apply(practice, revision, user=user, now=now)
            revision.status, revision.review_comment = R.PUBLISHED, ""
            revision.reviewed_by, revision.reviewed_at = user, now
        revision.version += 1
        revision.updated_by = user
        revision.save()
    return revision


def _apply(practice: Practice, revision: PracticeRevision, *, user, now) -> None:
    """Write what the proposal changed onto the practice, as one recorded version."""
    if practice.status != Practice.Status.PUBLISHED:
        raise ValidationError(
            # Translators: “The practice is archived now: publish it before …”.
            gettext("The practice is %(status)s now: publish it before publishing changes to it.")
            % {"status": practice.get_status_display().lower()}
        )
    content, base = revision.content, revision.base
    for field in content_fields():
        proposed = content["fields"].get(field.attname)
        if proposed != base["fields"].get(field.attname):
            setattr(practice, field.attname, field.to_python(proposed))
    practice.last_reviewed_on = timezone.localdate(now)
    try:
        practice.full_clean()
    except ValidationError as error:
        raise ValidationError(
            [gettext("The proposed changes cannot be published as they are:"), *error.messages]
        ) from None
    # Held to the submission checklist only for what it changes: a gap the published version
    # already had is no reason to refuse a member's correction.
    missing_before = set(practice.missing_for_submission())
    reason = f"Published the changes proposed by {person(revision.created_by)}"
    with services.one_version(practice, user=user, reason=reason):
        practice.save()
        for field in relation_fields():
            proposed = content["relations"].get(field.name, [])
            if set(proposed) != set(base["relations"].get(field.name, [])):
                target = field.remote_field.model
                getattr(practice, field.name).set(target.objects.filter(pk__in=proposed))
        for prefix, (model, names) in INLINES.items():
            if content.get(prefix, []) != base.get(prefix, []):
                _replace_rows(practice, model, names, content.get(prefix, []), user=user, now=now)
    missing = [gap for gap in practice.missing_for_submission() if gap not in missing_before]
    if missing:
        raise ValidationError(
            [gettext("The proposed changes leave the practice incomplete:"), *missing]
        )


def _replace_rows(practice, model, names, rows, *, user, now) -> None:
    for row in model.objects.filter(practice=practice):
        row._history_user, row._history_date = user, now
        row.delete()
    for values in rows:
        row = model(practice=practice)
        for name in names:
            field = model._meta.get_field(name)
            setattr(row, name, field.to_python(values.get(name)))
        row._history_user = user
        row.full_clean()
        row.save()


# What the proposal changes, in words, for the review page.


@dataclass
class Difference:
    label: str
    public: str
    proposed: str


def _display_field(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        if related is not None:
            return str(related)
        return gettext("(deleted, ID %(id)s)") % {"id": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def _display_rows(model, rows) -> str:
    if not rows:
        return "—"
    lines = []
    for values in rows:
        row = model(**{k: model._meta.get_field(k).to_python(v) for k, v in values.items()})
        extra = f" ({values['url']})" if values.get("url") else ""
        lines.append(f"{row}{extra}")
    return "\n".join(lines)


def differences(revision: PracticeRevision, practice: Practice | None = None) -> list[Difference]:
    """What publishing the proposal would change on the public version: each field, relation or
    list the member changed (against `base`), as it is published now and as proposed."""
    public = snapshot(practice or revision.practice)
    content, base = revision.content, revision.base
    rows = []
    for field in content_fields():
        before = public["fields"].get(field.attname)
        after = content["fields"].get(field.attname)
        if after != base["fields"].get(field.attname) and after != before:
            rows.append(
                Difference(
                    str(field.verbose_name).capitalize(),
                    _display_field(field, before),
                    _display_field(field, after),
                )
            )
    for field in relation_fields():
        before = set(public["relations"].get(field.name, []))
        after = set(content["relations"].get(field.name, []))
        if after != set(base["relations"].get(field.name, [])) and after != before:
            target = field.remote_field.model

            def names(ids, target=target):
                return ", ".join(str(o) for o in target.objects.filter(pk__in=ids)) or "—"

            rows.append(
                Difference(str(field.verbose_name).capitalize(), names(before), names(after))
            )
    for prefix, (model, _) in INLINES.items():
        after = content.get(prefix, [])
        if after != base.get(prefix, []) and after != public.get(prefix, []):
            rows.append(
                Difference(
                    str(model._meta.verbose_name_plural).capitalize(),
                    _display_rows(model, public.get(prefix, [])),
                    _display_rows(model, after),
                )
            )
    return rows
