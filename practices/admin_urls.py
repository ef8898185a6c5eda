"""The admin's guarded "view on site" redirect, routed ahead of the admin's own URLs."""

from django.contrib import admin
from django.urls import path

from .admin import guarded_view_on_site

urlpatterns = [
    path(
        "<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(guarded_view_on_site),
        name="view_on_site_guarded",
    ),
]
