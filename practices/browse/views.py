import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

from regions.models import Organisation, Region

from ..json_rows import from_json_rows
from ..models import (
    ExternalIdentifier,
    FundingSource,
    Practice,
    PracticeReference,
    TargetGroup,
    Theme,
    with_published_practice_count,
)
from .cache import cached, catalogue_version
from .facets import (
    FACET_LABELS,
    compute_facets,
    facets_key,
    load_vocabularies,
    render_facet_panel,
    sort_key,
)
from .filters import SORT_CHOICES, PracticeFilter, shorten
from .selectors import filter_practices

LATEST_PRACTICES = 6


# Shorter than the facet headings where the value says enough ("Ongoing", "Kind: Project").
CHIP_LABELS = {"kind": "Kind", "status": ""}


@dataclass
class Chip:
    """An active filter, shown as a removable chip: `query` is the page without it."""

    label: str
    value: str
    query: str


def filter_chips(filterset: PracticeFilter, facets, hidden=()) -> list[Chip]:
    """One chip per active filter value, with the query string that removes just that value."""
    params = filterset.query_params(exclude=hidden)
    labels = {
        facet.name: {option.value: option.label for option in facet.options} for facet in facets
    }
    chips = []
    for name, values in params.lists():
        if name == "sort":
            continue
        for value in values:
            rest = params.copy()
            rest.setlist(name, [v for v in values if v != value])
            if name == "q":
                label, shown = "Search", f"“{shorten(value, 60)}”"
            elif name == "start_from":
                label, shown = "Started", f"in {value} or later"
            elif name == "start_to":
                label, shown = "Started", f"in {value} or earlier"
            elif name == "organisation":
                label, shown = "Organisation", filterset.organisation_names.get(value, value)
            else:
                label = CHIP_LABELS.get(name, FACET_LABELS[name])
                shown = labels[name].get(value, value)
            chips.append(Chip(label, shown, rest.urlencode()))
    return chips


# Built once per process, like PUBLISHED_FOR_DETAIL: resolving its three subqueries for each
# page took longer than running them.
PUBLISHED_FOR_LIST = Practice.objects.published().for_list()

# Ranking every match of a broad search reads all their vectors (half a second for 90,000
# matches): the first pages' ids in relevance order are remembered per catalogue version.
RANKED_IDS = 1000


class IdsFirst:
    """A filtered, ordered queryset of published practices that the paginator slices in two
    steps in one query: the page's ids first (an index-only scan however deep the page), then
    only those rows with what their cards show (`for_list`)."""

    ordered = True

    def __init__(self, queryset, ranked_ids=None):
        self.queryset = queryset
        # For a search by relevance: a function giving the first RANKED_IDS ids in order.
        self.ranked_ids = ranked_ids

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("IdsFirst is sliced by the paginator only")
        return LazyRows(lambda: self._rows(page))

    def _rows(self, page):
        # The rows are read by id from PUBLISHED_FOR_LIST, without the filters again: building
        # and compiling them a second time cost more than the database spent on the page.
        if self.ranked_ids and page.stop is not None and page.stop <= RANKED_IDS:
            ids = self.ranked_ids()[page]
            rows = {row.pk: row for row in PUBLISHED_FOR_LIST.filter(pk__in=ids)}
            return [rows[pk] for pk in ids if pk in rows]
        ids = self.queryset.values("pk")[page]
        if self.queryset.query.annotations:
            # Ordered by an annotation (a search's rank), which only the filtered query has.
            return list(self.queryset.filter(pk__in=ids).for_list())
        return list(PUBLISHED_FOR_LIST.filter(pk__in=ids).order_by(*self.queryset.query.order_by))


class LazyRows(Sequence):
    """A page's rows, read from the database only if the page is rendered (not when its HTML
    comes from the catalogue cache)."""

    def __init__(self, load):
        self._load = load

    @cached_property
    def _rows(self):
        return self._load()

    def __getitem__(self, index):
        return self._rows[index]

    def __len__(self):
        return len(self._rows)


def _page(paginator, raw):
    """The page asked for, or the nearest one that exists, with a sentence saying so."""
    if raw is None or raw.strip() == "":
        return paginator.page(1), ""
    raw = raw.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        return paginator.page(1), f"“{shorten(raw, 20)}” is not a page number: this is page 1."
    # Beyond 18 digits (int() refuses thousands): further than any last page, or before the first.
    number = int(raw) if len(raw) < 19 else (-1 if raw.startswith("-") else sys.maxsize)
    if number < 1:
        return paginator.page(1), f"There is no page {shorten(raw, 20)}: this is page 1."
    if number > paginator.num_pages:
        last = paginator.num_pages
        return (
            paginator.page(last),
            f"There are only {last} page{'s' if last != 1 else ''} of results: "
            f"this is the last one.",
        )
    return paginator.page(number), ""


def browse(request, *, fixed=None, hidden=(), vocabularies=None) -> dict:
    """The context of every list page: the practice list and the region, target-group and
    theme pages, which are the same list with one filter fixed by the address (`fixed`);
    `hidden` names facets that make no sense there (the country on a region's page).

    Queries, whatever the page size and the number of related rows: the catalogue version (one),
    then, unless the catalogue cache has them for this version (practices/cache.py), the
    vocabularies (one, unless given), the facet counts with the total (one; on PostgreSQL a
    search adds the planner's estimate of its matches, see facet_counts.plan), for a search by
    relevance the first pages' ranked ids (one), the page of practices with their regions,
    target groups and themes (one); plus one to check `organisation` slugs if there are any.
    The filter panel and the page's results are cached as HTML, so a page shown before at this
    version runs the version query alone.
    """
    fixed = fixed or {}
    params = request.GET.copy()
    for name, values in fixed.items():
        params.setlist(name, values)
    version = catalogue_version()
    if vocabularies is None:
        vocabularies = load_vocabularies(version)
    filterset = filter_practices(params, vocabularies=vocabularies)
    facets = compute_facets(filterset, version)

    ranked_ids = None
    if filterset.sort_order == "relevance":
        ranked_ids = partial(
            cached,
            version,
            ("ranked ids", facets_key(filterset)),
            lambda: filterset.ranked_ids(RANKED_IDS),
        )
    paginator = Paginator(IdsFirst(filterset.qs, ranked_ids), settings.PRACTICES_PAGE_SIZE)
    # The facet query already counted the results: spare the paginator its COUNT(*).
    paginator.count = facets.total
    page, page_notice = _page(paginator, request.GET.get("page"))

    notices = filterset.notices
    if page_notice:
        notices.append(page_notice)
    query = filterset.query_params(exclude=fixed)
    export_query = filterset.query_params()
    shown = facets.shown(hidden={*fixed, *hidden})
    panel_key = ("facet panel", facets_key(filterset), tuple(sorted({*fixed, *hidden})))
    page_range = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    results_key = (
        "results",
        facets_key(filterset),
        tuple(sorted(query.lists())),
        tuple(sorted(fixed)),
        page.number,
        paginator.per_page,
    )

    def render_results():
        # The page's rows are read here, and only here: LazyRows.
        return render_to_string(
            "includes/browse_results.html",
            {
                "practices": page.object_list,
                "page_obj": page,
                "page_range": page_range,
                "query": query,
            },
        )

    return {
        "filter": filterset,
        "facets": shown,
        "facet_panel": cached(version, panel_key, lambda: render_facet_panel(shown)),
        "results_html": cached(version, results_key, render_results) if facets.total else "",
        "total": facets.total,
        "page_obj": page,
        "practices": page.object_list,
        "page_range": page_range,
        "notices": notices,
        "chips": filter_chips(filterset, facets, hidden=fixed),
        "query": query,
        "export_query": export_query.urlencode(),
        **sort_options(filterset),
        "q": filterset.cleaned_data.get("q", ""),
        "start_from": filterset.cleaned_data.get("start_from") or "",
        "start_to": filterset.cleaned_data.get("start_to") or "",
    }


def sort_options(filterset) -> dict:
    """The sort menu: its first, empty choice is the default order (relevance when searching,
    else newest), so a new search is ranked by relevance unless another order was picked."""
    searching = bool(filterset.cleaned_data.get("q"))
    default = "relevance" if searching else "newest"
    labels = dict(SORT_CHOICES)
    choices = [("", labels[default])] + [
        (value, label)
        for value, label in SORT_CHOICES
        if value != default and (searching or value != "relevance")
    ]
    current = filterset.sort_order
    return {"sort_choices": choices, "sort_selected": "" if current == default else current}


def home(request):
    version = catalogue_version()
    vocabularies = load_vocabularies(version)
    facets = compute_facets(filter_practices({}, vocabularies=vocabularies), version)
    return render(
        request,
        "practices/home.html",
        {
            "practice_count": facets.total,
            "latest": PUBLISHED_FOR_LIST[:LATEST_PRACTICES],
            "target_groups": [o for o in facets["target_group"].options if o.count],
            "themes": [o for o in facets["theme"].options if o.count],
            "countries": [o for o in facets["country"].options if o.count],
            "region_count": sum(1 for o in facets["region"].options if o.count),
        },
    )


def practice_list(request):
    return render(request, "practices/practice_list.html", browse(request))


def practice_detail(request, slug):
    """A published practice. Its page body is cached under the catalogue version (see
    practices/cache.py): one query when it was shown before at this version."""
    page = cached(catalogue_version(), ("practice page", slug), lambda: _practice_page(slug))
    if page is None:
        raise Http404("No published practice has this address.")
    return render(request, "practices/practice_detail.html", page)


# Built once per process: resolving its subqueries took longer than running them.
PUBLISHED_FOR_DETAIL = Practice.objects.published().for_detail()


def _practice_page(slug) -> dict | None:
    """The title, summary and rendered body of a published practice's page; None if none."""
    try:
        practice = PUBLISHED_FOR_DETAIL.get(slug=slug)
    except Practice.DoesNotExist:
        return None
    body = render_to_string("practices/practice_body.html", practice_detail_context(practice))
    return {"title": practice.title, "summary": practice.summary, "body": body}


def practice_detail_context(practice: Practice) -> dict:
    """The context of a practice's page body, for a practice fetched with `for_detail()`; the
    admin's preview uses it too. Links go only to what the public can see."""
    adapted_from = from_json_rows(Practice, practice.adapted_from_json)
    return {
        "practice": practice,
        "regions": from_json_rows(Region, practice.regions_json),
        "partners": from_json_rows(Organisation, practice.partners_json),
        "target_groups": from_json_rows(TargetGroup, practice.target_groups_json),
        "themes": from_json_rows(Theme, practice.themes_json),
        "funding_sources": from_json_rows(FundingSource, practice.funding_sources_json),
        "references": from_json_rows(PracticeReference, practice.references_json),
        "identifiers": from_json_rows(ExternalIdentifier, practice.identifiers_json),
        "adapted_from": adapted_from[0] if adapted_from else None,
        "adaptations": from_json_rows(Practice, practice.adaptations_json),
        "related": from_json_rows(Practice, practice.related_json),
    }


def target_group_detail(request, slug):
    return _vocabulary_page(request, TargetGroup, "target_group", slug)


def theme_detail(request, slug):
    return _vocabulary_page(request, Theme, "theme", slug)


def _vocabulary_page(request, model, param, slug):
    term = get_object_or_404(model, slug=slug)
    context = browse(request, fixed={param: [slug]})
    context.update({"term": term, "term_kind": FACET_LABELS[param]})
    return render(request, "practices/vocabulary_detail.html", context)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)


def region_list(request):
    """Every region with its number of published practices, grouped by country (two queries)."""
    regions = with_published_practice_count(Region.objects.order_by())
    regions = sorted(regions, key=lambda r: (sort_key(r.country.name), sort_key(r.name)))
    # Per country, a practice running in two of its regions counts once.
    per_country = dict(
        Practice.regions.through.objects.filter(practice__status=Practice.Status.PUBLISHED)
        .values("region__country")
        .annotate(n=Count("practice_id", distinct=True))
        .values_list("region__country", "n")
        .order_by()
    )
    countries = [
        {
            "code": code,
            "name": members[0].country.name,
            "regions": members,
            "practice_count": per_country.get(code, 0),
        }
        for code, members in (
            (code, list(group)) for code, group in groupby(regions, key=lambda r: r.country.code)
        )
    ]
    return render(request, "regions/region_list.html", {"countries": countries})


def region_detail(request, slug):
    """The practice list filtered by this region, with the region's organisations."""
    region = get_object_or_404(Region, slug=slug)
    context = browse(request, fixed={"region": [region.slug]}, hidden=["country"])
    context.update({"region": region, "organisations": region.organisations.order_by("name")})
    return render(request, "regions/region_detail.html", context)
