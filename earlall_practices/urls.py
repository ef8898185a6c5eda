from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from practices.browse.views import favicon
from practices.exchange import api
from practices.exchange.dcat import catalogue_jsonld
from practices.exchange.sitemaps import SITEMAPS, robots_txt
from practices.languages import choose_language

admin.site.site_header = _("EARLALL Practices")
admin.site.site_title = _("EARLALL Practices admin")
admin.site.index_title = _("Catalogue administration")
# The breadcrumbs and the index lead everywhere; the sidebar's list of models took a quarter of a
# laptop's width from the practice lists.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    # Browsers and crawlers ask for /favicon.ico whatever the pages link: the static icon.
    path("favicon.ico", favicon, name="favicon"),
    path("robots.txt", robots_txt, name="robots"),
    path("catalog.jsonld", catalogue_jsonld, name="dcat"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # The language switcher's links (practices/languages.py).
    path("language/<str:code>/", choose_language, name="choose_language"),
    # Open data: the API (practices/exchange/api.py), and a problem for any other address under
    # it; its guide is a page of the interface, below.
    path("api/v1/practices.jsonl", api.practices_jsonl, name="api_jsonl"),
    path("api/v1/", api.api.urls),
    re_path(r"^api/v1/", api.not_found),
]

# The interface, in every language: English unprefixed, the others under /es/, /eu/, ...
urlpatterns += i18n_patterns(
    path(
        "api/",
        TemplateView.as_view(
            template_name="pages/api.html", extra_context={"data_licence": settings.DATA_LICENCE}
        ),
        name="api_guide",
    ),
    # Ahead of the admin's own "view on site" redirect, which would reveal a draft's slug (its
    # title) to any staff user: this one redirects only for objects the user may view.
    path("admin/r/", include("practices.admin_urls")),
    # Password reset, invitations, two-factor sign-in and members (practices/accounts).
    path("admin/", include("practices.accounts.urls")),
    path("admin/", include("practices.accounts.urls_password_reset")),
    path("admin/", admin.site.urls),
    path("regions/", include("practices.browse.region_urls")),
    path("", include("practices.urls")),
    prefix_default_language=False,
)

handler404 = "practices.browse.views.page_not_found"
handler500 = "practices.browse.views.server_error"
