"""The address of a page named by a slug alone (a practice, target group or theme), built from its
pattern reversed once rather than by reverse() for each link: a practice page links up to twenty
of them and a list page twenty practices, and reverse() in a template was a large share of a
practice page's rendering (README, performance)."""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

# What the <slug:...> path converter accepts; reverse() would insert such a slug unchanged.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
MARKER = "slug-url-marker"


def slug_url(viewname: str, slug: str) -> str:
    """reverse(viewname, kwargs={"slug": slug}), the same text."""
    if SLUG.fullmatch(slug):
        around = around_slug(viewname)
        if around:
            return f"{around[0]}{slug}{around[1]}"
    return reverse(viewname, kwargs={"slug": slug})


def around_slug(viewname: str) -> tuple[str, str] | None:
    """The text before and after the slug in viewname's address (None if the pattern does not
    hold the slug once), for code that builds many such addresses itself (the CSV export)."""
    # Keyed by what reverse() depends on besides the slug: the language is the address's prefix.
    return _around_slug(
        viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language()
    )


@functools.cache
def _around_slug(viewname, urlconf, script_prefix, language):
    """The text before and after the slug in viewname's address; None if not found once."""
    with override(language):
        url = reverse(viewname, urlconf=urlconf, kwargs={"slug": MARKER})
    if url.count(MARKER) != 1:
        return None
    before, _, after = url.partition(MARKER)
    return before, after
