"""Read paths shared by the pages, the CSV export and any API."""

from ..models import Practice
from .filters import PracticeFilter


def filter_practices(params, *, queryset=None, vocabularies=None) -> PracticeFilter:
    """A bound PracticeFilter over published practices; `.qs` is the filtered, ordered result.

    `params` is a QueryDict (usually `request.GET`) or a mapping of parameter -> value or list.
    Unknown or malformed values never break `.qs`: they are left out and reported in `.errors`
    and `.notices`. `vocabularies` (from `practices.browse.facets.load_vocabularies`) saves a query
    when the caller already has them.
    """
    covers_catalogue = queryset is None
    if covers_catalogue:
        queryset = Practice.objects.published()
    filterset = PracticeFilter(params, queryset=queryset, vocabularies=vocabularies)
    filterset.covers_catalogue = covers_catalogue
    return filterset
