"""HTTP for the open data (the API under /api/v1/ and the Atom feeds): validators from the
catalogue version, `304 Not Modified`, public caching, CORS, and no cookies.

What these addresses answer changes only when the catalogue version does (browse/cache.py), so
the version and the address make a strong ETag, and the time the version last changed is the
`Last-Modified`. A client that asks again with `If-None-Match` (or `If-Modified-Since`) gets a
304 from one small query, before any view runs.

The data is public: any site may read it from a browser (`Access-Control-Allow-Origin: *`). The
session and CSRF cookies are removed from the request before the session middleware sees it, so
a signed-in editor's browser gets exactly what anyone gets, and no cross-site request can act
as that editor (the API only reads, and only public data, in any case).
"""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from ..browse.cache import catalogue_stamp

PREFIXES = ("/api/v1/",)
SUFFIXES = ("/feed.atom",)
MAX_AGE = 300


def is_open_data(path: str) -> bool:
    return path.startswith(PREFIXES) or path.endswith(SUFFIXES)


class OpenDataMiddleware:
    """Placed before the session middleware (settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_open_data(request.path):
            return self.get_response(request)
        request.META.pop("HTTP_COOKIE", None)
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)

        version, changed_at = catalogue_stamp()
        request.catalogue_version = version  # the views need not read it again
        text = f"{version}|{request.get_full_path()}"
        etag = '"' + hashlib.blake2b(text.encode(), digest_size=12).hexdigest() + '"'
        last_modified = int(changed_at.timestamp()) if changed_at else None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = self.get_response(request)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link"
        return response
