from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "EARLALL Practices"
admin.site.site_title = "EARLALL Practices admin"
admin.site.index_title = "Catalogue administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("regions/", include("regions.urls")),
    path("", include("practices.urls")),
]

handler404 = "practices.views.page_not_found"
handler500 = "practices.views.server_error"
