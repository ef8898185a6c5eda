"""The choices the practice filters offer, and how many practices each choice would give.

Both are designed for a fixed, small number of queries whatever the size of the catalogue:

- `load_vocabularies()` reads every target group, theme, funding source and region in ONE query
  (a UNION ALL). It is the only place the filter form gets its choices from, so caching it later
  is a one-line change.
- `compute_facets(filterset)` counts every option of every facet in ONE query (a UNION ALL with a
  branch per many-to-many facet and one for the four single-column facets, over common table
  expressions that evaluate the filters once), and derives the total number of results from
  it, so the list page needs no separate COUNT(*).
"""

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from html import escape  # as django.utils.html.escape, without its lazy-string checks
from itertools import groupby

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

from regions.models import Region

from ..models import FundingSource, Practice, TargetGroup, Theme
from . import facet_counts
from .cache import cached

ONGOING = "ongoing"
COMPLETED = "completed"
STATUS_CHOICES = [(ONGOING, "Ongoing"), (COMPLETED, "Completed")]


@functools.lru_cache(maxsize=4096)  # the same few hundred names, at every vocabulary load
def sort_key(text: str) -> str:
    """Alphabetical order that files “Åland” under A and “Île-de-France” under I."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country_name(code: str) -> str:
    """The name of an ISO 3166 code in the active language, remembered: django-countries takes
    about 10 µs a lookup, and a vocabulary load looks up every country twice."""
    return _country_name(code, get_language())


@functools.lru_cache(maxsize=1024)
def _country_name(code, language):  # the language is part of the key: names are translated
    return str(countries.name(code))


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str
    country: str = ""  # regions only: ISO 3166 code

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
    practices/cache.py) is given and they were read at that version before."""
    return cached(version, ("vocabularies",), _load_vocabularies)


def _load_vocabularies() -> Vocabularies:

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


def facet_count_rows(
    filterset,
    live=FACET_ORDER,
    *,
    count_total=True,
    stored_bases=(),
    member_sets=None,
) -> list[tuple[str, str, int]]:
    """(facet, value, count) rows for the facets in `live`, counted now, the stored counts of
    `stored_bases` (see practices/facet_counts.py) as ("base|facet", value, count) rows, and the
    member rows of each of `member_sets` ({label: queryset of practice ids}) in the same form as
    ("label|facet", value, count): in ONE statement.

    Each facet counts the practices passing every active filter but its own. The distinct sets of
    practices this needs (the "bases": one for all the filters, plus one per active facet, which
    leaves out its own filter) are computed once each, as common table expressions, and shared
    by the branches that count from them: a search or an EXISTS filter is evaluated once per base,
    not once per facet. A many-to-many facet counts its through table's rows for the practices of
    its base; the country facet counts distinct practices (two regions of one country count once);
    the four single-column facets (kind, level, evidence, ongoing or completed) count the
    practices per combination of their four values (at most a few hundred rows), summed up in
    Python by `compute_facets`, which also derives the total from them (`count_total`).
    """
    # Only names from the code and the models are put into the SQL text; every value a visitor
    # gave is a parameter of the ORM-built base queries.
    qn = connection.ops.quote_name
    bases = {}  # the active filters a base leaves out -> (name, SQL, params)

    def base(*leaving_out):
        names = frozenset(name for name in leaving_out if filterset.is_active(name))
        if names not in bases:
            queryset = filterset.queryset_without(*names).annotate(ongoing=ongoing_expression())
            columns = queryset.values_list("pk", "kind", "level", "evidence_level", "ongoing")
            try:
                sql, params = columns.query.sql_with_params()
            except EmptyResultSet:
                sql, params = "SELECT 0, '', '', '', '' WHERE 1 = 0", ()
            bases[names] = (f"facet_base_{len(bases)}", sql, params)
        return bases[names][0]

    branches = []
    for name, (through, column) in M2M_FACETS.items():
        if name not in live:
            continue
        table = qn(through._meta.db_table)
        branches.append(
            f"SELECT '{name}', CAST(t.{qn(column)} AS TEXT), COUNT(*) "  # noqa: S608
            f"FROM {table} t JOIN {base(name)} b ON b.id = t.practice_id "
            f"GROUP BY t.{qn(column)}"
        )
    if "country" in live:
        regions_through = qn(Practice.regions.through._meta.db_table)
        branches.append(
            "SELECT 'country', r.country, COUNT(DISTINCT t.practice_id) "  # noqa: S608
            f"FROM {regions_through} t JOIN {base('country')} b ON b.id = t.practice_id "
            f"JOIN {qn(Region._meta.db_table)} r ON r.id = t.region_id GROUP BY r.country"
        )
    if count_total or any(name in live for name in SCALAR_FACETS):
        # Leaving out only the live facets' own filters: a stored facet's filter (kind, when
        # its counts come from the table) still narrows the practices counted here.
        scalar = base(*(name for name in SCALAR_FACETS if name in live))
        branches.append(
            "SELECT 'scalar', "  # noqa: S608
            "kind || '|' || level || '|' || evidence || '|' || ongoing, "
            f"COUNT(*) FROM {scalar} GROUP BY kind, level, evidence, ongoing"
        )
    params = []
    ctes = []
    for name, sql, base_params in bases.values():
        ctes.append(f"{name} (id, kind, level, evidence, ongoing) AS ({sql})")
        params.extend(base_params)
    if stored_bases:
        stored_sql, stored_params = facet_counts.branch_sql(stored_bases)
        branches.append(stored_sql)
        params.extend(stored_params)
    for label, practices in (member_sets or {}).items():
        member_sql, member_params = facet_counts.member_branch_sql(label, practices)
        branches.append(member_sql)
        params.extend(member_params)
    if not branches:
        return []
    statement = ("WITH " + ", ".join(ctes) + " " if ctes else "") + " UNION ALL ".join(branches)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


# Labels of member-row sets (facet_counts.member_branch_sql): a search's matches, and the key
# under which a total by complement finds its set of unmatched practices.
MATCHES = "@"
TOTAL = "total"


def facets_key(filterset) -> tuple:
    """What the facet counts depend on: the cleaned filters, whatever their order in the URL."""
    params = filterset.query_params(exclude=("sort",))
    return tuple(sorted((name, tuple(values)) for name, values in params.lists()))


def compute_facets(filterset, version: int | None = None) -> Facets:
    """How many practices each option of each facet would give, given the OTHER active filters,
    and the total number of results: one query (see `facet_count_rows`), or none when `version`
    (the catalogue version, see practices/cache.py) is given and the same filters were counted
    at that version before. Give `version` only for a filterset over all published practices."""
    return cached(version, ("facets", facets_key(filterset)), lambda: _compute_facets(filterset))


def _compute_facets(filterset) -> Facets:
    selected = filterset.selected_values()
    # Which facets the stored counts answer (practices/facet_counts.py), and how.
    plan = facet_counts.plan(filterset, FACET_ORDER)
    live = [
        name
        for name in FACET_ORDER
        if name not in plan.stored and name not in plan.complement and not plan.from_matches
    ]
    wanted = {*plan.stored.values(), *plan.complement.values()}
    if plan.total is not None:
        wanted.update((plan.total[0], ""))  # base X's size: X's count over the whole catalogue
    # The practices whose member rows are counted, by label: the search's matches, or for each
    # complement facet (and a total by complement) the practices of its base it does not match.
    member_sets, unmatched_label = {}, {}
    if plan.from_matches:
        member_sets[MATCHES] = filterset.search_rows().values("practice_id")
    complement = dict.fromkeys(plan.complement)
    if plan.total is not None and plan.total[1]:
        complement[TOTAL] = None
    for name in complement:
        leaving_out = [name] if filterset.is_active(name) else []
        label = "~" + "".join(leaving_out)  # "~", or "~theme": a filter's name, no quotes
        if label not in member_sets:
            member_sets[label] = filterset.not_matching(*leaving_out)
        unmatched_label[name] = label
    rows = facet_count_rows(
        filterset,
        live,
        count_total=plan.total is None and not plan.from_matches,
        stored_bases=wanted,
        member_sets=member_sets,
    )

    counts = defaultdict(lambda: defaultdict(int))  # counted live
    stored = defaultdict(lambda: defaultdict(dict))  # base or member label -> facet -> value -> n
    total = 0
    for facet, value, n in rows:
        if "|" in facet:
            base, _, facet = facet.partition("|")
            stored[base][facet][value] = n
            continue
        if facet != "scalar":
            counts[facet][value] += n
            continue
        combination = list(zip(SCALAR_FACETS, value.split("|"), strict=True))
        failing = [
            (name, option)
            for name, option in combination
            if selected[name] and option not in selected[name]
        ]
        # A facet counts the practices that pass every filter but its own.
        if not failing:
            for name, option in combination:
                counts[name][option] += n
            total += n
        elif len(failing) == 1:
            name, option = failing[0]
            counts[name][option] += n

    year = timezone.localdate().year

    def stored_counts(key, name):
        if name != "status":
            return defaultdict(int, stored[key][name])
        by_status = defaultdict(int)
        for end_year, n in stored[key]["end_year"].items():
            by_status[ONGOING if not end_year or int(end_year) >= year else COMPLETED] += n
        return by_status

    def stored_total(key):
        facet, equals, value = key.partition("=")
        if not equals:  # the catalogue (''), or a set of member rows
            return sum(stored[key]["kind"].values())  # every practice is of exactly one kind
        return stored[""][facet].get(value, 0)

    for name, key in plan.stored.items():
        counts[name] = stored_counts(key, name)
    for name, key in plan.complement.items():
        counts[name] = stored_counts(key, name)
        for value, n in stored_counts(unmatched_label[name], name).items():
            counts[name][value] -= n
    if plan.total is not None:
        key, by_complement = plan.total
        total = stored_total(key)
        if by_complement:
            total -= stored_total(unmatched_label[TOTAL])
    if plan.from_matches:
        for name in FACET_ORDER:
            counts[name] = stored_counts(MATCHES, name)
        total = stored_total(MATCHES)

    vocabularies = filterset.vocabularies
    country_names = vocabularies.country_names
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
                    group=country_names.get(term.country, "") if name == "region" else "",
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


def _option_html(name: str, option: FacetOption) -> str:
    value = escape(option.value)
    element_id = f"f-{escape(name)}-{value}"
    empty = " is-empty" if option.disabled else ""
    checked = " checked" if option.selected else ""
    disabled = " disabled" if option.disabled else ""
    plural = "" if option.count == 1 else "s"
    return (
        f'<li class="facet__option{empty}"><input type="checkbox" id="{element_id}" '
        f'name="{escape(name)}" value="{value}" form="practice-filters"{checked}{disabled}>'
        f'<label for="{element_id}">{escape(option.label)} <span class="count">{option.count}'
        f'<span class="visually-hidden"> practice{plural}</span></span></label></li>'
    )


def _options_html(name: str, options) -> str:
    items = "\n".join(_option_html(name, option) for option in options)
    return f'<ul class="facet__options">\n{items}\n</ul>'


def render_facet_panel(facets) -> str:
    """The filter panel's facets as HTML: a <details> per facet, a checkbox per option, regions
    grouped by country. Built here rather than by a template loop: a region facet alone has
    hundreds of options, and a template costs tens of milliseconds for them."""
    parts = []
    for facet in facets:
        chosen = facet.selected_count
        label = escape(facet.label)
        if facet.name == "region":
            groups = []
            for country, options in groupby(facet.options, key=lambda o: o.group):
                groups.append(
                    f'<fieldset class="facet__group">\n<legend>{escape(country)}</legend>\n'
                    f"{_options_html(facet.name, options)}\n</fieldset>"
                )
            body = "\n".join(groups)
        else:
            body = _options_html(facet.name, facet.options)
        badge = f' <span class="facet__chosen">{chosen} chosen</span>' if chosen else ""
        parts.append(
            f'<details class="facet"{" open" if chosen else ""}>\n'
            f"<summary>{label}{badge}</summary>\n"
            f'<fieldset class="facet__body">\n'
            f'<legend class="visually-hidden">{label}</legend>\n{body}\n</fieldset>\n</details>'
        )
    return mark_safe("\n".join(parts))  # noqa: S308 - every value above is escaped
