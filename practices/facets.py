"""The choices the practice filters offer, and how many practices each choice would give.

Both are designed for a fixed, small number of queries whatever the size of the catalogue:

- `load_vocabularies()` reads every target group, theme, funding source and region in ONE query
  (a UNION ALL). It is the only place the filter form gets its choices from, so caching it later
  is a one-line change.
- `compute_facets(filterset)` counts every option of every facet in ONE query (a UNION ALL with a
  branch per many-to-many facet and one branch for the four single-column facets), and derives
  the total number of results from it, so the list page needs no separate COUNT(*).
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django_countries import countries

from regions.models import Region

from .models import FundingSource, Practice, TargetGroup, Theme

ONGOING = "ongoing"
COMPLETED = "completed"
STATUS_CHOICES = [(ONGOING, "Ongoing"), (COMPLETED, "Completed")]


def sort_key(text: str) -> str:
    """Alphabetical order that files “Åland” under A and “Île-de-France” under I."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str
    country: str = ""  # regions only: ISO 3166 code

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) if self.country else ""


@dataclass
class Vocabularies:
    """Every term a practice can be filtered by, each list in display order."""

    target_groups: list[Term]
    themes: list[Term]
    funding_sources: list[Term]
    regions: list[Term]  # by country name, then region name

    @cached_property
    def countries(self) -> list[tuple[str, str]]:
        """(ISO code, English name) of every country that has a region, by name."""
        codes = {region.country for region in self.regions}
        return sorted(((c, str(countries.name(c))) for c in codes), key=lambda c: sort_key(c[1]))

    @cached_property
    def country_names(self) -> dict[str, str]:
        return dict(self.countries)

    @cached_property
    def by_slug(self) -> dict[str, dict[str, Term]]:
        """{"target_group": {"neets": Term, ...}, "theme": ..., "funding": ..., "region": ...}"""
        return {
            "target_group": {t.slug: t for t in self.target_groups},
            "theme": {t.slug: t for t in self.themes},
            "funding": {t.slug: t for t in self.funding_sources},
            "region": {t.slug: t for t in self.regions},
        }

    def choices(self, name: str) -> list[tuple[str, str]]:
        if name == "country":
            return self.countries
        return [(t.slug, t.name) for t in self.by_slug[name].values()]


def load_vocabularies() -> Vocabularies:
    """All four vocabularies in one query."""

    def terms(model, kind, country=None):
        return (
            model.objects.order_by()
            .annotate(
                vocabulary=Value(kind, output_field=CharField()),
                country_code=country if country is not None else Value("", CharField()),
            )
            .values_list("vocabulary", "id", "slug", "name", "country_code")
        )

    rows = terms(TargetGroup, "target_group").union(
        terms(Theme, "theme"),
        terms(FundingSource, "funding"),
        terms(Region, "region", country=Cast("country", CharField())),
        all=True,
    )
    grouped = defaultdict(list)
    for vocabulary, pk, slug, name, country in rows:
        grouped[vocabulary].append(Term(pk, slug, name, country or ""))
    for vocabulary, items in grouped.items():
        if vocabulary == "region":
            items.sort(key=lambda t: (sort_key(str(countries.name(t.country))), sort_key(t.name)))
        else:
            items.sort(key=lambda t: sort_key(t.name))
    return Vocabularies(
        target_groups=grouped["target_group"],
        themes=grouped["theme"],
        funding_sources=grouped["funding"],
        regions=grouped["region"],
    )


# The many-to-many facets: parameter name -> (through table, its column for the term's id).
M2M_FACETS = {
    "region": (Practice.regions.through, "region_id"),
    "target_group": (Practice.target_groups.through, "targetgroup_id"),
    "theme": (Practice.themes.through, "theme_id"),
    "funding": (Practice.funding_sources.through, "fundingsource_id"),
}
# The single-column facets, counted together in one GROUP BY over their combinations.
SCALAR_FACETS = ("kind", "level", "evidence", "status")
SCALAR_CHOICES = {
    "kind": Practice.Kind.choices,
    "level": Practice.Level.choices,
    "evidence": Practice.EvidenceLevel.choices,
    "status": STATUS_CHOICES,
}
FACET_LABELS = {
    "country": "Country",
    "region": "Region",
    "target_group": "Target group",
    "theme": "Theme",
    "funding": "Funding",
    "kind": "Kind of practice",
    "level": "Level",
    "evidence": "Evidence",
    "status": "Ongoing or completed",
}
FACET_ORDER = (
    "target_group",
    "theme",
    "country",
    "region",
    "funding",
    "kind",
    "level",
    "evidence",
    "status",
)


def ongoing_expression(year=None):
    """'ongoing' or 'completed' for each practice, as SQL: no end year, or one not yet past."""
    year = year or timezone.localdate().year
    return Case(
        When(Q(end_year__isnull=True) | Q(end_year__gte=year), then=Value(ONGOING)),
        default=Value(COMPLETED),
        output_field=CharField(),
    )


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    group: str = ""  # regions: the country's name

    @property
    def disabled(self) -> bool:
        """Nothing to find here: shown, but not offered (unless it is ticked, to untick it)."""
        return self.count == 0 and not self.selected


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


@dataclass
class Facets:
    facets: dict[str, Facet]
    total: int

    def __iter__(self):
        return iter(self.facets.values())

    def __getitem__(self, name):
        return self.facets[name]

    def shown(self, hidden=()):
        return [facet for name, facet in self.facets.items() if name not in hidden]


def compute_facets(filterset) -> Facets:
    """How many practices each option of each facet would give, given the OTHER active filters.

    One query: each many-to-many facet counts its through table's rows for the practices that
    pass every filter but its own; the four single-column facets (kind, level, evidence,
    ongoing/completed) count the practices passing every other filter per combination of their
    four values (at most a few hundred rows), from which each facet's counts, and the total number
    of results, are summed here. Many-to-many filters are EXISTS conditions, so no row is counted
    twice.
    """
    selected = filterset.selected_values()
    branches = []
    for name, (through, column) in M2M_FACETS.items():
        branches.append(
            through.objects.filter(practice_id__in=filterset.queryset_without(name).values("pk"))
            .annotate(facet=Value(name, CharField()), value=Cast(column, CharField()))
            .values("facet", "value")
            .annotate(n=Count("*"))
            .order_by()
        )
    # A practice running in two regions of one country counts once for that country.
    branches.append(
        Practice.regions.through.objects.filter(
            practice_id__in=filterset.queryset_without("country").values("pk")
        )
        .annotate(facet=Value("country", CharField()), value=F("region__country"))
        .values("facet", "value")
        .annotate(n=Count("practice_id", distinct=True))
        .order_by()
    )
    branches.append(
        filterset.queryset_without(*SCALAR_FACETS)
        .annotate(
            facet=Value("scalar", CharField()),
            value=Concat(
                "kind",
                Value("|"),
                "level",
                Value("|"),
                "evidence_level",
                Value("|"),
                ongoing_expression(),
                output_field=CharField(),
            ),
        )
        .values("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = branches[0].union(*branches[1:], all=True).values_list("facet", "value", "n")

    counts = defaultdict(lambda: defaultdict(int))
    total = 0
    for facet, value, n in rows:
        if facet != "scalar":
            counts[facet][value] += n
            continue
        combination = dict(zip(SCALAR_FACETS, value.split("|"), strict=True))
        passes = {
            name: not selected[name] or combination[name] in selected[name]
            for name in SCALAR_FACETS
        }
        for name in SCALAR_FACETS:
            if all(passes[other] for other in SCALAR_FACETS if other != name):
                counts[name][combination[name]] += n
        if all(passes.values()):
            total += n

    vocabularies = filterset.vocabularies
    facets = {}
    for name in FACET_ORDER:
        facet = Facet(name, FACET_LABELS[name])
        if name in M2M_FACETS:
            terms = vocabularies.by_slug[name].values()
            facet.options = [
                FacetOption(
                    term.slug,
                    term.name,
                    counts[name][str(term.id)],
                    term.slug in selected[name],
                    group=term.country_name if name == "region" else "",
                )
                for term in terms
            ]
        elif name == "country":
            facet.options = [
                FacetOption(code, label, counts[name][code], code in selected[name])
                for code, label in vocabularies.countries
            ]
        else:
            facet.options = [
                FacetOption(str(value), str(label), counts[name][value], value in selected[name])
                for value, label in SCALAR_CHOICES[name]
            ]
        facets[name] = facet
    return Facets(facets, total)
