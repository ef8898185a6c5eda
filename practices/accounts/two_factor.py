"""Who must use a second factor, and the devices django-otp keeps for it.

TOTP (an authenticator app) is the factor; a static device holds the recovery codes.
"""

import base64

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from practices.workflow.roles import REVIEW_PERMISSION

RECOVERY_CODES = 10
RECOVERY_DEVICE = "Recovery codes"
APP_DEVICE = "Authenticator app"


def is_required(user) -> bool:
    """Editors and superusers can publish in the network's name: a password alone is not enough."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return user.is_superuser or user.has_perm(REVIEW_PERMISSION)


def has_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_app_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device being set up (one per user), created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; each works once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_app_device(user, device: TOTPDevice) -> list[str]:
    """The code matched: keep this app as the only one, and issue fresh recovery codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


def reset(user) -> None:
    """Forget every second factor of `user` (a lost phone): they enrol again at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
