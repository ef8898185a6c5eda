"""Seed the browser tests' own database: the demo data and users with known, test-only passwords.

Run by tests/browser/site.py in the server's environment, after `migrate`:
    python -m tests.browser.seed
"""

import io

import django


def main():
    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from regions.models import Organisation
    from tests.browser.site import USERS

    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    # The Member and Editor roles, and the demo users, as `make run` creates them.
    call_command("create_demo_users", stdout=io.StringIO())

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
        if username in {"member", "editor"}:
            user.groups.add(Group.objects.get(name=username.title()))
    member = User.objects.get(username="member")
    if not member.organisations.exists():
        member.organisations.add(Organisation.objects.order_by("name").first())


if __name__ == "__main__":
    main()
