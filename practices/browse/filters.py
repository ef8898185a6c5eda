"""The one place that turns a query string into a practice queryset.

The list page, the region, target-group and theme pages, the CSV export and any API use
`PracticeFilter` through `practices.browse.selectors.filter_practices`, so the export can never
disagree with the page.

Bad input never breaks `.qs`: unknown slugs, years that are not years, an over-long search and
unknown sort orders are left out (or truncated), the rest of the filters still apply, and each
problem is reported in `.errors` (so `.is_valid()` is False) and in `.notices` for the page.

Every filter is a condition on the practice itself (many-to-many filters are EXISTS subqueries,
never joins), so no practice appears twice. `PracticeFilter.selection` hands those conditions,
worked out once, to what builds on them (the facet counts, the cache keys): nothing below this
module calls back into it.
"""

from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.forms.utils import ErrorDict, ErrorList
from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from regions.models import Organisation

from ..models import FIRST_YEAR, LAST_YEAR, Practice, ongoing_condition
from .search import parse_search, rank_matches, search_condition, with_translated_names
from .vocabularies import (
    COMPLETED,
    FACETS,
    M2M_FACETS,
    ONGOING,
    SCALAR_FACETS,
    Vocabularies,
    load_vocabularies,
)

MAX_QUERY_LENGTH = 200
MAX_VALUES = 50  # per repeated parameter; more is not a person choosing

SORT_CHOICES = [
    # Translators: the orders of the list's sort menu.
    ("relevance", _("Relevance")),
    ("newest", _("Newest first")),
    ("title", _("Title A–Z")),  # noqa: RUF001 - an en dash, as typeset
    ("start_year", _("Start year, earliest first")),
]
SORT_ORDERS = {
    "newest": ("-published_at", "-pk"),
    "title": ("title", "pk"),
    "start_year": (F("start_year").asc(nulls_last=True), "title", "pk"),
}

# The message about an unknown value of each list parameter (“%(value)s” is the value).
UNKNOWN = {name: spec.unknown for name, spec in FACETS.items()} | {
    "organisation": _("There is no organisation “%(value)s”, so it was left out.")
}


def shorten(value: str, length: int = 40) -> str:
    """What a person typed, cut to fit a sentence (Django's Truncator: "…" counts in `length`)."""
    return Truncator(str(value)).chars(length)


def without_nul(value: str) -> str:
    # PostgreSQL cannot store or compare strings with NUL characters: drop them before any query.
    return value.replace("\x00", "")


def lower(value: str) -> str:
    return value.lower()


def upper(value: str) -> str:
    return value.upper()


class ValueListField(forms.MultipleChoiceField):
    """The values of a repeated parameter (`?theme=a&theme=b`), matched to the known choices.

    Unknown values are left out and remembered in `.rejected`, rather than failing the whole
    field: a shared link with one stale value still shows the rest of what was asked for.
    """

    def __init__(self, *args, normalise=None, **kwargs):
        normalise = normalise or lower
        self.normalise = normalise
        self.rejected = []
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = []
        for item in value:
            item = self.normalise(without_nul(str(item)).strip())
            if item and item not in values:
                values.append(item)
        return values

    def clean(self, value):
        values = self.to_python(value)
        known = {str(key) for key, _ in self.choices}
        self.rejected = [v for v in values if v not in known]
        return [v for v in values if v in known][:MAX_VALUES]


class SlugListField(ValueListField):
    """Like ValueListField for a vocabulary too large to load (organisations): checked later."""

    def clean(self, value):
        self.rejected = []
        return self.to_python(value)[:MAX_VALUES]


class LenientChoiceField(forms.ChoiceField):
    def __init__(self, *args, **kwargs):
        self.rejected = []
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = without_nul(str(value or "")).strip().lower()
        self.rejected = [value] if value and value not in dict(self.choices) else []
        return "" if self.rejected else value


class YearField(forms.CharField):
    def __init__(self, *args, **kwargs):
        self.rejected = []
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = without_nul(str(value or "")).strip()
        self.rejected = []
        if not value:
            return None
        if len(value) == 4 and value.isascii() and value.isdigit():
            year = int(value)
            if FIRST_YEAR <= year <= LAST_YEAR:
                return year
        self.rejected = [value]
        return None


class SearchField(forms.CharField):
    def __init__(self, *args, **kwargs):
        self.truncated = False
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = " ".join(without_nul(str(value or "")).split())
        self.truncated = len(value) > MAX_QUERY_LENGTH
        return value[:MAX_QUERY_LENGTH].strip()


class ValueListFilter(django_filters.MultipleChoiceFilter):
    field_class = ValueListField


class SlugListFilter(django_filters.MultipleChoiceFilter):
    field_class = SlugListField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class YearFilter(django_filters.CharFilter):
    field_class = YearField


class SortFilter(django_filters.Filter):
    field_class = LenientChoiceField


class PracticeFilterForm(forms.Form):
    """Cleans leniently and keeps, per field, a sentence for each value it had to leave out."""

    def clean(self):
        cleaned = super().clean()
        self.notices = {}
        for name, field in self.fields.items():
            messages = []
            for value in getattr(field, "rejected", []):
                if name in ("start_from", "start_to"):
                    messages.append(
                        gettext(
                            "“%(value)s” is not a year between %(first)s and %(last)s, so it was "
                            "left out."
                        )
                        % {"value": shorten(value), "first": FIRST_YEAR, "last": LAST_YEAR}
                    )
                elif name == "sort":
                    messages.append(
                        gettext("There is no sort order “%(value)s”, so the default order is used.")
                        % {"value": shorten(value)}
                    )
                else:
                    messages.append(UNKNOWN[name] % {"value": shorten(value)})
            if getattr(field, "truncated", False):
                messages.append(
                    ngettext(
                        "The search was too long, so only its first %(count)s character was used.",
                        "The search was too long, so only its first %(count)s characters were "
                        "used.",
                        MAX_QUERY_LENGTH,
                    )
                    % {"count": MAX_QUERY_LENGTH}
                )
            if messages:
                self.notices[name] = messages
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_from > start_to:
            cleaned["start_from"], cleaned["start_to"] = start_to, start_from
            self.notices.setdefault("start_from", []).append(
                gettext(
                    "The start years were the wrong way round, so practices started from "
                    "%(first)s to %(last)s are shown."
                )
                % {"first": start_to, "last": start_from}
            )
        return cleaned


@dataclass(frozen=True, eq=False)
class Selection:
    """The active filters of one request as conditions on practices, worked out once: what the
    facet counts and the cache keys build on (they receive this, and never call back)."""

    queryset: QuerySet  # the practices the filters narrow (usually every published one)
    conditions: dict[str, Q]  # each narrowing filter's condition, by parameter
    selected: dict[str, list]  # each facet's chosen values
    search: str  # the search text, "" if none
    covers_catalogue: bool  # `queryset` is every published practice, as the stored counts are
    vocabularies: Vocabularies
    key: tuple  # the cleaned filters, whatever their order in the address

    @property
    def narrowing(self) -> list[str]:
        return list(self.conditions)

    def is_active(self, name) -> bool:
        return name in self.conditions

    def without(self, *names) -> QuerySet:
        """The practices passing every active filter except those named: a facet's base."""
        kept = (condition for name, condition in self.conditions.items() if name not in names)
        return self.queryset.filter(*kept).order_by()

    @property
    def searches_alone(self) -> bool:
        """A search and nothing else over the whole catalogue (on PostgreSQL answered from the
        search table alone: search.search_rows)."""
        return self.covers_catalogue and self.narrowing == ["q"]


def facet_filter(spec) -> ValueListFilter:
    """The filter of a facet of the registry (vocabularies.FACETS)."""
    if spec.choices:
        return ValueListFilter(method="filter_condition", label=spec.label, choices=spec.choices)
    normalise = upper if spec.name == "country" else lower  # ISO codes, slugs
    return ValueListFilter(method="filter_condition", label=spec.label, normalise=normalise)


class PracticeFilter(django_filters.FilterSet):
    """The query string of a list page, cleaned leniently, as conditions and a queryset."""

    q = SearchFilter(method="filter_condition", label=_("Search"))
    organisation = SlugListFilter(method="filter_condition", label=_("Organisation"))
    start_from = YearFilter(method="filter_condition", label=_("Started in or after"))
    start_to = YearFilter(method="filter_condition", label=_("Started in or before"))
    sort = SortFilter(method="filter_condition", label=_("Sort by"), choices=SORT_CHOICES)

    class Meta:
        model = Practice
        fields = []
        form = PracticeFilterForm

    @classmethod
    def get_filters(cls):
        """The declared filters and one per facet, in the order addresses carry them."""
        filters = super().get_filters()
        filters.update({name: facet_filter(spec) for name, spec in FACETS.items()})
        vocabulary_facets = [name for name in FACETS if name not in SCALAR_FACETS]
        order = (
            *("q", *vocabulary_facets, "organisation", *SCALAR_FACETS),
            *("start_from", "start_to", "sort"),
        )
        return {name: filters[name] for name in order}

    organisation_ids: list[int] = []
    organisation_names: dict[str, str] = {}
    # True when the queryset is every published practice, as the stored facet counts are.
    covers_catalogue = False

    def __init__(self, data=None, queryset=None, *, vocabularies=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if vocabularies is not None:
            self.vocabularies = vocabularies
        for name in ("country", *M2M_FACETS):
            # A callable: the vocabularies are read (one query) only when the form is used.
            self.filters[name].extra["choices"] = self._choices_for(name)

    def _choices_for(self, name):
        return lambda: self.vocabularies.choices(name)

    @cached_property
    def vocabularies(self):
        return load_vocabularies()

    # Validation -------------------------------------------------------------------------------

    @cached_property
    def cleaned_data(self) -> dict:
        """The form's lenient cleaned values, with organisation slugs checked (one query)."""
        form = self.form
        if not form.is_bound:
            form.notices = {}
            return {}
        form.is_valid()
        cleaned = dict(form.cleaned_data)
        slugs = cleaned.get("organisation") or []
        if slugs:
            rows = list(
                Organisation.objects.filter(slug__in=slugs)
                .order_by()
                .values_list("slug", "id", "name")
            )
            found = {slug: pk for slug, pk, _ in rows}
            self.organisation_names = {slug: name for slug, _, name in rows}
            for slug in slugs:
                if slug not in found:
                    form.notices.setdefault("organisation", []).append(
                        UNKNOWN["organisation"] % {"value": shorten(slug)}
                    )
            cleaned["organisation"] = [slug for slug in slugs if slug in found]
            self.organisation_ids = [found[slug] for slug in cleaned["organisation"]]
        return cleaned

    @property
    def errors(self):
        errors = ErrorDict(self.form.errors)
        self.cleaned_data  # noqa: B018 - checks organisation slugs, which may add notices
        for name, messages in self.form.notices.items():
            errors.setdefault(name, ErrorList()).extend(messages)
        return errors

    def is_valid(self):
        return self.is_bound and not self.errors

    @property
    def notices(self) -> list[str]:
        """One sentence per value that was left out or changed, for the page to show."""
        self.errors  # noqa: B018
        return [message for messages in self.form.notices.values() for message in messages]

    # Filtering --------------------------------------------------------------------------------

    def filter_queryset(self, queryset):
        return self.order(queryset.filter(*self.conditions.values()))

    def filter_condition(self, queryset, name, value):
        condition = self.condition(name, value)
        return queryset if condition is None else queryset.filter(condition)

    @cached_property
    def conditions(self) -> dict[str, Q]:
        """The condition of each filter that narrows the results (not `sort`, not a search with
        no words, not "ongoing and completed"), built once: each is a few EXISTS subqueries."""
        conditions = {}
        for name, value in self.cleaned_data.items():
            if value not in ([], None, ""):
                condition = self.condition(name, value)
                if condition is not None:
                    conditions[name] = condition
        return conditions

    def condition(self, name, value) -> Q | None:
        if name == "q":
            return search_condition(self.search_text)
        if name == "country":
            ids = [t.id for t in self.vocabularies.regions if t.country in value]
            return Q(Exists(_through("region", ids)))
        if name in M2M_FACETS:
            terms = self.vocabularies.by_slug[name]
            return Q(Exists(_through(name, [terms[slug].id for slug in value])))
        if name == "organisation":
            ids = self.organisation_ids
            partners = Practice.partner_organisations.through.objects.filter(
                practice_id=OuterRef("pk"), organisation_id__in=ids
            )
            return Q(lead_organisation_id__in=ids) | Q(Exists(partners))
        if name == "status":
            if set(value) >= {ONGOING, COMPLETED}:
                return None
            return ongoing_condition() if ONGOING in value else ~ongoing_condition()
        if name in SCALAR_FACETS:
            return Q(**{f"{FACETS[name].field}__in": value})
        if name == "start_from":
            return Q(start_year__gte=value)
        if name == "start_to":
            return Q(start_year__lte=value)
        if name == "sort":
            return None  # ordering, not filtering: see order()
        raise ValueError(f"Unknown filter {name!r}")

    @cached_property
    def search_text(self) -> str:
        """What is searched for: the text typed, with the English names of the terms it names
        in the page's language (search.with_translated_names)."""
        text = self.cleaned_data.get("q") or ""
        if not text or get_language() == settings.LANGUAGE_CODE:
            return text
        vocabularies = self.vocabularies
        terms = [*vocabularies.target_groups, *vocabularies.themes, *vocabularies.funding_sources]
        return with_translated_names(text, terms)

    @cached_property
    def selection(self) -> Selection:
        return Selection(
            queryset=self.queryset,
            conditions=self.conditions,
            selected={name: self.cleaned_data.get(name) or [] for name in FACETS},
            search=self.search_text,
            covers_catalogue=self.covers_catalogue,
            vocabularies=self.vocabularies,
            key=tuple(
                sorted(
                    (name, tuple(values))
                    for name, values in self.query_params(exclude=("sort",)).lists()
                )
            ),
        )

    # Ordering ---------------------------------------------------------------------------------

    @property
    def sort_order(self) -> str:
        """The order in effect: the one asked for, else relevance when searching, else newest."""
        asked = self.cleaned_data.get("sort") or ""
        searching = bool(parse_search(self.cleaned_data.get("q") or ""))
        if asked == "relevance" and not searching:
            return "newest"
        return asked or ("relevance" if searching else "newest")

    def order(self, queryset):
        if self.sort_order == "relevance":
            return rank_matches(queryset, self.search_text).order_by(
                "-rank", "-published_at", "-pk"
            )
        return queryset.order_by(*SORT_ORDERS[self.sort_order])

    # Links ------------------------------------------------------------------------------------

    def query_params(self, exclude=()) -> QueryDict:
        """The cleaned filters as a query string mapping: what links on the page carry."""
        params = QueryDict(mutable=True)
        for name, value in self.cleaned_data.items():
            if name in exclude or value in ([], None, ""):
                continue
            if isinstance(value, list):
                params.setlist(name, value)
            else:
                params[name] = str(value)
        return params


def _through(name, ids):
    through, column = M2M_FACETS[name]
    return through.objects.filter(practice_id=OuterRef("pk"), **{f"{column}__in": ids})
