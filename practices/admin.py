from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ExternalIdentifier,
    FundingSource,
    Practice,
    PracticeReference,
    TargetGroup,
    Theme,
)


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(TargetGroup, VocabularyAdmin)
admin.site.register(Theme, VocabularyAdmin)


@admin.register(FundingSource)
class FundingSourceAdmin(VocabularyAdmin):
    list_display = ["name", "scope", "slug"]
    list_filter = ["scope"]


class PracticeReferenceInline(admin.TabularInline):
    model = PracticeReference
    extra = 0


class ExternalIdentifierInline(admin.TabularInline):
    model = ExternalIdentifier
    extra = 0


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "lead_organisation", "status", "kind", "start_year", "updated_at"]
    list_filter = ["status", "kind", "level", "evidence_level", "target_groups", "themes"]
    list_select_related = ["lead_organisation"]
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
    readonly_fields = ["created_by", "created_at", "updated_at", "submitted_at", "published_at"]
    inlines = [PracticeReferenceInline, ExternalIdentifierInline]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "original_title", "slug", "summary", "description"]}),
        (
            "Who and where",
            {"fields": ["lead_organisation", "partner_organisations", "regions", "adapted_from"]},
        ),
        (
            "What",
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
            "What it takes and what it gives",
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
            "Contact",
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
            "Publication",
            {
                "fields": [
                    "status",
                    "review_comment",
                    "last_reviewed_on",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "published_at",
                ]
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4, "maxlength": 500})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search vector includes organisation and region names, so it follows the relations.
        Practice.objects.filter(pk=form.instance.pk).refresh_search_vectors()
