from django.contrib import admin
from django.urls import include, path

from practices.admin import guarded_view_on_site

admin.site.site_header = "EARLALL Practices"
admin.site.site_title = "EARLALL Practices admin"
admin.site.index_title = "Catalogue administration"

urlpatterns = [
    # Ahead of the admin's own "view on site" redirect, which would reveal a draft's slug (its
    # title) to any staff user: this one redirects only for objects the user may view.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(guarded_view_on_site),
        name="view_on_site_guarded",
    ),
    path("admin/", admin.site.urls),
    path("regions/", include("regions.urls")),
    path("", include("practices.urls")),
]

handler404 = "practices.views.page_not_found"
handler500 = "practices.views.server_error"
