"""Password reset, outside the accounts namespace: Django's views reverse these plain names."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.cache import never_cache

# Django's own reset views and tokens. The admin's login page shows "Forgotten your password?"
# because a URL named admin_password_reset exists (registered outside this namespace below).
# The admin's templates show these names; the reset views are not the admin's, so pass them.
ADMIN_NAMES = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}

urlpatterns = [
    path(
        "password_reset/",
        never_cache(
            auth_views.PasswordResetView.as_view(
                success_url=reverse_lazy("password_reset_done"),
                extra_context=ADMIN_NAMES,
            )
        ),
        name="admin_password_reset",
    ),
    path(
        "password_reset/done/",
        never_cache(auth_views.PasswordResetDoneView.as_view(extra_context=ADMIN_NAMES)),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            extra_context=ADMIN_NAMES
        ),  # never_cache already
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        never_cache(auth_views.PasswordResetCompleteView.as_view(extra_context=ADMIN_NAMES)),
        name="password_reset_complete",
    ),
]
