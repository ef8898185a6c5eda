from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    """The development switch must never reach production."""
    if settings.TWO_FACTOR_REQUIRED:
        return []
    return [
        Error(
            "TWO_FACTOR_REQUIRED is off: editors and superusers can sign in with a password alone.",
            hint="Unset TWO_FACTOR_REQUIRED (it defaults to on); turn it off only with DEBUG=1.",
            id="accounts.E001",
        )
    ]
