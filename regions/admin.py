from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    # practices.admin registers a subclass that adds each region's number of published practices.
    list_display = ["name", "country", "nuts_code", "is_member"]
    list_filter = ["is_member", "country"]
    search_fields = ["name", "nuts_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "nuts_code", "is_member"]}),
        (
            pgettext_lazy("a region's fieldset: its description", "About"),
            {"fields": ["description", "website"]},
        ),
        (
            _("On the maps"),
            {
                "fields": ["latitude", "longitude"],
                "description": _(
                    "The point where maps show the region, such as its capital. "
                    "Leave both empty to show none."
                ),
            },
        ),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "country"]
    list_filter = ["kind", "region__country"]
    list_select_related = ["region"]
    search_fields = ["name", "slug", "region__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "members"]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        # Who belongs to which organisation decides who edits what: only those who manage
        # user accounts see and set it.
        if not request.user.has_perm("auth.change_user"):
            fields = [f for f in fields if f != "members"]
        return fields

    def get_autocomplete_fields(self, request):
        fields = super().get_autocomplete_fields(request)
        if not request.user.has_perm("auth.change_user"):
            fields = [f for f in fields if f != "members"]
        return fields

    @admin.display(description=_("Country"), ordering="region__country")
    def country(self, obj):
        return obj.region.country.name if obj.region_id else "—"
