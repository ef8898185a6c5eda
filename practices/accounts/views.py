"""Pages for accounts. None is cached; none says whether an address has an account."""

import base64
import io
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, login, logout, signals
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.qr import write_qrcode_image

from practices.workflow.roles import REVIEW_PERMISSION
from regions.models import Organisation

from . import services, two_factor
from .forms import AcceptInvitationForm, InvitationForm, OneTimeCodeForm
from .models import Invitation

RECOVERY_CODES_SESSION_KEY = "accounts_new_recovery_codes"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _with_next(view_name: str, request) -> str:
    """The address of `view_name` carrying where to go afterwards, encoded: a `next` with its own
    query string (`/admin/?a=1&b=2`) arrives whole."""
    return f"{reverse(view_name)}?{urlencode({'next': _next_url(request)})}"


def _admin_context(request, **context):
    """The admin's page furniture, without its sidebar: these pages come before the admin."""
    return {**admin.site.each_context(request), "is_nav_sidebar_enabled": False, **context}


# --- Two-factor sign-in ----------------------------------------------------------------------


def _second_factor_credentials(user) -> dict:
    """Wrong codes are counted by django-axes under their own name, so that signing in again
    with the password (which resets the password's count) does not reset them."""
    return {"username": f"{user.get_username()} (second factor)"}


@never_cache
def two_factor_verify(request):
    user = request.user
    if not user.is_authenticated:
        return redirect(reverse("admin:login"))
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_second_factor(user):
        return redirect(_with_next("accounts:two_factor_enrol", request))
    credentials = _second_factor_credentials(user)
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, credentials=credentials)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            AxesProxyHandler.reset_attempts(username=credentials["username"])
            return redirect(_next_url(request))
        signals.user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return get_lockout_response(request, credentials=credentials)
        form.add_error(
            "code", gettext("That code is not right, or it was used already. Try again.")
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        _admin_context(request, title=gettext("Second factor"), form=form, next=_next_url(request)),
    )


def _qr_data_uri(text: str) -> str:
    out = io.BytesIO()
    write_qrcode_image(text, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


@never_cache
def two_factor_enrol(request):
    """Set up an authenticator app. Also how a verified user replaces theirs."""
    user = request.user
    if not user.is_authenticated:
        return redirect(reverse("admin:login"))
    if two_factor.has_second_factor(user) and not user.is_verified():
        return redirect(_with_next("accounts:two_factor_verify", request))
    device = two_factor.pending_app_device(user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code", gettext("Too many wrong codes in a row: wait a few seconds, then retry.")
            )
        elif device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_app_device(user, device)
            otp_login(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect(_with_next("accounts:recovery_codes", request))
        else:
            form.add_error(
                "code",
                gettext(
                    "That code does not match. Check the app's clock and enter the newest code."
                ),
            )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        _admin_context(
            request,
            title=gettext("Set up two-factor sign-in"),
            form=form,
            secret=two_factor.base32_secret(device),
            qr_code=_qr_data_uri(device.config_url),
            required=two_factor.is_required(user),
            next=_next_url(request),
        ),
    )


@never_cache
def recovery_codes(request):
    """Shows new recovery codes once; a verified user may ask for a new set (POST)."""
    user = request.user
    if not user.is_authenticated or not user.is_verified():
        return redirect(reverse("admin:login"))
    if request.method == "POST":
        request.session[RECOVERY_CODES_SESSION_KEY] = two_factor.new_recovery_codes(user)
        return redirect(reverse("accounts:recovery_codes"))
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/recovery_codes.html",
        _admin_context(
            request, title=gettext("Recovery codes"), codes=codes, next=_next_url(request)
        ),
    )


# --- Invitations: the invited person's side ---------------------------------------------------

_LINK_PROBLEMS = {
    services.INVALID: _("This invitation link is not valid. It may have been copied incompletely."),
    services.EXPIRED: _("This invitation has expired."),
    services.USED: _("This invitation has already been used."),
    services.REVOKED: _("This invitation has been withdrawn."),
}


def _link_problem(request, error: services.InvitationError):
    return render(
        request,
        "accounts/invitation_problem.html",
        _admin_context(
            request,
            title=gettext("Invitation cannot be used"),
            problem=_LINK_PROBLEMS[error.reason],
            used=error.reason == services.USED,
            inviter=error.invitation.invited_by if error.invitation else None,
        ),
        status=410 if error.reason != services.INVALID else 404,
    )


@never_cache
def accept_invitation(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationError as error:
        return _link_problem(request, error)
    if request.user.is_authenticated:
        logout(request)  # Whoever was signed in here is not the invited person.
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token=token, form=form)
        except services.InvitationError as error:
            return _link_problem(request, error)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, gettext("Welcome! Your account is ready."))
        return redirect(reverse("admin:index"))
    return render(
        request,
        "accounts/accept_invitation.html",
        _admin_context(
            request,
            title=gettext("Accept your invitation"),
            form=form,
            invitation=invitation,
            organisations=invitation.organisations.all(),
        ),
    )


# --- Editors: people and invitations ---------------------------------------------------------


def _require_editor(request):
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


def people(request):
    _require_editor(request)
    initial = {}
    organisation_id = request.GET.get("organisation", "")
    if organisation_id.isdigit():
        initial["organisations"] = Organisation.objects.filter(pk=organisation_id)
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = services.invite(
            email=form.cleaned_data["email"],
            organisations=form.cleaned_data["organisations"],
            invited_by=request.user,
        )
        if result.existing_user is not None:
            messages.success(
                request,
                gettext(
                    "%(email)s already has an account (%(username)s): the organisations were "
                    "added to it."
                )
                % {
                    "email": form.cleaned_data["email"],
                    "username": result.existing_user.get_username(),
                },
            )
        else:
            messages.success(
                request,
                gettext("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
        return redirect(reverse("accounts:people"))
    pending = (
        Invitation.objects.pending().select_related("invited_by").prefetch_related("organisations")
    )
    members = (
        get_user_model()
        .objects.filter(is_staff=True)
        .order_by("-is_active", "username")
        .prefetch_related(Prefetch("organisations", Organisation.objects.order_by("name")))
    )
    return render(
        request,
        "accounts/people.html",
        {
            **admin.site.each_context(request),
            "title": gettext("People and invitations"),
            "form": form,
            "pending": pending,
            "members": members,
        },
    )


@require_POST
def resend_invitation(request, pk):
    _require_editor(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.resend(invitation=invitation)
    except services.InvitationError:
        messages.error(request, gettext("That invitation was already accepted."))
    else:
        messages.success(
            request, gettext("A new link was sent to %(email)s.") % {"email": invitation.email}
        )
    return redirect(reverse("accounts:people"))


@require_POST
def revoke_invitation(request, pk):
    _require_editor(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    services.revoke(invitation=invitation)
    messages.success(
        request,
        gettext("The invitation for %(email)s was withdrawn.") % {"email": invitation.email},
    )
    return redirect(reverse("accounts:people"))


@require_POST
def deactivate(request, pk):
    _require_editor(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    if person == request.user or person.is_superuser:
        messages.error(request, gettext("You cannot deactivate yourself or a superuser here."))
    else:
        services.deactivate(user=person)
        messages.success(
            request,
            gettext("%(username)s can no longer sign in. Their drafts stay.")
            % {"username": person.get_username()},
        )
    return redirect(reverse("accounts:people"))


@require_POST
def remove_membership(request, pk, organisation_pk):
    _require_editor(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    services.remove_from_organisation(user=person, organisation=organisation)
    messages.success(
        request,
        gettext("%(username)s no longer submits for %(organisation)s.")
        % {"username": person.get_username(), "organisation": organisation.name},
    )
    return redirect(reverse("accounts:people"))
