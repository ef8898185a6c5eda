"""The practice form of the admin: help in plain words, what submitting needs, the step buttons.

The workflow steps a person takes while editing are buttons of this form (`name="_step"`), so
one press saves what was typed and then takes the step through practices/workflow/services.py;
the admin (practices/admin.py, response_add/response_change) runs it after the save.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.utils import ErrorDict
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import SUBMISSION_NEEDS, TRANSITIONS, Practice
from .workflow.conflicts import RevisionCheckedForm

# The steps offered as buttons of the form, in this order, with their buttons' labels.
FORM_STEPS = {
    "submit": _("Save and submit for review"),
    "publish": _("Save and publish"),
    "request_changes": _("Save and request changes"),
}
STEP_FIELD = "_step"
# Marks the change page an incomplete step redirected to: it shows the gaps at the fields.
INCOMPLETE_PARAM = "_incomplete"

# Every field a member fills, in plain words: what to write, with an example where it helps.
HELP_TEXTS = {
    "title": _("The name people know it by, in English. Example: “Youth Guarantee one-stop shop”."),
    "original_title": _(
        "Its name in its own language, if that is not English. Otherwise leave empty."
    ),
    "summary": _(
        "Two or three sentences: what it does, for whom, and what it achieves. It shows "
        "in the list of practices. Plain text, at most 500 characters."
    ),
    "description": _(
        "How it works, step by step: who does what, how people are reached, how long it lasts."
    ),
    "lead_organisation": _("The organisation that runs it and answers for this entry."),
    "partner_organisations": _(
        "Other organisations that take part. Type a few letters of a name to find it."
    ),
    "regions": _("Where it runs. Type a few letters of the region's name, e.g. “Catalonia”."),
    "adapted_from": _(
        "Only if it copies or adapts a practice already in this catalogue: choose "
        "that one. Otherwise leave empty."
    ),
    "target_groups": _(
        "Who it is for, e.g. “NEETs” or “Migrants and refugees”. Choose all that apply."
    ),
    "themes": _("What it works on, e.g. “Guidance and counselling”. Choose all that apply."),
    "kind": _(
        "Programme: a lasting public offer. Project: limited in time and funded as such. "
        "Service: run day to day. Policy: a rule or strategy. Method or tool: a way of working "
        "others can reuse."
    ),
    "level": _(
        "The scale it runs at: one town or city (local), a region, a whole country, across "
        "a border, or Europe-wide."
    ),
    "funding_sources": _(
        "Who pays for it, e.g. “ESF+” or “Own funds”. Choose all that apply; "
        "leave empty if you do not know."
    ),
    "start_year": _("The year it began, e.g. 2021."),
    "end_year": _("The year it ended or will end. Leave empty while it is ongoing."),
    "people_reached": _(
        "About how many people it has reached so far, as a whole number, e.g. "
        "350. Leave empty if you do not know."
    ),
    "original_language": _("The language it is run in."),
    "resources": _(
        "What it takes to run: staff, budget a year, premises, partners. Example: "
        "“2 counsellors, €120,000 a year, co-funded by ESF+”."
    ),
    "results": _(
        # “61% of” is no placeholder:
        # xgettext:no-python-format
        "What changed for the people it serves, with figures where you have them. "
        "Example: “61% of participants in work or training six months later”."
    ),
    "success_factors": _(
        "What made it work: the conditions or choices you would tell others to keep."
    ),
    "challenges": _("What did not work, and what you learnt: failures teach most."),
    "evidence_level": _(
        "How you know it works. Not evaluated; monitored (you count its results); "
        "evaluated (a study of its effects); independently evaluated (by someone outside)."
    ),
    "evaluation_note": _("Who evaluated it, how and when, and where to read the report."),
    "transferability": _(
        "What another region needs to adopt it: conditions, partners, legal basis, costs."
    ),
    "key_lesson": _(
        "One sentence others should remember. Example: “Meet young people where they "
        "are, not at the office”."
    ),
    "website": _("The practice's own web page, starting with https://."),
    "public_contact_email": _(
        "An address of the organisation, shown on the public page, e.g. info@example.org."
    ),
    "contact_name": _("The person to ask about this practice. Shown on the public page."),
    "contact_email": _("That person's e-mail. Shown publicly only if you tick the box below."),
    "contact_email_is_public": _(
        "Tick only if the person agreed to have it shown on the public page."
    ),
}

# Chosen by the person, never preselected: the model's defaults serve imports, not the form.
NO_DEFAULT = ["kind", "level", "evidence_level"]


class ExcludingAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that leaves one practice out of its choices (`excluded`): the practice
    being edited, which cannot be adapted from itself. PracticeAdmin.get_search_results reads
    the `exclude` parameter this adds to the search address."""

    excluded = None

    def get_url(self):
        url = super().get_url()
        return f"{url}?exclude={self.excluded}" if self.excluded else url


class PracticeAdminForm(RevisionCheckedForm):
    step_comment = forms.CharField(
        label=_("What should change (sent to the submitter)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "Needed for “Save and request changes”: say what the submitter should add or correct."
        ),
    )

    class Meta:
        model = Practice
        # What a member fills; the admin passes the fields of the fieldsets it shows.
        fields = list(HELP_TEXTS)
        help_texts = HELP_TEXTS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No colon after the labels: it would fall after the "needed to submit" marker.
        self.label_suffix = ""
        adding = self.instance._state.adding
        for name in NO_DEFAULT:
            if name in self.fields:
                field = self.fields[name]
                field.choices = [("", gettext("Choose one")), *(c for c in field.choices if c[0])]
                if adding:
                    field.initial = ""
                    if name not in (kwargs.get("initial") or {}):
                        self.initial.pop(name, None)
        for name in SUBMISSION_NEEDS:
            if name in self.fields:
                field = self.fields[name]
                field.label = format_html(
                    '{} <span class="needed-to-submit">{}</span>',
                    field.label,
                    # Translators: a marker after the label of a field a submission needs.
                    gettext("needed to submit"),
                )
        adapted_from = self.fields.get("adapted_from")
        if adapted_from is not None and not adding:
            adapted_from.queryset = adapted_from.queryset.exclude(pk=self.instance.pk)
            widget = getattr(adapted_from.widget, "widget", adapted_from.widget)
            if isinstance(widget, ExcludingAutocompleteSelect):
                widget.excluded = self.instance.pk

    @property
    def step(self) -> str | None:
        """The step whose button was pressed, if any."""
        name = self.data.get(STEP_FIELD) if self.is_bound else None
        return name if name in FORM_STEPS else None

    def clean(self):
        cleaned_data = super().clean()
        # A request for changes without its comment: refused before anything is saved, so the
        # editor adds it with every other change still in the form.
        step = self.step
        if (
            step
            and TRANSITIONS[step].needs_comment
            and "step_comment" in self.fields
            and not cleaned_data.get("step_comment", "").strip()
        ):
            self.add_error(
                "step_comment",
                gettext("Say what needs to change, so the submitter knows what to do."),
            )
        return cleaned_data

    def values_for_submission(self) -> dict:
        """The values SUBMISSION_NEEDS checks, as the form holds them (typed or initial)."""
        return {name: self[name].value() for name in SUBMISSION_NEEDS if name in self.fields}

    def missing_for_submission(self) -> dict[str, str]:
        """What submitting would still need, judged on the form as it stands."""
        return self.instance.missing_by_field(self.values_for_submission())

    def show_missing_at_fields(self, missing: dict[str, str]) -> None:
        """Show what submitting needs as errors on the fields concerned."""
        if self.is_bound:
            for name, message in missing.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
            return
        # An unbound form (the page after a step saved the practice but could not be taken):
        # its values are the saved ones, and its errors say what the step still needs.
        self._errors = ErrorDict(
            {
                name: self.error_class(
                    [message], renderer=self.renderer, field_id=self[name].auto_id
                )
                for name, message in missing.items()
                if name in self.fields
            }
        )
