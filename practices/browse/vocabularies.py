"""What a practice can be filtered by: the terms of each vocabulary, and the facet registry.

`load_vocabularies()` reads every target group, theme, funding source and region in ONE query (a
UNION ALL); the filter form takes its choices from it. `FACETS` says, for each facet, what the
filters, the counting, the stored counts and the panel need to know: adding a facet is one entry
here, plus the migration that teaches the stored counts' triggers about it (see facet_counts).
"""

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regions.models import Region, country_name

from ..models import (
    FundingSource,
    Practice,
    TargetGroup,
    Theme,
    in_language,
    ongoing_condition,
)
from .cache import cached

ONGOING = "ongoing"
COMPLETED = "completed"
STATUS_CHOICES = [(ONGOING, _("Ongoing")), (COMPLETED, _("Completed"))]


def ongoing_expression(year=None):
    """'ongoing' or 'completed' for each practice, as SQL (the rule: models.ongoing_condition)."""
    return Case(
        When(ongoing_condition(year), then=Value(ONGOING)),
        default=Value(COMPLETED),
        output_field=CharField(),
    )


@functools.lru_cache(maxsize=4096)  # the same few hundred names, at every vocabulary load
def sort_key(text: str) -> str:
    """Alphabetical order that files “Åland” under A and “Île-de-France” under I."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The facet registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetSpec:
    """One facet: a repeated query parameter, a heading in the panel and a way of counting.

    A many-to-many facet names its relation table (`through`, `column` the term's id); a
    single-column facet its fixed `choices` (`field` the practice's column, none for the status,
    which is worked out from the end year). `stored`: one value of it can be a stored base of
    the facet counts (facet_counts.base_key). `panel`: its place in the filter panel; the
    registry's own order is the order of the parameters in addresses.
    """

    name: str
    label: str
    unknown: str  # the sentence for a value that is not one: "There is no theme “%(value)s”, ..."
    panel: int
    through: type | None = None
    column: str = ""
    field: str = ""
    choices: tuple = ()
    stored: bool = True
    chip: str | None = None  # the chip's label where shorter than the heading


FACETS = {
    spec.name: spec
    for spec in (
        FacetSpec(
            # Translators: the headings of the list's filters.
            "country", _("Country"),
            _("There is no country code “%(value)s”, so it was left out."), panel=3,
        ),
        FacetSpec(
            "region", _("Region"),
            _("There is no region “%(value)s”, so it was left out."), panel=4,
            through=Practice.regions.through, column="region_id",
        ),
        FacetSpec(
            "target_group", _("Target group"),
            _("There is no target group “%(value)s”, so it was left out."), panel=1,
            through=Practice.target_groups.through, column="targetgroup_id",
        ),
        FacetSpec(
            "theme", _("Theme"),
            _("There is no theme “%(value)s”, so it was left out."), panel=2,
            through=Practice.themes.through, column="theme_id",
        ),
        FacetSpec(
            "funding", _("Funding"),
            _("There is no funding source “%(value)s”, so it was left out."), panel=5,
            through=Practice.funding_sources.through, column="fundingsource_id",
        ),
        FacetSpec(
            "kind", _("Kind of practice"),
            _("There is no kind of practice “%(value)s”, so it was left out."), panel=6,
            field="kind", choices=tuple(Practice.Kind.choices),
            chip=pgettext_lazy("a filter's chip: the kind of practice", "Kind"),
        ),
        FacetSpec(
            "level", pgettext_lazy("a filter's heading: the level of implementation", "Level"),
            _("There is no level “%(value)s”, so it was left out."), panel=7,
            field="level", choices=tuple(Practice.Level.choices),
        ),
        FacetSpec(
            "evidence", pgettext_lazy("a filter's heading: the evidence level", "Evidence"),
            _("There is no evidence level “%(value)s”, so it was left out."), panel=8,
            field="evidence_level", choices=tuple(Practice.EvidenceLevel.choices),
        ),
        FacetSpec(
            "status", _("Ongoing or completed"),
            _("There is no status “%(value)s”, so it was left out."), panel=9,
            choices=tuple(STATUS_CHOICES), stored=False, chip="",
        ),
    )
}  # fmt: skip
FACET_ORDER = tuple(sorted(FACETS, key=lambda name: FACETS[name].panel))
FACET_LABELS = {name: spec.label for name, spec in FACETS.items()}
# The many-to-many facets: parameter name -> (through table, its column for the term's id).
M2M_FACETS = {name: (spec.through, spec.column) for name, spec in FACETS.items() if spec.through}
# The single-column facets, counted together in one GROUP BY over their combinations.
SCALAR_FACETS = tuple(name for name, spec in FACETS.items() if spec.choices)
# The filters whose single value can be a stored base of the facet counts.
STORED_FILTERS = tuple(name for name, spec in FACETS.items() if spec.stored)


# The vocabularies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str  # in the active language
    country: str = ""  # regions only: ISO 3166 code
    english: str = ""  # the English name (the one the search's documents hold)

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""


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
        return sorted(((c, country_name(c)) for c in codes), key=lambda c: sort_key(c[1]))

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


def load_vocabularies(version: int | None = None) -> Vocabularies:
    """All four vocabularies in one query, or none when `version` (the catalogue version, see
    cache.py) is given and they were read at that version before."""
    return cached(version, ("vocabularies",), _load_vocabularies)


def _load_vocabularies() -> Vocabularies:
    def terms(model, kind, country=None):
        # A plain QuerySet: modeltranslation's manager would reorder a values_list's columns.
        return (
            QuerySet(model)
            .order_by()
            .annotate(
                vocabulary=Value(kind, output_field=CharField()),
                label=F("name") if model is Region else in_language("name"),
                country_code=country if country is not None else Value("", CharField()),
            )
            .values_list("vocabulary", "id", "slug", "label", "country_code", "name")
        )

    rows = (
        terms(TargetGroup, "target_group")
        .union(
            terms(Theme, "theme"),
            terms(FundingSource, "funding"),
            terms(Region, "region", country=Cast("country", CharField())),
            all=True,
        )
        .order_by()
    )  # sorted below, by each language's own rules
    grouped = defaultdict(list)
    for vocabulary, pk, slug, name, country, english in rows:
        grouped[vocabulary].append(Term(pk, slug, name, country or "", english))
    # Country names looked up once per country, not once per region (django-countries is slow).
    country_keys = {
        code: sort_key(country_name(code)) for code in {t.country for t in grouped["region"]}
    }
    for vocabulary, items in grouped.items():
        if vocabulary == "region":
            items.sort(key=lambda t: (country_keys[t.country], sort_key(t.name)))
        else:
            items.sort(key=lambda t: sort_key(t.name))
    vocabularies = Vocabularies(
        target_groups=grouped["target_group"],
        themes=grouped["theme"],
        funding_sources=grouped["funding"],
        regions=grouped["region"],
    )
    # Worked out now, so that the cached copy carries them (the cache stores a pickle).
    vocabularies.countries, vocabularies.country_names, vocabularies.by_slug  # noqa: B018
    return vocabularies
