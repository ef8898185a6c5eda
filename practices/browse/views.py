"""The public pages. A list page reads top to bottom: parse the query string (filters), the rows
(selectors, pagination), the facet counts (facets), then render (panel, templates); the region,
target-group and theme pages are the same list with one filter fixed by the address."""

import functools
from itertools import groupby
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override
from django.views.decorators.csrf import requires_csrf_token

from regions.maps import SPRITE
from regions.models import Organisation, Region

from ..exchange import csv_format as fmt
from ..exchange.filenames import export_filename
from ..exchange.linked_data import absolute, practice_json_ld, script_text
from ..health import outage_response
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
from .facets import compute_facets
from .overview import PICTURES, build_overview, europe_view, locator_view, rows_of
from .pagination import list_paginator, page_for
from .panel import filter_chips, list_description, render_facet_panel, sort_options
from .search import search_condition
from .selectors import filter_practices, on_site_for_detail, published_for_list
from .suggestions import FEW_RESULTS, did_you_mean, removal_hints
from .vocabularies import FACET_LABELS, load_vocabularies, sort_key

LATEST_PRACTICES = 6


def browse(request, *, fixed=None, hidden=(), vocabularies=None) -> dict:
    """The context of every list page; `fixed` filters come from the address (a region's page),
    `hidden` names facets that make no sense there (the country on a region's page).

    Queries, whatever the page size: the catalogue version (one), then, unless the catalogue
    cache has them for this version (cache.py), the vocabularies (one, unless given), the facet
    counts with the total (one; on PostgreSQL a search adds the planner's estimate of its
    matches, see facet_counts.plan), for a search by relevance the first pages' ranked ids
    (one), the page of practices (one); plus one to check `organisation` slugs if any. The
    filter panel and the results are cached as HTML, so a page shown before at this version
    runs the version query alone.
    """
    fixed = fixed or {}
    version = catalogue_version()

    # Parse: the query string, with the address's fixed filters, as a filterset.
    params = request.GET.copy()
    for name, values in fixed.items():
        params.setlist(name, values)
    filterset = filter_practices(params, vocabularies=vocabularies or load_vocabularies(version))
    selection = filterset.selection

    # Rows: read only when the results are rendered (pagination.LazyRows).
    paginator = list_paginator(filterset, version, settings.PRACTICES_PAGE_SIZE)

    # Facets: their counts give the total, which spares the paginator its COUNT(*).
    facets = compute_facets(selection, version)
    paginator.count = facets.total
    page, page_notice = page_for(paginator, request.GET.get("page"))

    # Render, with help for a search that found little and for filters that found nothing.
    context = _rendered(filterset, facets, page, version, fixed=fixed, hidden=hidden)
    return {
        **context,
        **_help(filterset, facets.total, version, context["chips"], fixed=fixed),
        "notices": [*filterset.notices, *([page_notice] if page_notice else [])],
    }


def _help(filterset, total, version, chips, *, fixed) -> dict:
    """ "Did you mean …?" for a search that found little, and for an empty result the filters
    whose removal alone would give results; remembered per catalogue version."""
    selection = filterset.selection
    text = selection.search

    def count(corrected):
        return selection.without("q").filter(search_condition(corrected)).count()

    def compute():
        suggestion = did_you_mean(text, total, version, count) if text else None
        query = filterset.query_params(exclude=fixed)
        if suggestion:
            query["q"] = suggestion
        return {
            "suggestion": suggestion,
            "suggestion_query": query.urlencode() if suggestion else "",
            "removal_hints": removal_hints(filterset, chips, fixed=fixed) if not total else [],
        }

    if total > FEW_RESULTS:
        return {}
    return cached(version, ("search help", selection.key, tuple(sorted(fixed))), compute)


def _rendered(filterset, facets, page, version, *, fixed, hidden) -> dict:
    """The list page's context: the panel and the results as cached HTML, the chips, links."""
    selection = filterset.selection
    query = filterset.query_params(exclude=fixed)
    shown = facets.shown(hidden={*fixed, *hidden})
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    chips = filter_chips(filterset, facets, hidden=fixed)
    panel_key = ("facet panel", selection.key, tuple(sorted({*fixed, *hidden})))
    results_key = (
        *("results", selection.key, tuple(sorted(query.lists())), tuple(sorted(fixed))),
        *(page.number, page.paginator.per_page),
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
        "chips": chips,
        "active_filter_count": sum(1 for chip in chips if chip.name != "q"),
        "query": query,
        "export_query": filterset.query_params().urlencode(),
        "overview_url": _with_query(
            reverse("practices:overview"), filterset.query_params(exclude=("sort",))
        ),
        "feed_url": _with_query(
            reverse("practices:feed"), filterset.query_params(exclude=("sort",))
        ),
        **sort_options(filterset),
        "q": filterset.cleaned_data.get("q", ""),
        "start_from": filterset.cleaned_data.get("start_from") or "",
        "start_to": filterset.cleaned_data.get("start_to") or "",
    }


def _with_query(path: str, query) -> str:
    text = query.urlencode()
    return f"{path}?{text}" if text else path


def home(request):
    version = catalogue_version()
    vocabularies = load_vocabularies(version)
    selection = filter_practices({}, vocabularies=vocabularies).selection
    facets = compute_facets(selection, version)

    def render_map():
        view = europe_view(facets, QueryDict(), version, gettext("Where the practices are"))
        return render_to_string(
            "overview/map.svg",
            {
                "view": view,
                "id": "home-map",
                "sprite": static(SPRITE),
                "list_url": reverse("practices:list"),
            },
        )

    return render(
        request,
        "practices/home.html",
        {
            "practice_count": facets.total,
            "latest": published_for_list()[:LATEST_PRACTICES],
            "target_groups": [o for o in facets["target_group"].options if o.count],
            "themes": [o for o in facets["theme"].options if o.count],
            "countries": [o for o in facets["country"].options if o.count],
            "region_count": sum(1 for o in facets["region"].options if o.count),
            "map_html": mark_safe(cached(version, ("home map",), render_map)),  # noqa: S308
        },
    )


def clean_address(view):
    """Addresses carry only the parameters in use: the form, without JavaScript, sends its empty
    fields too (`?q=&country=ES&start_from=`), so such an address redirects to `?country=ES`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        pairs = [(name, value) for name, values in request.GET.lists() for value in values]
        used = [(name, value) for name, value in pairs if value.strip()]
        if len(used) < len(pairs):
            query = urlencode(used)
            return redirect(f"{request.path}?{query}" if query else request.path)
        return view(request, *args, **kwargs)

    return wrapper


@clean_address
def practice_list(request):
    return render(request, "practices/practice_list.html", browse(request))


def practice_detail(request, slug):
    """A published practice; an archived one that was published answers 410 Gone with links to
    related practices. Its page body is cached under the catalogue version (see
    practices/browse/cache.py): one query when it was shown before at this version."""
    page = cached(catalogue_version(), ("practice page", slug), lambda: _practice_page(slug))
    if page is None:
        raise Http404("No published practice has this address.")
    if page.get("archived"):
        response = render(request, "410.html", page, status=410)
        # Browsers keep a 410 without asking again (it is cacheable by default): the practice
        # may be published again tomorrow.
        patch_cache_control(response, no_cache=True, max_age=0)
        return response
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "practices/practice_detail.html",
        {
            **page,
            "canonical_url": base + page["path"],
            "json_ld": mark_safe(script_text(absolute(page["json_ld"], base))),  # noqa: S308 - escaped
        },
    )


def _practice_page(slug) -> dict | None:
    """The title, summary and rendered body of a practice's page, `archived` for one that was
    archived (selectors.ON_SITE); None if the address has no page."""
    try:
        practice = on_site_for_detail().get(slug=slug)
    except Practice.DoesNotExist:
        return None
    context = practice_detail_context(practice)
    if practice.status == Practice.Status.ARCHIVED:
        body = render_to_string("practices/practice_archived.html", context)
        return {"title": practice.title, "summary": "", "body": body, "archived": True}
    body = render_to_string("practices/practice_body.html", context)
    return {
        "title": practice.title,
        "summary": practice.summary,
        "body": body,
        "path": practice.get_absolute_url(),
        "json_ld": practice_json_ld(context),
    }


def practice_detail_context(practice: Practice) -> dict:
    """The context of a practice's page body, for a practice fetched with `for_detail()`; the
    admin's preview uses it too. Links go only to what the public can see."""
    adapted_from = from_json_rows(Practice, practice.adapted_from_json)
    regions = from_json_rows(Region, practice.regions_json)
    return {
        "practice": practice,
        "regions": regions,
        "locator": locator_view(regions),
        "sprite": static(SPRITE),
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


@clean_address
def target_group_detail(request, slug):
    return _vocabulary_page(request, TargetGroup, "target_group", slug)


@clean_address
def theme_detail(request, slug):
    return _vocabulary_page(request, Theme, "theme", slug)


def _vocabulary_page(request, model, param, slug):
    term = get_object_or_404(model, slug=slug)
    context = browse(request, fixed={param: [slug]})
    context.update({"term": term, "term_kind": FACET_LABELS[param]})
    return render(request, "practices/vocabulary_detail.html", context)


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the pages link: the static icon, whose
    address has its content's hash in production (so the redirect itself is not kept long)."""
    response = redirect(static("icons/favicon.ico"))
    patch_cache_control(response, max_age=86400, public=True)
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """500, or 503 while the database does not answer (practices/health.py)."""
    return outage_response(request) or render(request, "500.html", status=500)


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


@clean_address
def region_detail(request, slug):
    """The practice list filtered by this region, with the region's organisations."""
    region = get_object_or_404(Region, slug=slug)
    context = browse(request, fixed={"region": [region.slug]}, hidden=["country"])
    context.update({"region": region, "organisations": region.organisations.order_by("name")})
    return render(request, "regions/region_detail.html", context)


# The overview of a list (overview.py): its own page, with the list's filters in its address.


def _list_filters(request):
    """The catalogue version and the filterset of the list with this query string."""
    version = catalogue_version()
    return version, filter_practices(request.GET, vocabularies=load_vocabularies(version))


def _overview(filterset, version):
    """The list's overview, from its facet counts as the list page reads them."""
    facets = compute_facets(filterset.selection, version)
    list_params = filterset.query_params(exclude=("sort",))
    return build_overview(facets, filterset.selection, list_params, version)


@clean_address
def overview(request):
    """The map and the charts of the list with this query string. The pictures are kept as
    HTML per catalogue version, as the list's results are."""
    version, filterset = _list_filters(request)
    list_query = filterset.query_params(exclude=("sort",)).urlencode()

    def pictures():
        data = _overview(filterset, version)
        return {
            "total": data.total,
            "html": render_to_string(
                "overview/pictures.html",
                {
                    "overview": data,
                    "tables": {name: rows_of(data, name) for name in PICTURES},
                    "list_url": reverse("practices:list"),
                    "list_query": list_query,
                    "sprite": static(SPRITE),
                },
            ),
        }

    rendered = cached(version, ("overview", filterset.selection.key), pictures)
    return render(
        request,
        "practices/overview.html",
        {
            "total": rendered["total"],
            "pictures_html": rendered["html"],
            "list_query": list_query,
            "described": list_description(filterset),
            "notices": filterset.notices,
        },
    )


def overview_picture(request, name, extension):
    """One picture of the overview as a standalone SVG file, or its numbers as CSV."""
    if name not in PICTURES or extension not in ("svg", "csv"):
        raise Http404("The overview has no such picture.")
    if extension == "csv":
        # A CSV file is the same in every language, as the export is: English headers and names
        # (the vocabularies read in English too, as the cache keys of the language expect).
        with override(settings.LANGUAGE_CODE):
            version, filterset = _list_filters(request)
            header, rows = rows_of(_overview(filterset, version), name)
        body = "\ufeff" + fmt.line(header) + "".join(fmt.line(map(str, row)) for row in rows)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        version, filterset = _list_filters(request)
        template, context = picture_template(_overview(filterset, version), name)
        body = render_to_string(
            template,
            {
                **context,
                "id": name,
                "standalone": True,
                "list_url": request.build_absolute_uri(reverse("practices:list")),
            },
        )
        response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    filename = export_filename(filterset.cleaned_data, extension=extension, what=name)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def picture_template(data, name) -> tuple[str, dict]:
    if name == "map":
        return "overview/map.svg", {"view": data.map}
    if name == "timeline":
        return "overview/timeline.svg", {"timeline": data.timeline}
    return "overview/bars.svg", {"chart": next(c for c in data.charts if c.name == name)}
