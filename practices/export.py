"""CSV export of any filtered practice list: the public view and the writer the admin shares.

`GET /practices/export.csv?<the list page's query string>` answers the practices the list page
shows, in its order: the rows come from `filter_practices(request.GET).qs`, the page's own query.
The columns are `practices.csv_format.COLUMNS` (documented there and in the README).

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
from itertools import batched

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
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from regions.models import Organisation, Region

from . import csv_format as fmt
from .models import FundingSource, Practice, TargetGroup, Theme
from .selectors import filter_practices

# Rows per fetch from the cursor, and per chunk of the response. Measured at 100,000 rows:
# 2,000 per fetch cost 10 MB more peak memory than 1,000 and ran no faster.
CHUNK_SIZE = 1000
BATCH_SIZE = 250
BOM = "\ufeff"

_FIELDS = (
    "slug",
    "title",
    "original_title",
    "summary",
    "description",
    "lead_organisation__name",
    "lead_organisation__slug",
    "export_partners",
    "export_regions",
    "export_target_groups",
    "export_themes",
    "export_funding_sources",
    "kind",
    "level",
    "start_year",
    "end_year",
    "people_reached",
    "resources",
    "results",
    "success_factors",
    "challenges",
    "evidence_level",
    "evaluation_note",
    "transferability",
    "key_lesson",
    "export_adapted_from",
    "website",
    "public_contact_email",
    "contact_name",
    "export_contact_email",
    "original_language",
    "published_at",
    "last_reviewed_on",
)


def _related_ids(relation: str, vendor: str):
    """A correlated subquery with the ids of a practice's related rows, by index-only scan.

    PostgreSQL returns an array; elsewhere the ids come joined by commas. Names are looked up
    in Python (`Lookups`), which is cheaper than joining per row and leaves the order of the
    values to Python, whatever the database's collation.
    """
    m2m = Practice._meta.get_field(relation)
    through = m2m.remote_field.through
    own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    related = through.objects.filter(**{own: OuterRef("pk")}).order_by()
    if vendor == "postgresql":
        return ArraySubquery(related.values(f"{other}_id"))
    return Subquery(
        related.values(own)
        .annotate(ids=StringAgg(Cast(f"{other}_id", CharField()), Value(",")))
        .values("ids"),
        output_field=TextField(),
    )


def export_rows_queryset(queryset: QuerySet) -> QuerySet:
    """The export's one query over `queryset`, keeping its filters and order: a values_list."""
    vendor = connections[queryset.db].vendor
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(
            export_partners=_related_ids("partner_organisations", vendor),
            export_regions=_related_ids("regions", vendor),
            export_target_groups=_related_ids("target_groups", vendor),
            export_themes=_related_ids("themes", vendor),
            export_funding_sources=_related_ids("funding_sources", vendor),
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
        .values_list(*_FIELDS)
    )


def _ids(value) -> list[int]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return [int(pk) for pk in value.split(",")]


class Lookups:
    """The names behind the related ids, read once per export.

    Organisations, regions and the vocabularies are reference data (hundreds of small rows), so
    this stays small however many practices are exported.
    """

    def __init__(self, using: str):
        organisations = Organisation.objects.using(using).values_list("pk", "slug", "name")
        regions = Region.objects.using(using).values_list("pk", "slug", "country", "name")
        self.organisations = {pk: (slug, name) for pk, slug, name in organisations}
        self.regions = {pk: (slug, country, name) for pk, slug, country, name in regions}
        self.target_groups = dict(TargetGroup.objects.using(using).values_list("pk", "name"))
        self.themes = dict(Theme.objects.using(using).values_list("pk", "name"))
        self.funding_sources = dict(FundingSource.objects.using(using).values_list("pk", "name"))


def _names(ids, names: dict[int, str]) -> str:
    if not ids:
        return ""
    return fmt.join(sorted((names[pk] for pk in _ids(ids)), key=_name_order))


def _name_order(name: str):
    return (name.casefold(), name)


def _number(value) -> str:
    return "" if value is None else str(value)


class RowWriter:
    """Turns one row of `export_rows_queryset` into the fields of one CSV record."""

    def __init__(self, base_url: str, lookups: Lookups):
        marker = "0slug0"
        path = reverse("practices:detail", kwargs={"slug": marker})
        self.url_prefix, _, self.url_suffix = (base_url.rstrip("/") + path).partition(marker)
        self.this_year = timezone.now().year
        self.lookups = lookups
        self.country_names: dict[str, str] = {}

    def country(self, code: str) -> str:
        name = self.country_names.get(code)
        if name is None:
            name = self.country_names[code] = fmt.country_name(code)
        return name

    def line(self, values) -> str:
        return fmt.line(self.cells(values))

    def cells(self, values) -> list[str]:
        (
            slug,
            title,
            original_title,
            summary,
            description,
            lead_name,
            lead_slug,
            partners,
            regions,
            target_groups,
            themes,
            funding_sources,
            kind,
            level,
            start_year,
            end_year,
            people_reached,
            resources,
            results,
            success_factors,
            challenges,
            evidence_level,
            evaluation_note,
            transferability,
            key_lesson,
            adapted_from,
            website,
            public_contact_email,
            contact_name,
            contact_email,
            original_language,
            published_at,
            last_reviewed_on,
        ) = values
        lookups = self.lookups
        if partners:
            partner_rows = sorted(
                (lookups.organisations[pk] for pk in _ids(partners)),
                key=lambda r: (r[1].casefold(), r[1], r[0]),
            )
        else:
            partner_rows = ()
        if regions:
            region_rows = sorted(
                (lookups.regions[pk] for pk in _ids(regions)),
                key=lambda r: (r[2].casefold(), r[2], r[0]),
            )
        else:
            region_rows = ()
        region_countries = [r[1] for r in region_rows]
        ongoing = end_year is None or end_year >= self.this_year
        row = [
            slug,
            title,
            original_title,
            summary,
            description,
            lead_name,
            lead_slug,
            fmt.join(r[1] for r in partner_rows),
            fmt.join(r[0] for r in partner_rows),
            fmt.join(r[2] for r in region_rows),
            fmt.join(r[0] for r in region_rows),
            fmt.join(region_countries),
            fmt.join(sorted({self.country(code) for code in region_countries})),
            _names(target_groups, lookups.target_groups),
            _names(themes, lookups.themes),
            _names(funding_sources, lookups.funding_sources),
            fmt.KIND_LABELS.get(kind, kind),
            fmt.LEVEL_LABELS.get(level, level),
            _number(start_year),
            _number(end_year),
            fmt.ONGOING if ongoing else fmt.COMPLETED,
            _number(people_reached),
            resources,
            results,
            success_factors,
            challenges,
            fmt.EVIDENCE_LABELS.get(evidence_level, evidence_level),
            evaluation_note,
            transferability,
            key_lesson,
            adapted_from,
            website,
            public_contact_email,
            contact_name,
            contact_email,
            original_language,
            published_at.astimezone(datetime.UTC).isoformat() if published_at else "",
            last_reviewed_on.isoformat() if last_reviewed_on else "",
            self.url_prefix + slug + self.url_suffix,
        ]
        return row


def iter_csv(
    queryset: QuerySet,
    *,
    base_url: str,
    chunk_size: int = CHUNK_SIZE,
    batch_size: int = BATCH_SIZE,
):
    """The CSV of `queryset` as UTF-8 byte chunks: the BOM and header, then batches of rows."""
    yield (BOM + fmt.line(fmt.HEADERS)).encode()
    rows = export_rows_queryset(queryset)
    # The transaction makes PostgreSQL stream the server-side cursor; it only reads.
    with transaction.atomic(using=rows.db):
        if connections[rows.db].vendor == "postgresql":
            with connections[rows.db].cursor() as cursor:
                # Compiling this long query costs PostgreSQL's JIT seconds and saves nothing.
                cursor.execute("SET LOCAL jit = off")
        row_writer = RowWriter(base_url, Lookups(rows.db))
        for batch in batched(rows.iterator(chunk_size=chunk_size), batch_size):
            yield "".join(map(row_writer.line, batch)).encode()


def export_filename(day: datetime.date | None = None) -> str:
    return f"earlall-practices-{(day or timezone.localdate()).isoformat()}.csv"


def csv_response(queryset: QuerySet, *, base_url: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        iter_csv(queryset, base_url=base_url), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    return response


def base_url_of(request=None) -> str:
    """Where the practices' public URLs point: the request's site, or SITE_URL in commands."""
    if request is None:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def practice_export(request):
    """The practices of the list page with this query string, as a streamed CSV download."""
    return csv_response(filter_practices(request.GET).qs, base_url=base_url_of(request))
