from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from practices.models import Practice

from .models import Region


def region_list(request):
    regions = Region.objects.annotate(
        practice_count=Count(
            "practices", filter=Q(practices__status=Practice.Status.PUBLISHED), distinct=True
        )
    ).order_by("country", "name")
    return render(request, "regions/region_list.html", {"regions": regions})


def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    practices = Practice.objects.published().filter(regions=region).for_list()
    return render(
        request,
        "regions/region_detail.html",
        {"region": region, "organisations": region.organisations.all(), "practices": practices},
    )
