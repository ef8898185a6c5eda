from .filters import PracticeFilter
from .models import Practice


def filter_practices(params, *, queryset=None) -> PracticeFilter:
    """A bound PracticeFilter over published practices; `.qs` is the ordered result."""
    if queryset is None:
        queryset = Practice.objects.published()
    return PracticeFilter(params, queryset=queryset)
