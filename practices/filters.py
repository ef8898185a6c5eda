"""The one place that turns a query string into a practice queryset.

The list page, the CSV export and any API use `PracticeFilter` through
`practices.selectors.filter_practices`, so the export can never disagree with the page.
"""

import django_filters

from .models import Practice


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")

    class Meta:
        model = Practice
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(title__icontains=value)
