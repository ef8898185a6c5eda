from django.contrib import admin
from django.db.models import Count

from .models import Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "nuts_code", "is_member", "practice_count"]
    list_filter = ["is_member", "country"]
    search_fields = ["name", "nuts_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_practice_count=Count("practices", distinct=True))
        )

    @admin.display(description="Practices", ordering="_practice_count")
    def practice_count(self, obj):
        return obj._practice_count


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "country"]
    list_filter = ["kind", "region__country"]
    list_select_related = ["region"]
    search_fields = ["name", "slug", "region__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "members"]

    @admin.display(description="Country", ordering="region__country")
    def country(self, obj):
        return obj.region.country.name if obj.region_id else "—"
