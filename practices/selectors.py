"""Read paths shared by the pages, the CSV export and any API."""

from .filters import PracticeFilter
from .models import Practice


def filter_practices(params, *, queryset=None, vocabularies=None) -> PracticeFilter:
    """A bound PracticeFilter over published practices; `.qs` is the filtered, ordered result.

    `params` is a QueryDict (usually `request.GET`) or a mapping of parameter -> value or list.
    Unknown or malformed values never break `.qs`: they are left out and reported in `.errors`
    and `.notices`. `vocabularies` (from `practices.facets.load_vocabularies`) saves a query
    when the caller already has them.
    """
    if queryset is None:
        queryset = Practice.objects.published()
    return PracticeFilter(params, queryset=queryset, vocabularies=vocabularies)
