"""Seed the browser tests' own database: the demo data and users with known, test-only passwords.

Run by tests/browser/site.py in the server's environment, after `migrate`:
    python -m tests.browser.seed
"""

import io
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_practices.settings")
    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from practices.workflow.roles import EDITOR, MEMBER, ensure_roles
    from regions.models import Organisation
    from tests.browser.site import RECOVERY_CODES, TOTP_KEYS, USERS, recovery_code

    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    # The Member and Editor groups as `create_demo_users` keeps them; not the command itself,
    # which hashes a password for a member of every demo organisation (seconds each run).
    ensure_roles()

    roles = {"member": MEMBER, "editor": EDITOR}
    User = get_user_model()
    for username, password in USERS.items():
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = True
        user.is_active = True
        user.is_superuser = username == "admin"
        user.set_password(password)
        user.save()
        if username in roles:
            user.groups.add(Group.objects.get(name=roles[username]))
        if username in TOTP_KEYS:
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(
                user=user, name="Authenticator app", key=TOTP_KEYS[username], confirmed=True
            )
            StaticDevice.objects.filter(user=user).delete()
            device = StaticDevice.objects.create(user=user, name="Recovery codes")
            StaticToken.objects.bulk_create(
                StaticToken(device=device, token=recovery_code(username, number))
                for number in range(RECOVERY_CODES)
            )
    member = User.objects.get(username="member")
    if not member.organisations.exists():
        member.organisations.add(Organisation.objects.order_by("name").first())


if __name__ == "__main__":
    main()
