from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self):
        # Registers the deployment checks (SITE_URL; the second factor).
        from . import checks  # noqa: F401
        from .accounts import checks as account_checks  # noqa: F401
