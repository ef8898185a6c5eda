from itertools import groupby

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from practices.facets import sort_key
from practices.models import Practice
from practices.views import browse

from .models import Region


def region_list(request):
    """Every region with its number of published practices, grouped by country (two queries)."""
    regions = Region.objects.with_published_practice_count().order_by()
    regions = sorted(regions, key=lambda r: (sort_key(r.country.name), sort_key(r.name)))
    # Per country, a practice running in two of its regions counts once.
    per_country = dict(
        Practice.regions.through.objects.filter(practice__status=Practice.Status.PUBLISHED)
        .values("region__country")
        .annotate(n=Count("practice_id", distinct=True))
        .values_list("region__country", "n")
        .order_by()
    )
    countries = [
        {
            "code": code,
            "name": members[0].country.name,
            "regions": members,
            "practice_count": per_country.get(code, 0),
        }
        for code, members in (
            (code, list(group)) for code, group in groupby(regions, key=lambda r: r.country.code)
        )
    ]
    return render(request, "regions/region_list.html", {"countries": countries})


def region_detail(request, slug):
    """The practice list filtered by this region, with the region's organisations."""
    region = get_object_or_404(Region, slug=slug)
    context = browse(request, fixed={"region": [region.slug]}, hidden=["country"])
    context.update({"region": region, "organisations": region.organisations.order_by("name")})
    return render(request, "regions/region_detail.html", context)
