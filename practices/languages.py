"""The interface's languages: which one a request is in, the switcher, and the alternates.

English, the catalogue's own language, keeps the unprefixed addresses every existing link uses;
every other language is a prefix (`/es/practices/?target_group=neets`), so a link shared in one
language opens in it for anyone. An unprefixed page answers in English to a visitor who chose
English in the switcher, and sends anyone else to the language they chose before or, on a first
visit, the first of their browser's languages (`Accept-Language`) that the site speaks. Query
parameters, slugs and files stay the same in every language.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse, translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_supported_language_variant,
    override,
    trans_real,
)

CODES = [code for code, _name in settings.LANGUAGES]


def unprefixed(path: str) -> str:
    """`path` without its language prefix: `/es/admin/` -> `/admin/`."""
    code = get_language_from_path(path)
    if code and path.startswith(f"/{code}/"):
        return path[len(code) + 1 :]
    return path


def is_translated(path: str) -> bool:
    """Whether `path` is a page of the interface (under i18n_patterns), not the API, a feed's
    file or the sitemap, which are the same in every language."""
    return translate_url(path, "es") != path or get_language_from_path(path) is not None


def preferred_language(request) -> str:
    """The language the visitor chose in the switcher (its cookie), else the first of their
    browser's languages the site speaks, else English."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return get_supported_language_variant(chosen)
        except LookupError:
            pass
    for code, _quality in trans_real.parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    ):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (the language from the address), plus the redirect from an
    unprefixed page to the visitor's own language when it is not English."""

    def process_request(self, request):
        super().process_request(request)
        if request.method not in ("GET", "HEAD") or get_language_from_path(request.path_info):
            return None
        language = preferred_language(request)
        if language == settings.LANGUAGE_CODE or not is_translated(request.path_info):
            return None
        response = HttpResponseRedirect(translate_url(request.get_full_path(), language))
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not get_language_from_path(request.path_info) and is_translated(request.path_info):
            patch_vary_headers(response, ("Cookie",))  # the switcher's choice decides, too
        return response


def choose_language(request, code):
    """The switcher's links: remember the choice (a year) and go to the same page, with the
    same query string, in that language. A GET: choosing a language changes nothing else."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    try:
        code = get_supported_language_variant(code)
    except LookupError:
        code = settings.LANGUAGE_CODE
    # `next` is resolved in its own language: /es/practices/ is a page only while Spanish is on.
    with override(get_language_from_path(next_url) or settings.LANGUAGE_CODE):
        response = HttpResponseRedirect(translate_url(next_url, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


def languages(request):
    """Template context: the page in each language (`language_links`, for the switcher and the
    head's hreflang alternates) and its canonical address in the current one."""
    full_path = request.get_full_path()
    current = get_language()
    base = request.build_absolute_uri("/").rstrip("/")
    links = []
    for code, name in settings.LANGUAGES:
        path = translate_url(full_path, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": base + path,
                "switch": reverse("choose_language", args=[code])
                + "?"
                + urlencode({"next": full_path}),
                "current": code == current,
            }
        )
    return {
        "language_links": links,
        "page_url": base + translate_url(full_path, current),
        "default_page_url": links[0]["url"],
    }
