"""The overview of a list: where its practices are (a map of Europe) and what they are (charts),
for exactly the practices the list holds.

Every number comes from the list's own facet counts (facets.compute_facets, the one counting
mechanism), except the timeline of start years, which is one more aggregate over the list's
practices. A facet with chosen values shows those values only: their counts are the practices
of the list that have them. A facet with none shows every value the list's practices have.

The pictures are SVG drawn by templates (templates/overview/): plain markup, no script and no
style attribute, so they work without JavaScript under the Content-Security-Policy, and the
same template writes the picture on the page and the file to download.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from regions.maps import europe
from regions.models import Region, country_name

from ..database import is_postgresql
from ..models import is_ongoing, ongoing_condition, this_year
from .cache import cached

# The charts, in the order of the page: (facet, address name, title).
CHARTS = (
    ("target_group", "target-groups", _("Practices by target group")),
    ("theme", "themes", _("Practices by theme")),
    ("kind", "kinds", _("Practices by kind")),
    ("evidence", "evidence", _("Practices by evidence of results")),
    ("funding", "funding", _("Practices by funding source")),
)
PICTURES = ("map", *(name for _facet, name, _title in CHARTS), "timeline")
# The heading of the column of a chart's values in its table, by facet.
CHART_COLUMNS = {
    "target_group": _("Target group"),
    "theme": _("Theme"),
    "kind": _("Kind"),
    "evidence": _("Evidence of results"),
    "funding": _("Funding source"),
}

# ColorBrewer's sequential "Blues" (colour-blind safe, and readable in greyscale), lightest first;
# the text on each step, black or white, keeps a contrast of at least 4.5:1.
STEPS = ("#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08306b")
STEP_TEXT = ("#000000", "#000000", "#000000", "#ffffff", "#ffffff")
LAND = "#e7e7e7"
SEA = "#f7fbff"


@dataclass
class Bar:
    value: str
    label: str
    count: int
    y: float = 0
    width: float = 0

    @property
    def count_x(self) -> float:
        return round(self.width + 6, 1)


@dataclass
class Chart:
    name: str  # its address: /practices/overview/<name>.svg
    title: str
    bars: list[Bar]
    facet: str
    height: float = 0

    @property
    def description(self) -> str:
        if not self.bars:
            return gettext("No practices in this list.")
        return "; ".join(counted(bar.label, bar.count) for bar in self.bars) + "."


def counted(name: str, count: int) -> str:
    """“Spain: 4”, a value and its number of practices in a picture's description."""
    # Translators: a value and its number of practices, in a chart's description: “Spain: 4”.
    return gettext("%(name)s: %(count)s") % {"name": name, "count": count}


@dataclass
class MapCountry:
    code: str
    name: str
    count: int
    step: int  # index into STEPS
    shape: object
    href: str
    link_label: str = ""  # what the link says to a screen reader

    def __post_init__(self):
        if not self.link_label:
            self.link_label = ngettext(
                "%(country)s: %(count)s practice", "%(country)s: %(count)s practices", self.count
            ) % {"country": self.name, "count": self.count}

    @property
    def fill(self) -> str:
        return STEPS[self.step]

    @property
    def text_fill(self) -> str:
        return STEP_TEXT[self.step]


@dataclass
class MapPoint:
    name: str
    count: int
    x: float
    y: float


@dataclass
class Legend:
    label: str
    fill: str
    y: float


@dataclass
class EuropeView:
    countries: list[MapCountry]
    points: list[MapPoint]
    legend: list[Legend]
    title: str
    map: object = field(default_factory=europe)
    numbers: bool = True  # the countries' numbers written on them
    summary: str = ""  # the description, where it is not the numbers

    @property
    def description(self) -> str:
        if self.summary:
            return self.summary
        if not self.countries:
            return gettext("No practices in this list.")
        parts = [counted(c.name, c.count) for c in sorted(self.countries, key=lambda c: -c.count)]
        return gettext("Practices by country. %(counts)s.") % {"counts": "; ".join(parts)}

    @property
    def legend_height(self) -> int:
        return 26 + 28 * len(self.legend) + 6

    @property
    def background(self):
        shaded = {country.code for country in self.countries}
        return [shape for shape in self.map.shapes if shape.code not in shaded]


@dataclass
class Year:
    year: int
    ongoing: int
    completed: int
    x: float = 0  # left edge of its bar
    center: float = 0
    ongoing_y: float = 0  # top of the ongoing part (the lower one)
    ongoing_height: float = 0
    completed_y: float = 0  # top of the completed part, stacked on the ongoing one
    completed_height: float = 0

    @property
    def total(self) -> int:
        return self.ongoing + self.completed


# The timeline's frame: room for the totals above the bars, the years and the legend below.
TIMELINE_MARGIN = 90
MAX_BAR_WIDTH = 44
TIMELINE_BELOW = 62


@dataclass
class Timeline:
    years: list[Year]
    undated: int
    max_total: int
    width: float = 720
    height: float = 300
    bar_width: float = 0
    ticks: list = field(default_factory=list)

    @property
    def baseline(self) -> float:
        return self.height - TIMELINE_BELOW

    @property
    def description(self) -> str:
        if not self.years:
            return gettext("No practices in this list.")
        first, last = self.years[0].year, self.years[-1].year
        busiest = max(self.years, key=lambda y: y.total)
        return ngettext(
            "Start years from %(first)s to %(last)s; the most practices, %(count)s, started in "
            "%(year)s. Ongoing and completed practices are shown apart.",
            "Start years from %(first)s to %(last)s; the most practices, %(count)s, started in "
            "%(year)s. Ongoing and completed practices are shown apart.",
            busiest.total,
        ) % {"first": first, "last": last, "count": busiest.total, "year": busiest.year}


# Choosing and counting --------------------------------------------------------------------

# The triggers this relies on (migration 0018, PostgreSQL): `practices_start_years_after_insert`,
# `_update`, `_delete` and `_truncate` on practices_practice keep, by statement, the published
# practices counted per (start year, end year) in this table (0 for "not given").
START_YEAR_COUNTS = "practices_start_year_count"


def stored_start_years() -> list[tuple]:
    """(start year or None, ongoing, completed) from the counts the triggers keep."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT start_year, end_year, n FROM {START_YEAR_COUNTS}")  # noqa: S608
        pairs = cursor.fetchall()
    year = this_year()
    tally: dict = {}
    for start, end, n in pairs:
        ongoing, completed = tally.get(start or None, (0, 0))
        if is_ongoing(end or None, year):
            ongoing += n
        else:
            completed += n
        tally[start or None] = (ongoing, completed)
    return sorted(
        ((start, o, c) for start, (o, c) in tally.items()),
        key=lambda row: (row[0] is not None, row[0] or 0),
    )


def counted_start_years(selection) -> list[tuple]:
    """(start year or None, ongoing, completed) over the list's practices: one aggregate."""
    return list(
        selection.without()
        .values_list("start_year")
        .annotate(
            ongoing=Count("pk", filter=ongoing_condition()),
            completed=Count("pk", filter=~Q(ongoing_condition())),
        )
        .order_by("start_year")
    )


def chart(facets, facet_name: str, name: str, title: str) -> Chart:
    """A facet's counts as bars: the chosen values if any, else every value with practices."""
    facet = facets[facet_name]
    options = [o for o in facet.options if o.selected] if facet.selected_count else facet.options
    bars = [Bar(o.value, o.label, o.count) for o in options if o.count]
    bars.sort(key=lambda bar: (-bar.count, bar.label.casefold()))
    return layout_bars(Chart(name, title, bars, facet_name))


def layout_bars(chart: Chart, width: float = 600, row: float = 44) -> Chart:
    top = max((bar.count for bar in chart.bars), default=0)
    for index, bar in enumerate(chart.bars):
        bar.y = index * row
        bar.width = round((width - 80) * bar.count / top, 1) if top else 0
    chart.height = max(row, len(chart.bars) * row)
    return chart


def steps_for(top: int) -> list[tuple[int, int]]:
    """Up to five classes of equal width from 1 to `top`: [(1, 2), (3, 4), ...]."""
    if top <= 0:
        return []
    size = -(-top // len(STEPS))  # ceiling division
    return [(low, min(low + size - 1, top)) for low in range(1, top + 1, size)]


def europe_view(facets, list_params: QueryDict, version, title) -> EuropeView:
    """The countries of the list with their numbers, each a link to the list narrowed to it,
    and the regions with a known location."""
    the_map = europe()
    facet = facets["country"]
    options = [o for o in facet.options if o.selected] if facet.selected_count else facet.options
    options = [o for o in options if o.count and o.value in the_map.by_code]
    classes = steps_for(max((o.count for o in options), default=0))

    def step(count):
        return next(i for i, (low, high) in enumerate(classes) if low <= count <= high)

    countries = []
    for option in options:
        params = list_params.copy()
        params.setlist("country", [option.value])
        countries.append(
            MapCountry(
                code=option.value,
                name=option.label,
                count=option.count,
                step=step(option.count),
                shape=the_map.by_code[option.value],
                href="?" + params.urlencode(),
            )
        )
    region_counts = {o.value: o.count for o in facets["region"].options}
    points = []
    for slug, name, latitude, longitude in region_locations(version):
        point = the_map.point(latitude, longitude)
        if the_map.contains(point) and region_counts.get(slug):
            points.append(MapPoint(name, region_counts[slug], *point))
    legend = [
        Legend(f"{low}" if low == high else f"{low}–{high}", STEPS[i], 0)  # noqa: RUF001
        for i, (low, high) in enumerate(classes)
    ]
    for index, item in enumerate(legend):
        item.y = 26 + index * 28
    return EuropeView(countries, points, legend, title)


def region_locations(version) -> list[tuple]:
    """(slug, name, latitude, longitude) of the regions with a known location."""

    def compute():
        return list(
            Region.objects.exclude(latitude=None)
            .exclude(longitude=None)
            .order_by("name")
            .values_list("slug", "name", "latitude", "longitude")
        )

    return cached(version, ("region locations",), compute)


def timeline(selection, version) -> Timeline:
    """Practices by start year, ongoing and completed apart: one aggregate over the list, or for
    the whole catalogue on PostgreSQL, the counts its triggers keep (START_YEAR_COUNTS)."""
    if is_postgresql() and selection.covers_catalogue and not selection.narrowing:
        rows = cached(version, ("timeline", ()), stored_start_years)
    else:
        rows = cached(version, ("timeline", selection.key), lambda: counted_start_years(selection))
    undated = sum(o + c for year, o, c in rows if year is None)
    dated = {year: (o, c) for year, o, c in rows if year is not None}
    if not dated:
        return Timeline([], undated, 0)
    first, last = min(dated), max(dated)
    years = [Year(y, *dated.get(y, (0, 0))) for y in range(first, last + 1)]
    result = Timeline(years, undated, max(y.total for y in years))
    plot_left, plot_width = 10, result.width - 20
    plot_height, baseline = result.height - TIMELINE_MARGIN, result.height - TIMELINE_BELOW
    result.bar_width = round(min(plot_width / len(years), MAX_BAR_WIDTH), 2)
    for index, year in enumerate(years):
        year.x = round(plot_left + index * result.bar_width, 2)
        year.center = round(year.x + result.bar_width / 2, 2)
        year.ongoing_height = round(plot_height * year.ongoing / result.max_total, 1)
        year.completed_height = round(plot_height * year.completed / result.max_total, 1)
        year.ongoing_y = round(baseline - year.ongoing_height, 1)
        year.completed_y = round(year.ongoing_y - year.completed_height, 1)
    every = max(1, round(len(years) / 8))
    result.ticks = [y for i, y in enumerate(years) if i % every == 0 or y is years[-1]]
    return result


@dataclass
class Overview:
    total: int
    map: EuropeView
    charts: list[Chart]
    timeline: Timeline


def build_overview(facets, selection, list_params: QueryDict, version) -> Overview:
    return Overview(
        total=facets.total,
        map=europe_view(facets, list_params, version, gettext("Where the practices are")),
        charts=[chart(facets, facet, name, title) for facet, name, title in CHARTS],
        timeline=timeline(selection, version),
    )


def rows_of(overview: Overview, name: str) -> tuple[list[str], list[list]]:
    """A picture's numbers as a table: its header and rows (the page's tables, the CSV)."""
    if name == "map":
        return [gettext("Country"), gettext("ISO code"), gettext("Practices")], [
            [c.name, c.code, c.count] for c in sorted(overview.map.countries, key=lambda c: c.name)
        ]
    if name == "timeline":
        rows = [[y.year, y.ongoing, y.completed, y.total] for y in overview.timeline.years]
        if overview.timeline.undated:
            # Translators: the row of the practices with no start year, in the timeline's table.
            rows.append([gettext("Not given"), "", "", overview.timeline.undated])
        header = [gettext("Start year"), gettext("Ongoing"), gettext("Completed")]
        return [*header, gettext("Practices")], rows
    chart = next(c for c in overview.charts if c.name == name)
    return [str(CHART_COLUMNS[chart.facet]), gettext("Practices")], [
        [bar.label, bar.count] for bar in chart.bars
    ]


def locator_view(regions) -> EuropeView | None:
    """A practice's small map: its countries shaded, its regions as points; None where the map
    has none of them."""
    the_map = europe()
    codes = sorted({region.country.code for region in regions} & set(the_map.by_code))
    if not codes:
        return None
    countries = [
        MapCountry(
            code=code,
            name=country_name(code),
            count=0,
            step=3,
            shape=the_map.by_code[code],
            href=f"?country={code}",
            link_label=gettext("All practices in %(country)s") % {"country": country_name(code)},
        )
        for code in codes
    ]
    points = []
    for region in regions:
        if region.latitude is not None and region.longitude is not None:
            point = the_map.point(region.latitude, region.longitude)
            if the_map.contains(point):
                points.append(MapPoint(region.name, 0, *point))
    places = ", ".join(f"{region.name} ({country_name(region.country.code)})" for region in regions)
    return EuropeView(
        countries,
        points,
        [],
        gettext("Where it runs"),
        numbers=False,
        summary=gettext("Where it runs: %(places)s.") % {"places": places},
    )
