"""Mounted at /admin/ ahead of the admin's own URLs (earlall_practices/urls.py)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("people/", admin.site.admin_view(views.people), name="people"),
    path(
        "people/invitations/<int:pk>/resend/",
        admin.site.admin_view(views.resend_invitation),
        name="resend_invitation",
    ),
    path(
        "people/invitations/<int:pk>/revoke/",
        admin.site.admin_view(views.revoke_invitation),
        name="revoke_invitation",
    ),
    path(
        "people/<int:pk>/deactivate/",
        admin.site.admin_view(views.deactivate),
        name="deactivate",
    ),
    path(
        "people/<int:pk>/organisations/<int:organisation_pk>/remove/",
        admin.site.admin_view(views.remove_membership),
        name="remove_membership",
    ),
]
