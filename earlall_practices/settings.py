"""Settings for EARLALL Practices, read from the environment.

Safe production defaults: DEBUG is off, SECRET_KEY is required unless DEBUG is on, cookies are
secure and HSTS is sent. `DATABASE_URL` selects the database; unset means a SQLite file in the
project folder, so a newcomer needs nothing beyond Python.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def env_url(name: str, default: str) -> str:
    """An absolute http(s) address without a trailing slash, such as https://practices.example.org."""
    value = (os.environ.get(name) or default).strip().rstrip("/")
    scheme, _, rest = value.partition("://")
    if scheme not in {"http", "https"} or not rest or rest.startswith("/"):
        raise ImproperlyConfigured(
            f"{name} must be the site's address, such as https://practices.example.org, "
            f"got {value!r}"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    # A throwaway key per process: sessions do not survive a restart, which is fine locally.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()
# Without DEBUG there is no fallback key. Commands that sign nothing (migrate, makemigrations,
# collectstatic) still run; the web server refuses to start (wsgi.py, asgi.py); anything else
# that signs fails with Django's own "The SECRET_KEY setting must not be empty".

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, as it asks
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "ninja",  # the API's interactive reference (its Swagger UI, from its own static files)
    "django_countries",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "regions",
    "practices",
]

MIDDLEWARE = [
    # First: answers /healthz and /readyz before any redirect, host check or session.
    "practices.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # The open data (API, feeds): ETag and 304, public caching, CORS, and no cookies read.
    "practices.exchange.http_caching.OpenDataMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: from the address, or a redirect to the visitor's own (practices/languages.py).
    "practices.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor: marks a verified session, then sends an editor without one to enrol.
    "django_otp.middleware.OTPMiddleware",
    "practices.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "earlall_practices.urls"
WSGI_APPLICATION = "earlall_practices.wsgi.application"
ASGI_APPLICATION = "earlall_practices.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "practices.languages.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections with health checks: no connect cost per request.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # WAL and a busy timeout keep a small site responsive when a write and reads overlap.
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the catalogue's own language and keeps the unprefixed addresses; each other language
# is named in itself, as the switcher shows it (practices/languages.py; README: Languages).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("ca", "Català"),
    ("eu", "Euskara"),
    ("nb", "Norsk bokmål"),
    ("sv", "Svenska"),
    ("it", "Italiano"),
    ("fr", "Français"),
    ("de", "Deutsch"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The vocabularies' names and descriptions per language (django-modeltranslation): a missing
# translation shows the English one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A term created with a name, in whatever language the admin is in, gets it as its English name.
MODELTRANSLATION_AUTO_POPULATE = "default"
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"  # a new term's slug comes from its English name
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# One way to write dates and times everywhere: "3 December 2026, 09:38", in TIME_ZONE.
FORMAT_MODULE_PATH = ["earlall_practices.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed files from collectstatic in production; plain files from the app folders in
# development and tests, which run without collectstatic.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_MANIFEST_STRICT = False

# Security. HTTPS is assumed in production; plain-HTTP local runs turn these off explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading binds every subdomain of the domain for months: a decision for whoever owns the
# domain, made with SECURE_HSTS_PRELOAD=1, so Django's reminder about it (W021) is silenced.
SILENCED_SYSTEM_CHECKS = [
    "security.W021",
    # The facet counts' covering index (practice_published_facets_idx) INCLUDEs columns for
    # PostgreSQL's index-only scans; on SQLite it is a plain partial index, which is fine.
    "models.W040",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content-Security-Policy: no inline scripts or styles anywhere on the public site.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Password guessing: lock a username+address pair after 5 failures for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
# A locked-out login gets a page that says what happened and when it lifts (status 429).
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"

# E-mail (Django 6.1 MAILERS): the console locally, SMTP where EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            },
        }
    }
elif os.environ.get("EMAIL_FILE_PATH"):
    # One file per message in that folder: how the browser tests read what the site sent.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["EMAIL_FILE_PATH"]},
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "EARLALL Practices <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where links in e-mails point; requests are not available when a command sends mail. `make run`
# sets it to the port it serves on; `check --deploy` warns while it is a local address.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")

# Open data (README: Open data): the licence the catalogue's data is published under, and where
# a portal's user reaches the people who keep it.
DATA_LICENCE = os.environ.get("DATA_LICENCE", "https://creativecommons.org/licenses/by/4.0/")
DATA_CONTACT_URL = os.environ.get("DATA_CONTACT_URL", "https://www.earlall.eu/")

# CACHE_URL (redis://host:6379/0) puts the caches in Redis, shared by every worker and server:
# after a write one of them recomputes a page and all reuse it. Unset, each process keeps its own.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"CACHE_URL must be a Redis URL (redis://host:6379/0), not {CACHE_URL!r}"
    )


def cache(prefix: str, **locmem_options) -> dict:
    if CACHE_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": prefix,
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": prefix,
        **locmem_options,
    }


CACHES = {
    "default": cache("earlall-practices"),
    # Facet counts, vocabularies and page fragments: keyed by the catalogue version that database
    # triggers change with every write (practices/browse/cache.py), so never stale. Off by
    # default with DEBUG, where an edited template should show at once. An entry is at most
    # ~100 KB (a filter panel); most are far smaller. In Redis, give it a `maxmemory` with an
    # LRU policy (README, Production): old versions' entries are never read again.
    "catalogue": (
        {
            **cache(
                "earlall-practices-catalogue",
                OPTIONS={"MAX_ENTRIES": env_int("CATALOGUE_CACHE_ENTRIES", 1000)},
            ),
            "TIMEOUT": 3600,
        }
        if env_bool("CATALOGUE_CACHE", default=not DEBUG)
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    # A database outage is logged once (practices/health.py), not once per request.
    "filters": {"outage": {"()": "practices.health.OutageLogFilter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO", "propagate": True},
        "django.request": {"filters": ["outage"], "propagate": True},
    },
}

# Public list pages.
PRACTICES_PAGE_SIZE = env_int("PRACTICES_PAGE_SIZE", 20)

# Accounts (practices/accounts). Reset links last a day and work once (Django's tokens);
# invitation links last a week and work once.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 24 * 3600)
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
# Editors and superusers must sign in with a second factor. Turning this off is for local
# development only: it is refused unless DEBUG is on, and `check --deploy` fails while it is off.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", default=True)
if not TWO_FACTOR_REQUIRED and not DEBUG:
    raise ImproperlyConfigured("TWO_FACTOR_REQUIRED=0 is only allowed with DEBUG=1")
OTP_TOTP_ISSUER = "EARLALL Practices"
