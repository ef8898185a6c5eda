from django.contrib import admin
from django.urls import include, path

from practices.browse.views import favicon

admin.site.site_header = "EARLALL Practices"
admin.site.site_title = "EARLALL Practices admin"
admin.site.index_title = "Catalogue administration"
# The breadcrumbs and the index lead everywhere; the sidebar's list of models took a quarter of a
# laptop's width from the practice lists.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    # Browsers and crawlers ask for /favicon.ico whatever the pages link: the static icon.
    path("favicon.ico", favicon, name="favicon"),
    # Ahead of the admin's own "view on site" redirect, which would reveal a draft's slug (its
    # title) to any staff user: this one redirects only for objects the user may view.
    path("admin/r/", include("practices.admin_urls")),
    # Password reset, invitations, two-factor sign-in and members (practices/accounts).
    path("admin/", include("practices.accounts.urls")),
    path("admin/", include("practices.accounts.urls_password_reset")),
    path("admin/", admin.site.urls),
    path("regions/", include("practices.browse.region_urls")),
    path("", include("practices.urls")),
]

handler404 = "practices.browse.views.page_not_found"
handler500 = "practices.browse.views.server_error"
