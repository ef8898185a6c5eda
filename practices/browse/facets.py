"""How many practices each option of each facet would give, and the total: `compute_facets`.

One query whatever the size of the catalogue: a UNION ALL with a branch per many-to-many facet,
one for the country, one for the four single-column facets, and the branches of the stored
counts the planner (facet_counts.plan) chose, over common table expressions that evaluate the
filters once each. The total comes from the same rows, so the list needs no COUNT(*).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection

from regions.models import Region

from ..models import Practice, is_ongoing, this_year
from . import facet_counts
from .cache import cached
from .vocabularies import (
    COMPLETED,
    FACET_LABELS,
    FACET_ORDER,
    FACETS,
    M2M_FACETS,
    ONGOING,
    SCALAR_FACETS,
    ongoing_expression,
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


def compute_facets(selection, version: int | None = None) -> Facets:
    """The facets of a `filters.Selection`: each facet counts the practices passing every active
    filter but its own. One query, or none when `version` (the catalogue version, see cache.py)
    is given and the same filters were counted at that version before. Give `version` only for
    a selection over all published practices."""
    return cached(version, ("facets", selection.key), lambda: _compute_facets(selection))


# Labels of member-row sets (facet_counts.member_branch_sql): a search's matches, and the key
# under which a total by complement finds its set of unmatched practices.
MATCHES = "@"
TOTAL = "total"


def _compute_facets(selection) -> Facets:
    plan = facet_counts.plan(selection, FACET_ORDER)
    live = [
        name
        for name in FACET_ORDER
        if name not in plan.stored and name not in plan.complement and not plan.from_matches
    ]
    member_sets, unmatched_label = _member_sets(selection, plan)
    stored_bases = {*plan.stored.values(), *plan.complement.values()}
    if plan.total is not None:
        stored_bases.update((plan.total[0], ""))  # base X's size: X's count over the catalogue
    rows = facet_count_rows(
        selection,
        live,
        count_total=plan.total is None and not plan.from_matches,
        stored_bases=stored_bases,
        member_sets=member_sets,
    )
    counts, stored, total = _tally(rows, selection.selected)
    total = _apply_plan(plan, counts, stored, unmatched_label, total)
    return Facets(_assemble(counts, selection), total)


def _member_sets(selection, plan):
    """The practices whose member rows are counted, by label: a narrow search's matches, or for
    each complement facet (and a total by complement) the practices of its base that the
    search does not match; and which label each complement facet reads."""
    member_sets, unmatched_label = {}, {}
    if plan.from_matches:
        member_sets[MATCHES] = facet_counts.matches(selection)
    complement = dict.fromkeys(plan.complement)
    if plan.total is not None and plan.total[1]:
        complement[TOTAL] = None
    for name in complement:
        leaving_out = [name] if selection.is_active(name) else []
        label = "~" + "".join(leaving_out)  # "~", or "~theme": a filter's name, no quotes
        if label not in member_sets:
            member_sets[label] = facet_counts.not_matching(selection, *leaving_out)
        unmatched_label[name] = label
    return member_sets, unmatched_label


def _tally(rows, selected):
    """The rows of `facet_count_rows` as live counts (facet -> value -> n), stored counts (base
    or member label -> facet -> value -> n), and the total counted live."""
    counts = defaultdict(lambda: defaultdict(int))
    stored = defaultdict(lambda: defaultdict(dict))
    total = 0
    for facet, value, n in rows:
        if "|" in facet:
            base, _, facet = facet.partition("|")
            stored[base][facet][value] = n
        elif facet != "scalar":
            counts[facet][value] += n
        else:
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
    return counts, stored, total


def _apply_plan(plan, counts, stored, unmatched_label, total) -> int:
    """Fill `counts` from the stored rows the plan chose; return the total it gives."""
    year = this_year()

    def stored_counts(key, name):
        if name != "status":
            return defaultdict(int, stored[key][name])
        by_status = defaultdict(int)
        for end_year, n in stored[key]["end_year"].items():
            ongoing = is_ongoing(int(end_year) if end_year else None, year)
            by_status[ONGOING if ongoing else COMPLETED] += n
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
    return total


def _assemble(counts, selection) -> dict[str, Facet]:
    """Every option of every facet in the panel's order, with its count and whether it is
    chosen."""
    vocabularies, selected = selection.vocabularies, selection.selected
    country_names = vocabularies.country_names
    facets = {}
    for name in FACET_ORDER:
        facet = Facet(name, str(FACET_LABELS[name]))  # in the language of the cache's key
        if name in M2M_FACETS:
            facet.options = [
                FacetOption(
                    term.slug,
                    term.name,
                    counts[name][str(term.id)],
                    term.slug in selected[name],
                    group=country_names.get(term.country, "") if name == "region" else "",
                )
                for term in vocabularies.by_slug[name].values()
            ]
        elif name == "country":
            facet.options = [
                FacetOption(code, label, counts[name][code], code in selected[name])
                for code, label in vocabularies.countries
            ]
        else:
            facet.options = [
                FacetOption(str(value), str(label), counts[name][value], value in selected[name])
                for value, label in FACETS[name].choices
            ]
        facets[name] = facet
    return facets


def facet_count_rows(
    selection,
    live=FACET_ORDER,
    *,
    count_total=True,
    stored_bases=(),
    member_sets=None,
) -> list[tuple[str, str, int]]:
    """(facet, value, count) rows for the facets in `live`, counted now, the stored counts of
    `stored_bases` (facet_counts.py) as ("base|facet", value, count) rows, and the member rows
    of each of `member_sets` ({label: queryset of practice ids}) as ("label|facet", value,
    count): in ONE statement.

    The distinct sets of practices this needs (the "bases": one for all the filters, plus one
    per active facet, which leaves out its own filter) are common table expressions, shared by
    the branches that count from them: a search or an EXISTS filter is evaluated once per base,
    not once per facet. A many-to-many facet counts its through table's rows for the practices
    of its base; the country facet counts distinct practices (two regions of one country count
    once); the four single-column facets count the practices per combination of their values
    (a few hundred rows at most), summed up by `_tally`, which also derives the total.
    """
    # Only names from the code and the models are put into the SQL text; every value a visitor
    # gave is a parameter of the ORM-built base queries.
    qn = connection.ops.quote_name
    bases = {}  # the active filters a base leaves out -> (name, SQL, params)

    def base(*leaving_out):
        names = frozenset(name for name in leaving_out if selection.is_active(name))
        if names not in bases:
            queryset = selection.without(*names).annotate(ongoing=ongoing_expression())
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
