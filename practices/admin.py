"""The admin where members submit practices and editors review, publish and restore them.

Rights are decided here, where the admin asks (`get_queryset`, `has_*_permission`, the choices
of the organisation fields), from the rules in workflow/roles.py; the status changes, restores
and deletions go through workflow/services.py. A practice outside the user's queryset answers
404 on every URL (change, delete, history, a version, preview, a workflow step), so guessing an
address tells nothing, not even the title.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Max, OuterRef, Q, Subquery
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from regions.admin import RegionAdmin
from regions.models import Region

from .admin_forms import (
    FORM_STEPS,
    INCOMPLETE_PARAM,
    ExcludingAutocompleteSelect,
    PracticeAdminForm,
)
from .browse.views import practice_detail_context
from .exchange.admin_csv import export_selected_as_csv, import_urls
from .history_display import display_value, set_readable_changes
from .models import (
    TRANSITIONS,
    ExternalIdentifier,
    FundingSource,
    IncompletePractice,
    Practice,
    PracticeReference,
    TargetGroup,
    Theme,
    with_published_practice_count,
)
from .people import person_name
from .workflow import conflicts, emails, revisions, roles, services


class VocabularyAdmin(TranslationAdmin):
    """A term's name and description in English and every other language of the interface
    (practices/translation.py), one field each."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(TargetGroup, VocabularyAdmin)
admin.site.register(Theme, VocabularyAdmin)


# The region admin (regions/admin.py) with what only this app knows: published practices.
admin.site.unregister(Region)


@admin.register(Region)
class RegionWithPracticesAdmin(RegionAdmin):
    list_display = [*RegionAdmin.list_display, "practice_count"]

    def get_queryset(self, request):
        return with_published_practice_count(super().get_queryset(request))

    @admin.display(description=_("Published practices"), ordering="published_practice_count")
    def practice_count(self, obj):
        return obj.published_practice_count


@admin.register(FundingSource)
class FundingSourceAdmin(VocabularyAdmin):
    list_display = ["name", "scope", "slug"]
    list_filter = ["scope"]


def _may_edit(request, practice) -> bool:
    """The form edits the practice, or a proposal to change it (practices/workflow/revisions.py)."""
    if getattr(request, "practice_proposal", None) is not None:
        return roles.can_propose(request.user, practice)
    return roles.can_change(request.user, practice)


class PracticeChildInline(admin.TabularInline):
    """References and identifiers follow the practice: editable exactly when it is."""

    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        # A proposal's rows are shown as new rows filled from it (see get_formset_kwargs).
        mode = getattr(request, "practice_proposal", None)
        if mode is not None:
            return len(revisions.inline_rows(mode.content, self.model))
        return super().get_extra(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or _may_edit(request, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or _may_edit(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or _may_edit(request, obj)
        )


class PracticeReferenceInline(PracticeChildInline):
    model = PracticeReference


class ExternalIdentifierInline(PracticeChildInline):
    model = ExternalIdentifier


class ReviewFilter(admin.SimpleListFilter):
    # Translators: a filter of the admin's list of practices, shown as “By review”.
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("drafts", gettext("Drafts in progress")),
            ("waiting", gettext("Waiting for review")),
            ("changes", gettext("Changes requested")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "drafts":
            return queryset.filter(status=Practice.Status.DRAFT, review_comment="")
        if self.value() == "waiting":
            return queryset.filter(status=Practice.Status.SUBMITTED)
        if self.value() == "changes":
            return queryset.filter(status=Practice.Status.DRAFT).exclude(review_comment="")
        return queryset


# The proposal form's button that saves and submits in one press.
PROPOSAL_SUBMIT = "_submit_proposal"

# What the message after a step taken with the form's buttons says happened.
_STEP_DONE = {
    "submit": _("“%(title)s” is saved and now submitted for review; the editors are told."),
    "publish": _("“%(title)s” is saved and now published."),
    "request_changes": _("“%(title)s” is saved and sent back to the submitter with your comment."),
}


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000)
    # The version the page showed (practices/workflow/conflicts.py); absent: not checked.
    revision = forms.IntegerField(label=_("Revision"), required=False, min_value=0)

    def error_sentences(self) -> list[str]:
        """The form's errors as sentences, each with its field's label."""
        return [
            # Translators: a field's label, then what is wrong with its value.
            gettext("%(field)s: %(error)s")
            % {"field": self.fields[name].label if name in self.fields else name, "error": error}
            for name, errors in self.errors.items()
            for error in errors
        ]


# Steps that change what the public sees ask first, as Django's delete does: their address
# answers GET with a confirmation page whose form POSTs back to it; a POST takes the step.
CONFIRMED_STEPS = frozenset({"publish", "archive"})


# The section of the practice form with its publication record (editors only).
_PUBLICATION = _("Publication")


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    # Says what submitting needs, and carries the version the form was made from: a save over a
    # newer one is refused (admin_forms.py, workflow/conflicts.py).
    form = PracticeAdminForm
    # Per role: get_list_display, get_list_select_related.
    list_display = ["title", "status_display", "updated"]
    list_filter = [
        ReviewFilter,
        "status",
        "kind",
        "level",
        "evidence_level",
        "target_groups",
        "themes",
    ]
    search_fields = ["title", "original_title", "summary", "slug", "lead_organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "lead_organisation",
        "partner_organisations",
        "regions",
        "target_groups",
        "themes",
        "funding_sources",
        "adapted_from",
    ]
    # Status and the review fields change only through the workflow steps (services.py).
    readonly_fields = [
        "status",
        "review_comment",
        "last_reviewed_on",
        "created_by",
        "submitted_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "published_at",
    ]
    inlines = [PracticeReferenceInline, ExternalIdentifierInline]
    date_hierarchy = "updated_at"
    actions = ["submit_selected", "publish_selected", "archive_selected", export_selected_as_csv]
    object_history_template = "admin/practices/practice/object_history.html"
    object_history_list_template = "admin/practices/practice/object_history_list.html"
    fieldsets = [
        (None, {"fields": ["title", "original_title", "slug", "summary", "description"]}),
        (
            _("Who and where"),
            {"fields": ["lead_organisation", "partner_organisations", "regions", "adapted_from"]},
        ),
        (
            # Translators: a section of the practice form: what the practice is (its target
            # groups, themes, kind, level).
            _("What"),
            {
                "fields": [
                    "target_groups",
                    "themes",
                    "kind",
                    "level",
                    "funding_sources",
                    ("start_year", "end_year"),
                    "people_reached",
                    "original_language",
                ]
            },
        ),
        (
            _("What it takes and what it gives"),
            {
                "fields": [
                    "resources",
                    "results",
                    "success_factors",
                    "challenges",
                    "evidence_level",
                    "evaluation_note",
                    "transferability",
                    "key_lesson",
                ]
            },
        ),
        (
            # Translators: a section of the practice form: its website and contact person.
            _("Contact"),
            {
                "fields": [
                    "website",
                    "public_contact_email",
                    "contact_name",
                    "contact_email",
                    "contact_email_is_public",
                ]
            },
        ),
        (
            _PUBLICATION,
            {
                "fields": [
                    "status",
                    "review_comment",
                    "last_reviewed_on",
                    "created_by",
                    "submitted_by",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "published_at",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """The sections this user fills: members never see the slug (it comes from the title)
        nor the read-only publication record. (The comment of "Save and request changes" is
        PracticeAdminForm.step_comment, drawn next to its button by change_form.html.)"""
        editor = roles.is_editor(request.user)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            if name == _PUBLICATION and (obj is None or not editor):
                continue
            fields = [f for f in options["fields"] if editor or f != "slug"]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    # Who sees and may do what (rules in roles.py).

    def get_queryset(self, request):
        return roles.visible_practices(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        # A member adds practices for their organisations: none linked, nothing to add for.
        return super().has_add_permission(request) and (
            roles.is_editor(request.user) or bool(roles.organisation_ids(request.user))
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or roles.can_view(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or _may_edit(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request) and roles.is_editor(request.user)
        return super().has_delete_permission(request, obj) and roles.can_delete(request.user, obj)

    def has_review_permission(self, request):
        return roles.is_editor(request.user)

    def has_submit_permission(self, request):
        return self.has_change_permission(request)

    def _visible_or_404(self, request, object_id) -> Practice:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No practice here.")
        return obj

    # The form.

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Once published its address is out in the world; it stays.
        if obj is not None and obj.published_at:
            fields.append("slug")
        if getattr(request, "practice_proposal", None) is not None:
            # Who leads it decides who may change it: not something to propose.
            fields.append("lead_organisation")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        mode = getattr(request, "practice_proposal", None)
        if mode is not None:
            form = revisions.proposal_form_class(form, mode)
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        mode = getattr(request, "practice_proposal", None)
        if mode is not None:
            # The rows of the proposal, not the practice's: none is saved to the table.
            kwargs["queryset"] = inline.model.objects.none()
            kwargs["initial"] = revisions.inline_rows(mode.content, inline.model)
        return kwargs

    def get_prepopulated_fields(self, request, obj=None):
        if (obj is not None and obj.published_at) or not roles.is_editor(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_autocomplete_fields(self, request):
        fields = list(super().get_autocomplete_fields(request))
        if not roles.is_editor(request.user):
            # Plain selects whose choices formfield_for_foreignkey limits: an autocomplete
            # would search every organisation and every practice.
            fields = [f for f in fields if f not in {"lead_organisation", "adapted_from"}]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if not roles.is_editor(user):
            if db_field.name == "lead_organisation":
                kwargs["queryset"] = db_field.related_model.objects.filter(
                    pk__in=roles.organisation_ids(user)
                )
            elif db_field.name == "adapted_from":
                kwargs["queryset"] = Practice.objects.filter(
                    Q(status=Practice.Status.PUBLISHED)
                    | Q(lead_organisation__in=roles.organisation_ids(user))
                ).order_by("title")
        elif db_field.name == "adapted_from" and "widget" not in kwargs:
            # The practice being edited is left out of the choices (PracticeAdminForm).
            kwargs["widget"] = ExcludingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The "adapted from" autocomplete of a practice's form: never the practice itself.
        excluded = request.GET.get("exclude", "")
        if request.GET.get("field_name") == "adapted_from" and excluded.isdigit():
            queryset = queryset.exclude(pk=int(excluded))
        return queryset, may_have_duplicates

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4, "maxlength": 500})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = roles.organisation_ids(request.user)
        if len(own) == 1 and "lead_organisation" not in initial:
            initial["lead_organisation"] = next(iter(own))
        return initial

    def view_on_site(self, obj):
        # Only a published practice has a public page.
        return obj.get_absolute_url() if obj.is_published else None

    def save_model(self, request, obj, form, change):
        if getattr(request, "practice_proposal", None) is not None:
            return  # a proposal: the practice stays as published (save_related keeps it)
        if not change:
            obj.created_by = request.user
            obj.status = Practice.Status.DRAFT
        # Recorded as one version once the relations are saved too (save_related).
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        mode = getattr(request, "practice_proposal", None)
        if mode is not None:
            mode.saved = revisions.save_proposal(
                practice=form.instance,
                user=request.user,
                content=revisions.content_from_form(mode.content, form, formsets),
                seen_version=form.cleaned_data.get(conflicts.REVISION_FIELD),
                submit=PROPOSAL_SUBMIT in request.POST,
            )
            return
        practice = form.instance
        reason = "Edited" if change else "Created"
        # one_version also refreshes the search vector, which includes organisation and
        # region names, so it follows the relations.
        with services.one_version(practice, user=request.user, reason=reason, created=not change):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        services.practice_delete(practice=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for practice in queryset:
            services.practice_delete(practice=practice, user=request.user)

    # The list.

    # Editors sort out everyone's practices; members follow their own organisations'. Few
    # columns, so the list fits a laptop and a phone (static/css/admin.css).
    EDITOR_COLUMNS = ["title", "organisation", "region", "status_display", "updated", "submitter"]
    MEMBER_COLUMNS = ["title", "status_display", "updated"]

    def get_list_display(self, request):
        return self.EDITOR_COLUMNS if roles.is_editor(request.user) else self.MEMBER_COLUMNS

    def get_list_select_related(self, request):
        if roles.is_editor(request.user):
            return ["lead_organisation__region", "submitted_by"]
        return False

    @admin.display(description=_("Organisation"), ordering="lead_organisation__name")
    def organisation(self, obj):
        return obj.lead_organisation.name

    @admin.display(description=_("Region"), ordering="lead_organisation__region__name")
    def region(self, obj):
        region = obj.lead_organisation.region
        return region.name if region else "—"

    # Translators: the column of a practice's state in the workflow (draft, published, ...).
    @admin.display(description=_("Status"), ordering="status")
    def status_display(self, obj):
        if obj.status == Practice.Status.DRAFT and obj.review_comment:
            return gettext("Draft: changes requested")
        return obj.get_status_display()

    # Translators: the column of when a practice was last changed.
    @admin.display(description=_("Updated"), ordering="updated_at")
    def updated(self, obj):
        return display_value(Practice._meta.get_field("updated_at"), obj.updated_at)

    @admin.display(description=_("Submitted by"), ordering="submitted_by__last_name")
    def submitter(self, obj):
        return person_name(obj.submitted_by) or "—"

    # Views added to the admin: the workflow steps, preview, review queue, versions, deleted.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "review/",
                wrap(self.review_queue_view),
                name="{}_{}_review_queue".format(*info),
            ),
            path("deleted/", wrap(self.deleted_view), name="{}_{}_deleted".format(*info)),
            path(
                "restore/<int:history_id>/",
                wrap(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/propose/",
                wrap(self.propose_view),
                name="{}_{}_propose".format(*info),
            ),
            path(
                "<path:object_id>/proposal/",
                wrap(self.proposal_view),
                name="{}_{}_proposal".format(*info),
            ),
            path(
                "<path:object_id>/proposal/<slug:name>/",
                wrap(self.proposal_step_view),
                name="{}_{}_proposal_step".format(*info),
            ),
            path(
                "<path:object_id>/step/<slug:name>/",
                wrap(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *import_urls(self),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self._visible_or_404(request, object_id)
        context = {
            "preview_url": reverse("admin:practices_practice_preview", args=[obj.pk]),
            **(extra_context or {}),
        }
        if request.method == "POST" and self.has_change_permission(request, obj):
            context["conflict"] = self._merge_if_stale(request, obj)
        context["proposal_notice"] = self._proposal_notice(request, obj)
        return super().change_view(request, object_id, form_url, context)

    # Proposed changes to a published practice (practices/workflow/revisions.py).

    def _proposal_url(self, practice):
        return reverse("admin:practices_practice_proposal", args=[practice.pk])

    def _proposal_notice(self, request, practice) -> dict | None:
        can_propose = roles.can_propose(request.user, practice)
        revision = revisions.open_revision(practice)
        if revision is None and not can_propose:
            return None
        return {
            "revision": revision,
            "can_propose": can_propose,
            "propose_url": reverse("admin:practices_practice_propose", args=[practice.pk]),
            "proposal_url": self._proposal_url(practice),
            "is_editor": roles.is_editor(request.user),
        }

    def propose_view(self, request, object_id):
        """The practice form, editing a proposal: the published practice stays as it is."""
        practice = self._visible_or_404(request, object_id)
        if not roles.can_propose(request.user, practice):
            raise PermissionDenied
        revision = revisions.open_revision(practice)
        if revision is not None and revision.status == revision.Status.SUBMITTED:
            self.message_user(
                request,
                gettext(
                    "Your proposed changes are waiting for review: withdraw them to change them."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(self._proposal_url(practice))
        request.practice_proposal = revisions.ProposalMode(practice, revision)
        context = {
            "title": gettext("Propose changes to “%(title)s”") % {"title": practice.title},
            "proposal_mode": True,
            "proposal": revision,
            "proposal_url": self._proposal_url(practice),
            "proposal_submit": PROPOSAL_SUBMIT,
        }
        return self.changeform_view(request, object_id, "", context)

    def proposal_view(self, request, object_id):
        """The open proposal beside the public version: what it changes, and its steps."""
        practice = self._visible_or_404(request, object_id)
        if not roles.can_see_proposals(request.user, practice):
            raise PermissionDenied
        revision = revisions.open_revision(practice)
        is_editor = roles.is_editor(request.user)
        can_propose = roles.can_propose(request.user, practice)
        steps = []
        if revision is not None:
            names = {
                revision.Status.DRAFT: ["submit", "withdraw"] if can_propose else [],
                revision.Status.SUBMITTED: (["publish", "request_changes"] if is_editor else [])
                + (["withdraw"] if can_propose else []),
            }[revision.status]
            steps = [
                {
                    "name": name,
                    "label": revisions.STEPS[name],
                    "url": reverse(
                        "admin:practices_practice_proposal_step", args=[practice.pk, name]
                    ),
                }
                for name in names
            ]
        return TemplateResponse(
            request,
            "admin/practices/practice/proposal.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Proposed changes to “%(title)s”") % {"title": practice.title},
                "practice": practice,
                "revision": revision,
                "differences": revisions.differences(revision, practice) if revision else [],
                "steps": steps,
                "can_propose": can_propose,
                "propose_url": reverse("admin:practices_practice_propose", args=[practice.pk]),
                "change_url": reverse("admin:practices_practice_change", args=[practice.pk]),
            },
        )

    def proposal_step_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        practice = self._visible_or_404(request, object_id)
        if name not in revisions.STEPS:
            raise Http404("No such step.")
        form = TransitionForm(request.POST)
        label = revisions.STEPS[name]
        try:
            if not form.is_valid():
                raise ValidationError(form.error_sentences())
            revision = revisions.proposal_step(
                practice=practice,
                user=request.user,
                name=name,
                comment=form.cleaned_data["comment"],
                seen_version=form.cleaned_data["revision"],
            )
        except ValidationError as error:
            reasons = " ".join(error.messages)
            self.message_user(
                request,
                gettext("“%(step)s” did not happen. %(reasons)s")
                % {"step": label, "reasons": reasons},
                messages.ERROR,
            )
        else:
            if name == "submit":
                done = gettext("The proposed changes were submitted for review.")
            elif name == "withdraw":
                done = gettext("The proposed changes were withdrawn.")
            elif name == "publish":
                done = gettext("The proposed changes were published: “%(title)s” shows them.") % {
                    "title": practice.title
                }
            else:
                done = gettext("The proposed changes were sent back with your comment.")
            self.message_user(request, done, messages.SUCCESS)
            if revision.status == revision.Status.PUBLISHED:
                return HttpResponseRedirect(
                    reverse("admin:practices_practice_change", args=[practice.pk])
                )
        return HttpResponseRedirect(self._proposal_url(practice))

    def _merge_if_stale(self, request, practice) -> dict | None:
        """If the form posted is older than the practice, put the current version with this
        person's changes on top in its place (the form's check then refuses the save, and the
        form is shown again with it); return what the page says about it."""
        raw = request.POST.get(
            conflicts.SEEN_FIELD if conflicts.ON_TOP in request.POST else conflicts.REVISION_FIELD
        )
        try:
            seen = int(raw)
        except (TypeError, ValueError):
            return None
        latest = conflicts.current_revision(practice.pk)
        if seen == latest:
            return None
        fieldsets = self.get_fieldsets(request, practice)
        form_class = self.get_form(
            request, practice, change=True, fields=flatten_fieldsets(fieldsets)
        )
        formset_classes = {
            formset.get_default_prefix(): formset
            for formset, _ in self.get_formsets_with_inlines(request, practice)
        }
        request.POST, changed = conflicts.merged_post(
            post=request.POST,
            form_class=form_class,
            formset_classes=formset_classes,
            practice=practice,
            seen=seen,
        )
        edits = conflicts.changes_since(practice.pk, seen)
        for edit in edits:
            for change in edit.changes:
                change.clash = change.name in changed
        return {
            "edits": edits,
            "latest": latest,
            "clashes": any(change.clash for edit in edits for change in edit.changes),
        }

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "practice_proposal", None) is not None:
            return []  # nothing of the practice was saved (the formsets were not either)
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "practice_proposal", None) is not None:
            return None  # the practice did not change
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        mode = getattr(request, "practice_proposal", None)
        if mode is not None and mode.saved is not None:
            if mode.saved.status == mode.saved.Status.SUBMITTED:
                done = gettext(
                    "Your proposed changes were submitted for review. The public page of "
                    "“%(title)s” stays as it is until an editor publishes them."
                )
            else:
                done = gettext(
                    "Your proposed changes were saved. The public page of “%(title)s” stays as "
                    "it is until an editor publishes them."
                )
            self.message_user(request, done % {"title": obj.title}, messages.SUCCESS)
            return HttpResponseRedirect(self._proposal_url(obj))
        if step := self.get_form_step(request):
            return self._take_step(request, obj, step)
        if conflicts.ON_TOP in request.POST:
            # Saved on top of someone else's change: stay on the form to see the result.
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["workflow"] = self._workflow_context(request, obj, form)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The steps taken by the form's own buttons: saved first, then the step (services.py).

    def _form_step_names(self, request, practice) -> list[str]:
        """The steps this user may take with the form's buttons, on this practice (or a new
        one), in FORM_STEPS' order; only where the form can be saved."""
        if practice is None:
            allowed = ["submit"] if self.has_add_permission(request) else []
        elif not self.has_change_permission(request, practice):
            allowed = []
        else:
            allowed = [
                transition.name
                for transition in practice.available_transitions()
                if roles.can_run(request.user, practice, transition)
            ]
        return [name for name in FORM_STEPS if name in allowed]

    def response_add(self, request, obj, post_url_continue=None):
        if step := self.get_form_step(request):
            return self._take_step(request, obj, step)
        return super().response_add(request, obj, post_url_continue)

    def get_form_step(self, request) -> str | None:
        name = request.POST.get("_step")
        return name if name in FORM_STEPS else None

    def _take_step(self, request, practice, name):
        """After the form's save: take the step; if the practice is not complete enough, say so
        on its change page, where the gaps are marked at their fields."""
        transition = TRANSITIONS[name]
        change_url = reverse("admin:practices_practice_change", args=[practice.pk])
        if (
            name in CONFIRMED_STEPS
            and roles.can_run(request.user, practice, transition)
            and not (transition.checks_completeness and practice.missing_for_submission())
        ):
            # Publishing asks first, from the form as from the status box: what was typed is
            # saved, then the confirmation page says what publishing will do.
            self.message_user(
                request,
                # Translators: “Youth Guarantee” is saved. Confirm below to publish it.
                gettext("“%(title)s” is saved. Confirm below to %(step)s it.")
                % {"title": practice.title, "step": transition.label.lower()},
                messages.INFO,
            )
            return HttpResponseRedirect(
                reverse("admin:practices_practice_transition", args=[practice.pk, name])
            )
        try:
            practice = services.practice_transition(
                practice=practice,
                user=request.user,
                name=name,
                comment=request.POST.get("step_comment", ""),
            )
        except IncompletePractice:
            if practice.status == Practice.Status.DRAFT:
                incomplete = gettext(
                    "“%(title)s” is saved as a draft, but “%(step)s” needs more: what is missing "
                    "is marked at the fields below."
                )
            else:
                incomplete = gettext(
                    "“%(title)s” is saved, but “%(step)s” needs more: what is missing is marked "
                    "at the fields below."
                )
            self.message_user(
                request,
                incomplete % {"title": practice.title, "step": transition.label},
                messages.WARNING,
            )
            return HttpResponseRedirect(f"{change_url}?{INCOMPLETE_PARAM}={name}")
        except (ValidationError, PermissionDenied) as error:
            reasons = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(
                request,
                gettext("“%(title)s” is saved, but “%(step)s” did not happen. %(reasons)s")
                % {"title": practice.title, "step": transition.label, "reasons": reasons},
                messages.ERROR,
            )
        else:
            done = _STEP_DONE.get(name)
            if done is None:
                # Translators: “Youth Guarantee” is saved and now archived.
                done = gettext("“%(title)s” is saved and now %(status)s.")
            self.message_user(
                request,
                done % {"title": practice.title, "status": practice.get_status_display().lower()},
                messages.SUCCESS,
            )
        if self.has_view_permission(request, practice):
            return HttpResponseRedirect(change_url)
        return HttpResponseRedirect(reverse("admin:practices_practice_changelist"))

    def delete_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def _workflow_context(self, request, practice, form):
        """The status box and the buttons: the steps of the form (saved first), the other
        steps as forms of their own, and what submitting needs, judged on the form as it stands
        (after a failed save, what was typed; not the saved practice)."""
        form_steps = self._form_step_names(request, practice)
        steps = []
        if practice is not None:
            steps = [
                {
                    "transition": transition,
                    "url": reverse(
                        "admin:practices_practice_transition", args=[practice.pk, transition.name]
                    ),
                    "confirm": transition.name in CONFIRMED_STEPS,
                }
                for transition in practice.available_transitions()
                if roles.can_run(request.user, practice, transition)
                and transition.name not in form_steps
            ]
        checks = practice is None or practice.status in (
            Practice.Status.DRAFT,
            Practice.Status.SUBMITTED,
        )
        missing = form.missing_for_submission() if checks else {}
        attempted = form.step if form.is_bound else request.GET.get(INCOMPLETE_PARAM)
        # After a step that needs completeness: on its redirect, or when its save failed.
        if attempted in FORM_STEPS and TRANSITIONS[attempted].checks_completeness:
            form.show_missing_at_fields(missing)
        return {
            "steps": steps,
            "form_steps": [{"name": name, "label": FORM_STEPS[name]} for name in form_steps],
            "missing": [
                {
                    "field": name,
                    "label": capfirst(Practice._meta.get_field(name).verbose_name),
                    "message": text,
                }
                for name, text in missing.items()
            ],
            "attempted": attempted in FORM_STEPS,
            "can_request_changes": "request_changes" in form_steps,
            "is_editor": roles.is_editor(request.user),
            "revision": conflicts.current_revision(practice.pk) if practice else None,
        }

    def transition_view(self, request, object_id, name):
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        practice = self._visible_or_404(request, object_id)
        transition = TRANSITIONS.get(name)
        if transition is None:
            raise Http404("No such step.")
        if request.method == "GET":
            if name not in CONFIRMED_STEPS:
                return HttpResponseNotAllowed(["POST"])
            return self._confirm_step(request, practice, transition)
        form = TransitionForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.error_sentences())
            practice = services.practice_transition(
                practice=practice,
                user=request.user,
                name=name,
                comment=form.cleaned_data["comment"],
                seen_revision=form.cleaned_data["revision"],
            )
        except ValidationError as error:
            reasons = " ".join(error.messages)
            self.message_user(
                request,
                gettext("“%(step)s” did not happen. %(reasons)s")
                % {"step": transition.label, "reasons": reasons},
                messages.ERROR,
            )
        else:
            if practice.status == Practice.Status.DRAFT:
                done = gettext("“%(title)s” is now a draft.")
            else:
                # Translators: “Youth Guarantee” is now published.
                done = gettext("“%(title)s” is now %(status)s.")
            self.message_user(
                request,
                done % {"title": practice.title, "status": practice.get_status_display().lower()},
                messages.SUCCESS,
            )
        if self.has_view_permission(request, practice):
            return HttpResponseRedirect(
                reverse("admin:practices_practice_change", args=[practice.pk])
            )
        return HttpResponseRedirect(reverse("admin:practices_practice_changelist"))

    def _confirm_step(self, request, practice, transition):
        """ "Publish “Title”?": what the step will do, with the button that takes it."""
        if not roles.can_run(request.user, practice, transition):
            raise PermissionDenied(
                gettext("You may not “%(step)s” this practice.")
                % {"step": transition.label.lower()}
            )
        change_url = reverse("admin:practices_practice_change", args=[practice.pk])
        try:
            practice.check_transition(transition.name)
            if transition.checks_completeness and (missing := practice.missing_for_submission()):
                raise ValidationError(missing)
        except ValidationError as error:
            reasons = " ".join(error.messages)
            self.message_user(
                request,
                gettext("“%(step)s” is not possible now. %(reasons)s")
                % {"step": transition.label, "reasons": reasons},
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        public_url = request.build_absolute_uri(practice.get_absolute_url())
        submitter = practice.submitted_by or practice.created_by
        return TemplateResponse(
            request,
            "admin/practices/practice/confirm_step.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                # Translators: the title of a confirmation page: Publish “Youth Guarantee”?
                "title": gettext("%(step)s “%(title)s”?")
                % {"step": transition.label, "title": practice.title},
                "original": practice,
                "step": transition,
                "public_url": public_url,
                "was_published": practice.published_at is not None,
                "told": person_name(submitter) if emails.submitter_email(practice) else "",
                "change_url": change_url,
            },
        )

    def preview_view(self, request, object_id):
        """The practice rendered by the public page's own template, whatever its status."""
        practice = self._visible_or_404(request, object_id)
        if not self.has_view_permission(request, practice):
            raise PermissionDenied
        response = render(
            request,
            "admin/practices/practice/preview.html",
            {
                **public_detail_context(practice),
                "is_preview": True,
                "change_url": reverse("admin:practices_practice_change", args=[practice.pk]),
            },
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def review_queue_view(self, request):
        if not roles.is_editor(request.user):
            raise PermissionDenied
        queue = (
            self.get_queryset(request)
            .filter(status=Practice.Status.SUBMITTED)
            .select_related("lead_organisation", "submitted_by")
            .order_by("submitted_at", "pk")
        )
        return TemplateResponse(
            request,
            "admin/practices/practice/review_queue.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Review queue"),
                "queue": queue,
                "proposals": [
                    (revision, revisions.changed_labels(revision))
                    for revision in revisions.submitted_revisions()
                ],
            },
        )

    # History: every save is recorded by django-simple-history (who, when, what changed).

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None and not (
            roles.can_restore(request.user)
            and Practice.history.filter(id=_int_or_404(object_id)).exists()
        ):
            raise Http404("No practice here.")
        context = {"can_restore": roles.can_restore(request.user), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        # Choice labels, local times, names of people and relations, passages of long texts.
        set_readable_changes(Practice, historical_records)

    def revert_disabled(self, request, obj=None):
        # simple-history's own revert form restores no relations; restore_view does.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One recorded version, read-only, with a Restore button for editors.

        Replaces simple-history's revert form, which saves whatever is posted to it with no
        more than view permission, and leaves the relations as they are now.
        """
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        exists = self.get_object(request, unquote(object_id)) is not None
        if not exists and not roles.can_restore(request.user):
            raise Http404("No practice here.")
        record = (
            Practice.history.filter(id=_int_or_404(object_id), history_id=_int_or_404(version_id))
            .select_related(
                "history_user", "lead_organisation", "adapted_from", "created_by", "submitted_by"
            )
            .first()
        )
        if record is None:
            raise Http404("No such version.")
        values = [
            (field.verbose_name, _display(record, field))
            for field in Practice._meta.concrete_fields
            if field.name in {f.name for f in Practice.history.model._meta.fields}
            and field.name != "id"
        ]
        relations = [
            (
                field.verbose_name,
                ", ".join(
                    str(row)
                    for row in field.remote_field.model.objects.filter(
                        pk__in=getattr(record, field.name).values(
                            f"{field.m2m_reverse_field_name()}_id"
                        )
                    )
                )
                or "—",
            )
            for field in Practice.history.model._history_m2m_fields
        ]
        return TemplateResponse(
            request,
            "admin/practices/practice/version.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Version of %(title)s") % {"title": record.title},
                "record": record,
                "values": values,
                "relations": relations,
                "exists": exists,
                "kept": sorted(services.KEPT_ON_RESTORE - {"id"}),
                "can_restore": roles.can_restore(request.user) and record.history_type != "-",
                "restore_url": reverse(
                    "admin:practices_practice_restore", args=[record.history_id]
                ),
                "revision": conflicts.current_revision(record.id),
                "history_url": reverse("admin:practices_practice_history", args=[record.id]),
            },
        )

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not roles.can_restore(request.user):
            raise PermissionDenied
        try:
            seen = int(request.POST["revision"]) if request.POST.get("revision") else None
        except ValueError:
            seen = -1
        try:
            practice, notes = services.practice_restore_version(
                history_id=history_id, user=request.user, seen_revision=seen
            )
        except conflicts.StaleRevision as stale:
            self.message_user(
                request,
                gettext("Not restored: %(reason)s Look at the versions again before restoring.")
                % {"reason": stale.messages[0]},
                messages.ERROR,
            )
            record = Practice.history.filter(history_id=history_id).first()
            return HttpResponseRedirect(
                reverse("admin:practices_practice_simple_history", args=[record.id, history_id])
            )
        except ValidationError as error:
            for message in error.messages:
                self.message_user(
                    request,
                    gettext("Not restored: %(reason)s") % {"reason": message},
                    messages.ERROR,
                )
            return HttpResponseRedirect(reverse("admin:practices_practice_deleted"))
        self.message_user(
            request,
            gettext("“%(title)s” was restored.") % {"title": practice.title},
            messages.SUCCESS,
        )
        for note in notes:
            self.message_user(request, note, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:practices_practice_change", args=[practice.pk]))

    def deleted_view(self, request):
        """Deleted practices, from their history, each with the version to restore."""
        if not roles.can_restore(request.user):
            raise PermissionDenied
        last_deletion = (
            Practice.history.filter(history_type="-").values("id").annotate(last=Max("history_id"))
        )
        before = Practice.history.filter(id=OuterRef("id"), history_type__in=["+", "~"]).order_by(
            "-history_date", "-history_id"
        )
        deleted = (
            Practice.history.filter(history_id__in=last_deletion.values("last"))
            .exclude(id__in=Practice.objects.values("pk"))
            .annotate(restorable_id=Subquery(before.values("history_id")[:1]))
            .select_related("history_user", "lead_organisation")
            .order_by("-history_date")
        )
        return TemplateResponse(
            request,
            "admin/practices/practice/deleted.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Deleted practices"),
                "deleted": deleted,
            },
        )

    # Bulk actions, each item through the same service and checks as the buttons.

    def _run_on_selected(self, request, queryset, name):
        label, done = TRANSITIONS[name].label, 0
        for practice in queryset:
            try:
                services.practice_transition(practice=practice, user=request.user, name=name)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(
                    request,
                    # Translators: “Publish not done for “Youth Guarantee”: …”.
                    gettext("%(step)s not done for “%(title)s”: %(reason)s")
                    % {"step": label, "title": practice.title, "reason": reason},
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    # Translators: “Publish: done for 3 practices.”
                    "%(step)s: done for %(count)s practice.",
                    "%(step)s: done for %(count)s practices.",
                    done,
                )
                % {"step": label, "count": done},
                messages.SUCCESS,
            )

    @admin.action(permissions=["submit"], description=_("Submit selected practices for review"))
    def submit_selected(self, request, queryset):
        self._run_on_selected(request, queryset, "submit")

    def _confirm_selected(self, request, queryset, name):
        """The selection's confirmation page (as Django's delete_selected), until it is posted
        with post=yes; then the step for each."""
        if request.POST.get("post") == "yes":
            self._run_on_selected(request, queryset, name)
            return None
        transition = TRANSITIONS[name]
        practices = list(queryset.select_related("lead_organisation").order_by("title"))
        return TemplateResponse(
            request,
            "admin/practices/practice/confirm_selected.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": ngettext(
                    # Translators: the title of a confirmation page: “Publish 3 practices?”
                    "%(step)s %(count)s practice?",
                    "%(step)s %(count)s practices?",
                    len(practices),
                )
                % {"step": transition.label, "count": len(practices)},
                "step": transition,
                "action": f"{name}_selected",
                "practices": practices,
                "ready": [p for p in practices if p.status in transition.sources],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(permissions=["review"], description=_("Publish selected practices"))
    def publish_selected(self, request, queryset):
        return self._confirm_selected(request, queryset, "publish")

    @admin.action(permissions=["review"], description=_("Archive selected practices"))
    def archive_selected(self, request, queryset):
        return self._confirm_selected(request, queryset, "archive")


def _int_or_404(value) -> int:
    try:
        return int(unquote(value))
    except ValueError:
        raise Http404("No such practice or version.") from None


def guarded_view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect (admin/r/<type>/<id>/), for what the user may view.

    Django's own one redirects any staff user to any object's public address: for a draft,
    that is its slug, which is its title. Route admin/r/ here, ahead of the admin's URLs:
    path("admin/r/<int:content_type_id>/<path:object_id>/",
         admin.site.admin_view(guarded_view_on_site), name="view_on_site_guarded")
    """
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    try:
        model_admin = admin.site.get_model_admin(model)
    except admin.sites.NotRegistered:
        raise Http404("Nothing here.") from None
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404("Nothing here.")
    return contenttype_views.shortcut(request, content_type_id, object_id)


def public_detail_context(practice: Practice) -> dict:
    """What the public practice page gives its template, for a practice of any status."""
    return practice_detail_context(Practice.objects.for_detail().get(pk=practice.pk))


def _display(record, field):
    """A recorded field's value as the admin would show it: people and relations by name."""
    if field.is_relation:
        try:
            related = getattr(record, field.name)
        except ObjectDoesNotExist:
            return gettext("(deleted, ID %(id)s)") % {"id": getattr(record, field.attname)}
        if related is None:
            return "—"
        return person_name(related) if isinstance(related, get_user_model()) else str(related)
    return display_value(field, getattr(record, field.attname))


# The organisation admin's "Invite a member" link (practices/accounts).
from .accounts import admin as accounts_admin  # noqa: E402, F401
