"""Password reset, outside the accounts namespace: Django's views reverse these plain names."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.cache import never_cache

# Django's own reset views and tokens. The admin's login page shows "Forgotten your password?"
# because a URL named admin_password_reset exists (registered outside this namespace below).
urlpatterns = [
    path(
        "password_reset/",
        never_cache(
            auth_views.PasswordResetView.as_view(
                success_url=reverse_lazy("password_reset_done"),
                extra_context={"site_header": admin.site.site_header},
            )
        ),
        name="admin_password_reset",
    ),
    path(
        "password_reset/done/",
        never_cache(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),  # never_cache already
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        never_cache(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
