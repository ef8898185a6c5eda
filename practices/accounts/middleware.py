from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from ..languages import unprefixed
from . import two_factor

# Pages a signed-in but not yet verified user may reach: the second-factor pages themselves,
# signing out, and the pages for people who are not signed in.
_OPEN_NAMES = (
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "admin:logout",
    "admin:login",
)
_OPEN_PREFIXES = ("/admin/password_reset/", "/admin/reset/", "/admin/invitation/")


class TwoFactorMiddleware:
    """Before any admin page: a user with a second factor proves it; an editor or superuser
    without one is taken to set one up. Runs after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """In process_view, after CsrfViewMiddleware's: a forged POST is refused first."""
        user = getattr(request, "user", None)
        path = unprefixed(request.path_info)  # /es/admin/ is the admin too
        if not path.startswith("/admin/") or user is None or not user.is_authenticated:
            return None
        if user.is_verified() or path.startswith(_OPEN_PREFIXES):
            return None
        if request.path_info in {reverse(name) for name in _OPEN_NAMES}:
            return None
        if two_factor.has_second_factor(user):
            target = "accounts:two_factor_verify"
        elif two_factor.is_required(user):
            target = "accounts:two_factor_enrol"
        else:
            return None
        next_url = request.get_full_path() if request.method == "GET" else reverse("admin:index")
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
