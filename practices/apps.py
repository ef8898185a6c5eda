from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        # Registers the deployment checks (SITE_URL; the second factor).
        from . import checks  # noqa: F401
        from .accounts import checks as account_checks  # noqa: F401
