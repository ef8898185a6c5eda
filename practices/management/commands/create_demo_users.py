import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' with a random password, printed once. "
        "Run with --reset to give an existing one a new password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Set new random passwords.")

    def handle(self, *args, reset=False, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username="admin",
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"},
        )
        if not (created or reset):
            self.stdout.write(
                "The admin user 'admin' exists already; its password was printed when it was "
                "created. Run `python manage.py create_demo_users --reset` for a new one."
            )
            return
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        self.stdout.write(self.style.SUCCESS(f"Admin login: admin / {password}  (shown once)"))
