"""What search engines are told to read: `sitemap.xml` (an index of sections, each split into
pages of at most 50,000 addresses as the protocol requires) and `robots.txt` naming it.

Only what the public can open is listed: published practices, the regions, and the target-group
and theme pages. The admin, the exports, the feeds and the API are not pages to index.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from regions.models import Region

from ..models import Practice, TargetGroup, Theme

PUBLISHED = Q(practices__status=Practice.Status.PUBLISHED)


class PracticeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Practice.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, practice):
        return practice.updated_at


class LatestPracticeSitemap(Sitemap):
    """A list page changes when a practice in it is published or edited: its newest one."""

    changefreq = "weekly"
    priority = 0.6

    def lastmod(self, item):
        return item.latest


class RegionSitemap(LatestPracticeSitemap):
    def items(self):
        return Region.objects.annotate(
            latest=Max("practices__updated_at", filter=PUBLISHED)
        ).order_by("slug")


class TargetGroupSitemap(LatestPracticeSitemap):
    def items(self):
        return TargetGroup.objects.annotate(
            latest=Max("practices__updated_at", filter=PUBLISHED)
        ).order_by("slug")


class ThemeSitemap(LatestPracticeSitemap):
    def items(self):
        return Theme.objects.annotate(
            latest=Max("practices__updated_at", filter=PUBLISHED)
        ).order_by("slug")


class PageSitemap(Sitemap):
    """The home page, the list, the regions, about, accessibility and the API's guide."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return [
            "practices:home",
            "practices:list",
            "regions:list",
            "practices:about",
            "practices:accessibility",
            "api_guide",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "practices": PracticeSitemap,
    "regions": RegionSitemap,
    "target-groups": TargetGroupSitemap,
    "themes": ThemeSitemap,
}


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /practices/export.csv",
        "Disallow: /api/v1/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
