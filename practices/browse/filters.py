"""The one place that turns a query string into a practice queryset.

The list page, the region, target-group and theme pages, the CSV export and any API use
`PracticeFilter` through `practices.browse.selectors.filter_practices`, so the export can never
disagree with the page.

Bad input never breaks `.qs`: unknown slugs, years that are not years, an over-long search and
unknown sort orders are left out (or truncated), the rest of the filters still apply, and each
problem is reported in `.errors` (so `.is_valid()` is False) and in `.notices` for the page.

Every filter is a condition on the practice itself (many-to-many filters are EXISTS subqueries,
never joins), so no practice appears twice and the facet counts can re-use the conditions: see
`queryset_without`.
"""

import re
import string
from functools import cached_property

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.forms.utils import ErrorDict, ErrorList
from django.http import QueryDict
from django.utils import timezone

from regions.models import Organisation

from ..models import FIRST_YEAR, LAST_YEAR, SEARCH_CONFIG, Practice, PracticeSearch
from .facets import (
    COMPLETED,
    M2M_FACETS,
    ONGOING,
    SCALAR_FACETS,
    STATUS_CHOICES,
    load_vocabularies,
)

MAX_QUERY_LENGTH = 200
MAX_VALUES = 50  # per repeated parameter; more is not a person choosing
MAX_SEARCH_TERMS = 12

SORT_CHOICES = [
    ("relevance", "Relevance"),
    ("newest", "Newest first"),
    ("title", "Title A–Z"),  # noqa: RUF001 - an en dash, as typeset
    ("start_year", "Start year, earliest first"),
]
SORT_ORDERS = {
    "newest": ("-published_at", "-pk"),
    "title": ("title", "pk"),
    "start_year": (F("start_year").asc(nulls_last=True), "title", "pk"),
}

# What each list parameter is called in a sentence, for the messages about unknown values.
NOUNS = {
    "country": "country code",
    "region": "region",
    "target_group": "target group",
    "theme": "theme",
    "funding": "funding source",
    "organisation": "organisation",
    "kind": "kind of practice",
    "level": "level",
    "evidence": "evidence level",
    "status": "status",
}


def shorten(value: str, length: int = 40) -> str:
    value = str(value)
    return value if len(value) <= length else value[: length - 1] + "…"


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
                        f"“{shorten(value)}” is not a year between {FIRST_YEAR} and "
                        f"{LAST_YEAR}, so it was left out."
                    )
                elif name == "sort":
                    messages.append(
                        f"There is no sort order “{shorten(value)}”, so the default order is used."
                    )
                else:
                    messages.append(
                        f"There is no {NOUNS[name]} “{shorten(value)}”, so it was left out."
                    )
            if getattr(field, "truncated", False):
                messages.append(
                    f"The search was too long, so only its first {MAX_QUERY_LENGTH} characters "
                    "were used."
                )
            if messages:
                self.notices[name] = messages
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_from > start_to:
            cleaned["start_from"], cleaned["start_to"] = start_to, start_from
            self.notices.setdefault("start_from", []).append(
                f"The start years were the wrong way round, so practices started from "
                f"{start_to} to {start_from} are shown."
            )
        return cleaned


class PracticeFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_condition", label="Search")
    country = ValueListFilter(
        method="filter_condition", label="Country", field_name="country", normalise=upper
    )
    region = ValueListFilter(method="filter_condition", label="Region")
    target_group = ValueListFilter(method="filter_condition", label="Target group")
    theme = ValueListFilter(method="filter_condition", label="Theme")
    funding = ValueListFilter(method="filter_condition", label="Funding")
    organisation = SlugListFilter(method="filter_condition", label="Organisation")
    kind = ValueListFilter(
        method="filter_condition", label="Kind of practice", choices=Practice.Kind.choices
    )
    level = ValueListFilter(
        method="filter_condition", label="Level", choices=Practice.Level.choices
    )
    evidence = ValueListFilter(
        method="filter_condition", label="Evidence", choices=Practice.EvidenceLevel.choices
    )
    status = ValueListFilter(
        method="filter_condition", label="Ongoing or completed", choices=STATUS_CHOICES
    )
    start_from = YearFilter(method="filter_condition", label="Started in or after")
    start_to = YearFilter(method="filter_condition", label="Started in or before")
    sort = SortFilter(method="filter_condition", label="Sort by", choices=SORT_CHOICES)

    class Meta:
        model = Practice
        fields = []
        form = PracticeFilterForm

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
                        f"There is no {NOUNS['organisation']} “{shorten(slug)}”, "
                        "so it was left out."
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
        for name, value in self.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.order(queryset)

    def filter_condition(self, queryset, name, value):
        condition = self.condition(name, value)
        return queryset if condition is None else queryset.filter(condition)

    def conditions(self, exclude=()) -> list[Q]:
        """The WHERE conditions of the active filters, leaving out those named in `exclude`."""
        conditions = []
        for name, value in self.cleaned_data.items():
            if name in exclude or value in ([], None, ""):
                continue
            condition = self.condition(name, value)
            if condition is not None:
                conditions.append(condition)
        return conditions

    def queryset_without(self, *names):
        """The practices passing every active filter except those named: a facet's base."""
        return self.queryset.filter(*self.conditions(exclude=names)).order_by()

    @cached_property
    def narrowing_filters(self) -> list[str]:
        """The names of the filters that narrow the results (not `sort`, not a search with no
        words, not "ongoing and completed"). Worked out once: building each filter's condition
        (EXISTS subqueries) to tell costs more than the stored counts it decides on."""
        return [
            name
            for name, value in self.cleaned_data.items()
            if value not in ([], None, "") and self.condition(name, value) is not None
        ]

    def is_active(self, name) -> bool:
        return self.cleaned_data.get(name) not in (None, "", [])

    def selected_values(self) -> dict[str, list]:
        return {
            name: self.cleaned_data.get(name) or []
            for name in ("country", *M2M_FACETS, *SCALAR_FACETS)
        }

    def condition(self, name, value) -> Q | None:
        year = timezone.localdate().year
        if name == "q":
            return search_condition(value)
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
        if name == "kind":
            return Q(kind__in=value)
        if name == "level":
            return Q(level__in=value)
        if name == "evidence":
            return Q(evidence_level__in=value)
        if name == "status":
            if set(value) >= {ONGOING, COMPLETED}:
                return None
            ongoing = Q(end_year__isnull=True) | Q(end_year__gte=year)
            return ongoing if ONGOING in value else ~ongoing
        if name == "start_from":
            return Q(start_year__gte=value)
        if name == "start_to":
            return Q(start_year__lte=value)
        if name == "sort":
            return None  # ordering, not filtering: see order()
        raise ValueError(f"Unknown filter {name!r}")

    # Ordering ---------------------------------------------------------------------------------

    @property
    def sort_order(self) -> str:
        """The order in effect: the one asked for, else relevance when searching, else newest."""
        asked = self.cleaned_data.get("sort") or ""
        searching = bool(parse_search(self.cleaned_data.get("q") or ""))
        if asked == "relevance" and not searching:
            return "newest"
        return asked or ("relevance" if searching else "newest")

    @property
    def searches_alone(self) -> bool:
        """A search with no other filter over the whole catalogue, on PostgreSQL: answered from
        the narrow search table alone (PracticeSearch, whose rows with a `published_at` are
        exactly the published practices), without joining every match to its practice."""
        return is_postgresql() and self.covers_catalogue and self.narrowing_filters == ["q"]

    def search_rows(self, *, matching=True):
        """For `searches_alone`: the search table's rows of the published practices that the
        search matches, or with `matching=False` does not."""
        query = websearch_query(self.cleaned_data["q"])
        published = PracticeSearch.objects.filter(published_at__isnull=False)
        return published.filter(vector=query) if matching else published.exclude(vector=query)

    def not_matching(self, *leaving_out):
        """The ids of the published practices that pass every active filter but the search and
        those in `leaving_out`, and that the search does not match (a broad search's facets are
        counted by complement: practices/facet_counts.py). With no other filter left, from the
        search table alone."""
        others = [name for name in self.narrowing_filters if name not in (*leaving_out, "q")]
        if not others and self.covers_catalogue and is_postgresql():
            return self.search_rows(matching=False).values("practice_id")
        search = self.condition("q", self.cleaned_data["q"])
        return self.queryset_without(*leaving_out, "q").exclude(search).values("pk")

    def ranked_ids(self, limit: int) -> list[int]:
        """The ids of the first `limit` results, in order: the order of `qs`."""
        if self.searches_alone and self.sort_order == "relevance":
            ranked = (
                self.search_rows()
                .annotate(rank=search_rank(self.cleaned_data["q"], vector="vector"))
                .order_by("-rank", "-published_at", "-practice_id")
                .values_list("practice_id", flat=True)
            )
        else:
            ranked = self.qs.values_list("pk", flat=True)
        return list(ranked[:limit])

    def order(self, queryset):
        if self.sort_order == "relevance":
            return queryset.annotate(rank=search_rank(self.cleaned_data["q"])).order_by(
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


# Free-text search -----------------------------------------------------------------------------


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def websearch_query(text: str) -> SearchQuery:
    """websearch_to_tsquery('english', unaccent(text)): the stored vector is unaccented too.

    Through practices_unaccent, unaccent declared IMMUTABLE (migration 0009), so the query is a
    constant: parsed once per statement, not once per row, and planned with the column's
    statistics. The same dictionary as the stored vector's unaccent()."""
    return SearchQuery(
        Func(Value(text), function="practices_unaccent", output_field=TextField()),
        config=SEARCH_CONFIG,
        search_type="websearch",
    )


# The fields the SQLite fallback looks in: those that make up the search vector on PostgreSQL.
TEXT_FIELDS = (
    "title",
    "original_title",
    "summary",
    "key_lesson",
    "description",
    "results",
    "transferability",
    "lead_organisation__name",
)


def parse_search(text: str) -> list[list[tuple[bool, str]]]:
    """Websearch syntax, as PostgreSQL reads it: OR of groups of terms that must all match.

    `neets "supported employment" -erasmus or migrants` ->
    [[(False, "neets"), (False, "supported employment"), (True, "erasmus")], [(False, "migrants")]]
    """
    groups, group = [], []
    tokens = re.findall(r'(-?)"([^"]*)"?|(\S+)', text)
    for negated, phrase, word in tokens[: MAX_SEARCH_TERMS * 2]:
        if word and word.lower() == "or":
            if group:
                groups.append(group)
            group = []
            continue
        if word:
            negated = "-" if word.startswith("-") and len(word) > 1 else ""
            term = word.lstrip("-") if negated else word
            term = term.strip(string.punctuation + "«»“”‘’")  # noqa: RUF001
        else:
            term = " ".join(phrase.split())
        if term:
            group.append((bool(negated), term))
    if group:
        groups.append(group)
    return groups[:MAX_SEARCH_TERMS]


def _contains(term: str) -> Q:
    condition = Q()
    for name in TEXT_FIELDS:
        condition |= Q(**{f"{name}__icontains": term})
    partners = Practice.partner_organisations.through.objects.filter(
        practice_id=OuterRef("pk"), organisation__name__icontains=term
    )
    regions = Practice.regions.through.objects.filter(
        practice_id=OuterRef("pk"), region__name__icontains=term
    )
    return condition | Q(Exists(partners)) | Q(Exists(regions))


def search_condition(text: str) -> Q | None:
    groups = parse_search(text)
    if not groups:
        return None  # only spaces, quotes or punctuation: no words to look for
    if is_postgresql():
        return Q(search__vector=websearch_query(text))
    # SQLite: case-insensitive containment of every term (ASCII letters only: SQLite's LIKE).
    condition = Q(pk__in=[])
    for group in groups:
        both = Q()
        for negated, term in group:
            both &= ~_contains(term) if negated else _contains(term)
        condition |= both
    return condition


def search_rank(text: str, vector="search__vector"):
    """Higher is better. PostgreSQL: ts_rank over the weighted vector (title A … description D),
    `vector` its path from the queryset's model.

    SQLite: 2 when every term is in the title, 1 when in the summary or key lesson, else 0.
    """
    if is_postgresql():
        return SearchRank(F(vector), websearch_query(text))
    terms = [term for group in parse_search(text)[:1] for negated, term in group if not negated]
    if not terms:
        return Value(0, IntegerField())
    in_title = Q()
    in_summary = Q()
    for term in terms:
        in_title &= Q(title__icontains=term)
        in_summary &= Q(summary__icontains=term) | Q(key_lesson__icontains=term)
    return Case(
        When(in_title, then=Value(2)),
        When(in_summary, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
