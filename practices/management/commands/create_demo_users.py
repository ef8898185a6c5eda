import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from practices import demo_data
from practices.accounts import two_factor
from practices.workflow import roles
from regions.models import Organisation


class Command(BaseCommand):
    help = (
        "Create the demo accounts, so a person can try both roles: a superuser 'admin', an "
        "editor 'editor', and a member 'member-<organisation>' for each demo organisation "
        "(load them first with `manage.py load_demo`). Passwords are random and printed once, "
        "when an account is created; run with --reset to give every demo account a new one. "
        "The admin and the editor also get a second factor: the key for an authenticator app "
        "is printed with their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Set new random passwords.")

    def handle(self, *args, reset=False, **options):
        missing = roles.ensure_roles()
        if missing:
            self.stderr.write(f"Permissions not found (run migrate?): {', '.join(missing)}")
        demo_slugs = [entry["slug"] for entry in demo_data.ORGANISATIONS]
        organisations = Organisation.objects.filter(slug__in=demo_slugs).order_by("name")

        accounts = [("admin", "superuser", None), ("editor", roles.EDITOR, None)]
        accounts += [(f"member-{o.slug}"[:150], roles.MEMBER, o) for o in organisations]

        printed = []
        with transaction.atomic():
            for username, role, organisation in accounts:
                password, key = self._ensure(username, role, organisation, reset=reset)
                if password:
                    printed.append((username, password, role, organisation, key))

        if printed:
            self.stdout.write(self.style.SUCCESS("Demo logins (shown once, keep them):"))
            width = max(len(username) for username, *_ in printed)
            for username, password, role, organisation, key in printed:
                what = f"{role} of {organisation}" if organisation else role
                self.stdout.write(f"  {username:<{width}}  {password}  ({what})")
                if key:
                    self.stdout.write(f"  {'':<{width}}  second factor: add key {key} to an app")
            if any(key for *_, key in printed):
                self.stdout.write(
                    "Editors sign in with a code from an authenticator app (TOTP) holding that "
                    "key, or run the demo with TWO_FACTOR_REQUIRED=0 (development only)."
                )
        if len(printed) < len(accounts):
            self.stdout.write(
                f"{len(accounts) - len(printed)} demo account(s) existed already; their "
                "passwords were printed when they were created. Run `python manage.py "
                "create_demo_users --reset` for new ones."
            )
        if not organisations:
            self.stdout.write(
                "No demo organisations yet, so no member accounts: run `python manage.py "
                "load_demo`, then this command again."
            )

    def _ensure(self, username, role, organisation, *, reset):
        """Create or repair one account; return its new password, if it got one, and the key
        of its new second factor, if it needs one."""
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = True
        user.is_superuser = role == "superuser"
        if role != "superuser":
            user.groups.add(Group.objects.get(name=role))
        if organisation is not None:
            organisation.members.add(user)
        password = None
        if created or reset:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
        user.save()
        key = None
        if password and two_factor.is_required(user):
            two_factor.reset(user)
            device = two_factor.pending_app_device(user)
            two_factor.confirm_app_device(user, device)
            key = two_factor.base32_secret(device)
        return password, key
