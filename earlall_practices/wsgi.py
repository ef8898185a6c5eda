import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_practices.settings")

# Refuse to start without a secret key (production has no fallback): reading an empty SECRET_KEY
# raises ImproperlyConfigured, here at start-up rather than at the first signed cookie.
settings.SECRET_KEY  # noqa: B018

application = get_wsgi_application()
