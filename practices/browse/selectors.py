"""Read paths shared by the pages, the CSV export and any API."""

import functools

from django.db.models import Q
from django.utils import translation
from django.utils.translation import get_language

from ..database import is_postgresql
from ..models import Practice
from .filters import PracticeFilter
from .search import ranked_ids_alone

# What has, or had, a public page: published practices, and archived ones that were published
# (their address was out in the world, and answers 410 Gone). A draft archived before it was ever
# published was never public: its address, which is its title, stays a 404.
ON_SITE = Q(status=Practice.Status.PUBLISHED) | Q(
    status=Practice.Status.ARCHIVED, published_at__isnull=False
)


# Built once per process and language: resolving their subqueries for each page took longer than
# running them, and their rows carry the vocabularies' names in the language they were built in.
@functools.cache
def _built(shape: str, language: str):
    with translation.override(language):
        if shape == "detail":
            return Practice.objects.filter(ON_SITE).for_detail()
        return getattr(Practice.objects.published(), f"for_{shape}")()


def published_for_list():
    """The published practices with what a card shows."""
    return _built("list", get_language())


def published_for_record():
    """The published practices with the open data's fields."""
    return _built("record", get_language())


def on_site_for_detail():
    """What has a public page, with everything the page shows."""
    return _built("detail", get_language())


def filter_practices(params, *, queryset=None, vocabularies=None) -> PracticeFilter:
    """A bound PracticeFilter over published practices; `.qs` is the filtered, ordered result.

    `params` is a QueryDict (usually `request.GET`) or a mapping of parameter -> value or list.
    Unknown or malformed values never break `.qs`: they are left out and reported in `.errors`
    and `.notices`. `vocabularies` (from `vocabularies.load_vocabularies`) saves a query when
    the caller already has them.
    """
    covers_catalogue = queryset is None
    if covers_catalogue:
        queryset = Practice.objects.published()
    filterset = PracticeFilter(params, queryset=queryset, vocabularies=vocabularies)
    filterset.covers_catalogue = covers_catalogue
    return filterset


def ranked_ids(filterset: PracticeFilter, limit: int) -> list[int]:
    """The ids of the first `limit` results, in the order of `filterset.qs`; a search alone by
    relevance is ranked in PostgreSQL's search table alone."""
    alone = filterset.selection.searches_alone and filterset.sort_order == "relevance"
    if alone and is_postgresql():
        return ranked_ids_alone(filterset.selection.search, limit)
    return list(filterset.qs.values_list("pk", flat=True)[:limit])
