"""CSV export of any filtered practice list: the public view and the writer the admin shares.

`GET /practices/export.csv?<the list page's query string>` answers the practices the list page
shows, in its order: the rows come from `filter_practices(request.GET).qs`, the page's own query.
The columns are `practices.exchange.csv_format.COLUMNS` (documented there and in the README).

The rows are streamed, from a fixed number of queries whatever their number: one for the rows,
and one each for the names of the organisations, regions and vocabulary terms (reference data, a
few hundred rows). The multi-valued columns (partners, regions, target groups, themes, funding
sources) are aggregated in SQL, one correlated subquery each returning the related ids (an
index-only scan), so no query runs per row or per chunk. On PostgreSQL the rows come from a
server-side cursor inside a transaction (outside one, PostgreSQL would materialise the whole
result first), `CHUNK_SIZE` rows at a time, and the response is written `BATCH_SIZE` rows at a
time, so memory stays flat whatever the number of rows.
"""

import datetime
import functools
import json
import queue
import threading
from itertools import batched, chain

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, transaction
from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from regions.models import Organisation, Region, country_name

from ..browse.selectors import filter_practices
from ..database import is_postgresql
from ..models import FundingSource, Practice, TargetGroup, Theme, is_ongoing, this_year
from ..slug_urls import around_slug
from . import csv_format as fmt
from .filenames import export_filename

# Rows per fetch from the cursor, and per chunk of the response: larger fetches cost memory and
# gain no speed (the README's benchmark section has the figures).
CHUNK_SIZE = 500
BATCH_SIZE = 250
BOM = "\ufeff"

# The fields of the export's rows: each column's source, once, in the order of the columns.
FIELDS = tuple(dict.fromkeys(column.field for column in fmt.COLUMNS))


def _related_ids(relation: str, postgresql: bool):
    """A correlated subquery with the ids of a practice's related rows, by index-only scan.

    PostgreSQL returns an array; elsewhere the ids come joined by commas. Names are looked up
    in Python (`Lookups`), which is cheaper than joining per row and leaves the order of the
    values to Python, whatever the database's collation.
    """
    m2m = Practice._meta.get_field(relation)
    through = m2m.remote_field.through
    own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    related = through.objects.filter(**{own: OuterRef("pk")}).order_by()
    if postgresql:
        # Ordered by id (the through table's unique index serves it), so each combination of
        # related rows has one key in `Lookups`' memory.
        return ArraySubquery(related.order_by(f"{other}_id").values(f"{other}_id"))
    return Subquery(
        related.values(own)
        .annotate(ids=StringAgg(Cast(f"{other}_id", CharField()), Value(",")))
        .values("ids"),
        output_field=TextField(),
    )


def export_rows_queryset(queryset: QuerySet) -> QuerySet:
    """The export's one query over `queryset`, keeping its filters and order: a values_list."""
    postgresql = is_postgresql(queryset.db)
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(
            export_partners=_related_ids("partner_organisations", postgresql),
            export_regions=_related_ids("regions", postgresql),
            export_target_groups=_related_ids("target_groups", postgresql),
            export_themes=_related_ids("themes", postgresql),
            export_funding_sources=_related_ids("funding_sources", postgresql),
            # Decided in SQL, so a personal e-mail its owner did not publish never leaves the
            # database; and only a published original is named.
            export_contact_email=Case(
                When(contact_email_is_public=True, then=F("contact_email")),
                default=Value(""),
                output_field=CharField(),
            ),
            export_adapted_from=Case(
                When(adapted_from__status=Practice.Status.PUBLISHED, then=F("adapted_from__slug")),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .values_list(*FIELDS)
    )


def _key(ids):
    """A hashable key for a list of ids: PostgreSQL's arrays come as lists, SQLite's as text."""
    return tuple(ids) if isinstance(ids, list) else ids


def _ids(value) -> list[int]:
    if isinstance(value, list):
        return value
    return [int(pk) for pk in value.split(",")]


def _by_name(name: str):
    return (name.casefold(), name)


class Lookups:
    """The names behind the related ids, read once per export, and the cells made from them.

    Organisations, regions and the vocabularies are reference data (hundreds of small rows), so
    this stays small however many practices are exported. The same few combinations of related
    rows recur across practices, so each combination's cells are made once and remembered;
    the memory is capped at `CACHE_LIMIT` combinations per column.
    """

    CACHE_LIMIT = 1000

    def __init__(self, using: str):
        organisations = Organisation.objects.using(using).values_list("pk", "slug", "name")
        regions = Region.objects.using(using).values_list("pk", "slug", "country", "name")
        self.organisations = {pk: (slug, name) for pk, slug, name in organisations}
        self.regions = {pk: (slug, country, name) for pk, slug, country, name in regions}
        self.target_groups = dict(TargetGroup.objects.using(using).values_list("pk", "name"))
        self.themes = dict(Theme.objects.using(using).values_list("pk", "name"))
        self.funding_sources = dict(FundingSource.objects.using(using).values_list("pk", "name"))
        self.country_names: dict[str, str] = {}
        self.caches: dict[str, dict] = {
            "partners": {},
            "regions": {},
            "target_groups": {},
            "themes": {},
            "funding_sources": {},
        }

    def _remembered(self, column: str, ids, make):
        cache = self.caches[column]
        key = _key(ids)
        cells = cache.get(key)
        if cells is None:
            if len(cache) >= self.CACHE_LIMIT:
                cache.clear()
            cells = cache[key] = make(_ids(ids))
        return cells

    def partner_cells(self, ids) -> tuple[str, str]:
        """Names, slugs."""
        if not ids:
            return ("", "")
        return self._remembered("partners", ids, self._partner_cells)

    def _partner_cells(self, ids):
        rows = sorted((self.organisations[pk] for pk in ids), key=lambda r: (*_by_name(r[1]), r[0]))
        return (fmt.join(r[1] for r in rows), fmt.join(r[0] for r in rows))

    def region_cells(self, ids) -> tuple[str, str, str, str]:
        """Names, slugs, country codes (one per region), country names (each once)."""
        if not ids:
            return ("", "", "", "")
        return self._remembered("regions", ids, self._region_cells)

    def _region_cells(self, ids):
        rows = sorted((self.regions[pk] for pk in ids), key=lambda r: (*_by_name(r[2]), r[0]))
        codes = [r[1] for r in rows]
        return (
            fmt.join(r[2] for r in rows),
            fmt.join(r[0] for r in rows),
            fmt.join(codes),
            fmt.join(sorted({self.country(code) for code in codes})),
        )

    def country(self, code: str) -> str:
        """`country_name`, remembered for this export: the language cannot change meanwhile,
        and asking for it on each call would cost more than the rest of a row."""
        name = self.country_names.get(code)
        if name is None:
            name = self.country_names[code] = country_name(code)
        return name

    def names(self, column: str, ids) -> str:
        """The names of target groups, themes or funding sources, sorted."""
        if not ids:
            return ""
        names = getattr(self, column)
        return self._remembered(
            column, ids, lambda pks: fmt.join(sorted((names[pk] for pk in pks), key=_by_name))
        )


def _number(cell: str) -> int | None:
    return int(cell) if cell else None


def _values(cell: str) -> list[str]:
    return fmt.split(cell) if cell else []


def _json_cell(column):
    if column.kind in (fmt.YEAR, fmt.NUMBER):
        return _number
    if column.kind in (fmt.PARTNERS, fmt.REGIONS, fmt.NAMES):
        return _values
    return str


# Each column's key in a JSON line, and how its cell becomes a JSON value.
JSON_CELLS = [(column.key, _json_cell(column)) for column in fmt.COLUMNS]


class RowWriter:
    """Turns one row of `export_rows_queryset` into the fields of one CSV record: one small
    function per column of `COLUMNS`, chosen by the column's kind, so the columns' order and
    what each holds are written once (in csv_format)."""

    def __init__(self, base_url: str, lookups: Lookups):
        before, after = around_slug("practices:detail")
        self.url_prefix, self.url_suffix = base_url.rstrip("/") + before, after
        self.this_year = this_year()
        self.lookups = lookups
        index = {field: i for i, field in enumerate(FIELDS)}
        # A practice's partners make two cells and its regions four, from one call a row.
        self.partners = index[fmt.BY_KEY["partner_names"].field]
        self.regions = index[fmt.BY_KEY["region_names"].field]
        self.cell_makers = [(index[column.field], self._maker(column)) for column in fmt.COLUMNS]

    def line(self, values) -> str:
        return fmt.line(self.cells(values))

    def json_line(self, values) -> str:
        """The row as one line of JSON: numbers as numbers, several values as a list."""
        record = {
            key: make(cell)
            for (key, make), cell in zip(JSON_CELLS, self.cells(values), strict=True)
        }
        return json.dumps(record, ensure_ascii=False) + "\n"

    def cells(self, values) -> list[str]:
        made = {
            fmt.PARTNERS: self.lookups.partner_cells(values[self.partners]),
            fmt.REGIONS: self.lookups.region_cells(values[self.regions]),
        }
        return [
            values[i] if make is None else make(values[i], made) for i, make in self.cell_makers
        ]

    def _maker(self, column):
        """The function from a column's value (and the row's partner and region cells) to its
        cell; None where the value is the cell (text)."""
        kind = column.kind
        if kind in (fmt.TEXT, fmt.LINE):
            return None
        if kind in (fmt.PARTNERS, fmt.REGIONS):
            part = column.part
            return lambda value, made: made[kind][part]
        if kind == fmt.CHOICE:
            labels = dict(fmt.choices(column))
            return lambda value, made: labels.get(value, value)
        if kind in (fmt.YEAR, fmt.NUMBER):
            return lambda value, made: "" if value is None else str(value)
        if kind == fmt.DATE:
            return lambda value, made: value.isoformat() if value else ""
        if kind == fmt.TIME:
            return lambda value, made: value.astimezone(datetime.UTC).isoformat() if value else ""
        if kind == fmt.NAMES:
            names, key = self.lookups.names, column.key
            return lambda value, made: names(key, value)
        if kind == fmt.ONGOING:
            year = self.this_year
            return lambda value, made: (
                fmt.ONGOING_CELL if is_ongoing(value, year) else fmt.COMPLETED_CELL
            )
        if kind == fmt.URL:
            prefix, suffix = self.url_prefix, self.url_suffix
            return lambda value, made: prefix + value + suffix
        raise ValueError(f"No cell for columns of kind {kind!r}")


def iter_csv(
    queryset: QuerySet,
    *,
    base_url: str,
    chunk_size: int = CHUNK_SIZE,
    batch_size: int = BATCH_SIZE,
):
    """The CSV of `queryset` as UTF-8 byte chunks: the BOM and header, then batches of rows."""
    yield (BOM + fmt.line(fmt.HEADERS)).encode()
    yield from iter_lines(
        queryset, RowWriter.line, base_url=base_url, chunk_size=chunk_size, batch_size=batch_size
    )


def iter_jsonl(queryset: QuerySet, *, base_url: str):
    """The rows of the CSV as JSON Lines: one object a practice, keyed by the columns' keys."""
    yield from iter_lines(queryset, RowWriter.json_line, base_url=base_url)


def iter_lines(
    queryset: QuerySet,
    write,
    *,
    base_url: str,
    chunk_size: int = CHUNK_SIZE,
    batch_size: int = BATCH_SIZE,
):
    """The export's rows of `queryset`, each written by `write(row_writer, values)`, as UTF-8
    byte chunks of `batch_size` rows. In English whatever the page's language: a file shared
    from one language reads the same in every other (names, countries, addresses)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield from _iter_lines(queryset, write, base_url, chunk_size, batch_size)


def _iter_lines(queryset, write, base_url, chunk_size, batch_size):
    rows = export_rows_queryset(queryset)
    connection = connections[rows.db]
    # The transaction makes PostgreSQL stream the server-side cursor; it only reads.
    with transaction.atomic(using=rows.db):
        if is_postgresql(rows.db):
            with connection.cursor() as cursor:
                # PostgreSQL's JIT takes longer to compile this long query than it saves.
                cursor.execute("SET LOCAL jit = off")
        row_writer = RowWriter(base_url, Lookups(rows.db))
        line = functools.partial(write, row_writer)
        fetched = rows.iterator(chunk_size=chunk_size)
        if is_postgresql(rows.db):
            batches = read_ahead(fetched, batch_size)
        else:
            batches = batched(fetched, batch_size)
        try:
            for batch in batches:
                yield "".join(map(line, batch)).encode()
        finally:
            # A download stopped halfway: stop reading ahead, and close the cursor while its
            # transaction is still open (closing it after would fail, and abort the transaction).
            if hasattr(batches, "close"):
                batches.close()
            fetched.close()


_DONE = object()


def read_ahead(rows, batch_size: int, depth: int = 2):
    """Batches of `rows`, read `depth` batches ahead in a thread.

    With a server-side cursor PostgreSQL works only while the client fetches, and the client
    waits meanwhile; `COPY`, by contrast, streams. Reading ahead in a thread while this batch is
    written lets the database and Python work at the same time. The first row is read here, so
    the cursor is opened in the calling thread (Django checks that); the thread is finished, and
    the cursor closed, before this generator returns, so the transaction ends after it.
    """
    rows = iter(rows)
    first = next(rows, _DONE)
    if first is _DONE:
        return
    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand_over(item) -> None:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            for batch in batched(chain([first], rows), batch_size):
                if stop.is_set():
                    break
                hand_over(batch)
        except BaseException as error:  # handed to the consumer, which raises it
            hand_over(error)
        else:
            hand_over(_DONE)
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()  # an unfinished iterator closes its server-side cursor

    producer = threading.Thread(target=produce, name="csv-export-read-ahead", daemon=True)
    producer.start()
    try:
        while (item := ready.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        producer.join()


def csv_response(queryset: QuerySet, *, base_url: str, filters=None) -> StreamingHttpResponse:
    """The rows of `queryset` as a CSV download named for `filters` (the list's cleaned ones)."""
    return _download(iter_csv(queryset, base_url=base_url), "text/csv", "csv", filters)


def jsonl_response(queryset: QuerySet, *, base_url: str, filters=None) -> StreamingHttpResponse:
    """The same rows as JSON Lines, shown in the browser rather than saved."""
    chunks = iter_jsonl(queryset, base_url=base_url)
    return _download(chunks, "application/jsonl", "jsonl", filters, disposition="inline")


def _download(chunks, media_type, extension, filters, disposition="attachment"):
    response = StreamingHttpResponse(chunks, content_type=f"{media_type}; charset=utf-8")
    with translation.override(settings.LANGUAGE_CODE):  # the same name in every language
        name = export_filename(filters, extension=extension)
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def base_url_of(request=None) -> str:
    """Where the practices' public URLs point: the request's site, or SITE_URL in commands."""
    if request is None:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def practice_export(request):
    """The practices of the list page with this query string, as a streamed CSV download."""
    filterset = filter_practices(request.GET)
    return csv_response(filterset.qs, base_url=base_url_of(request), filters=filterset.cleaned_data)
