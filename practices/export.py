"""CSV export of any filtered practice list: the public view and the writer the admin shares.

`GET /practices/export.csv?<the list page's query string>` answers the practices the list page
shows, in its order: the rows come from `filter_practices(request.GET).qs`, the page's own query.
The columns are `practices.csv_format.COLUMNS` (documented there and in the README).

The rows are streamed. One SQL query fetches them, whatever their number: the multi-valued
columns (partners, regions, target groups, themes, funding sources) are aggregated in SQL by a
correlated `string_agg` / `group_concat` subquery each, so no query runs per row or per chunk. On
PostgreSQL the query runs on a server-side cursor inside a transaction (outside one, PostgreSQL
would materialise the whole result first), read `CHUNK_SIZE` rows at a time, and the response is
written `BATCH_SIZE` rows at a time, so memory stays flat whatever the number of rows.
"""

import csv
import datetime
import io
from itertools import batched

from django.conf import settings
from django.db import transaction
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
from django.db.models.functions import Concat
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import csv_format as fmt
from .models import Practice
from .selectors import filter_practices

CHUNK_SIZE = 2000
BATCH_SIZE = 500
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


def _joined(relation: str, *fields: str) -> Subquery:
    """One correlated subquery joining a practice's related rows into one string.

    The fields of a related row are joined with UNIT, the rows with RECORD; the order is set in
    Python (`_records`), so it does not depend on the database's collation.
    """
    m2m = Practice._meta.get_field(relation)
    through = m2m.remote_field.through
    own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    parts = [F(f"{other}__{field}") for field in fields]
    if len(parts) > 1:
        for index in range(len(parts) - 1, 0, -1):
            parts.insert(index, Value(fmt.UNIT))
        expression = Concat(*parts, output_field=TextField())
    else:
        expression = parts[0]
    return Subquery(
        through.objects.filter(**{own: OuterRef("pk")})
        .order_by()
        .values(own)
        .annotate(joined=StringAgg(expression, Value(fmt.RECORD)))
        .values("joined"),
        output_field=TextField(),
    )


def export_rows_queryset(queryset: QuerySet) -> QuerySet:
    """The export's one query over `queryset`, keeping its filters and order: a values_list."""
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(
            export_partners=_joined("partner_organisations", "slug", "name"),
            export_regions=_joined("regions", "slug", "country", "name"),
            export_target_groups=_joined("target_groups", "name"),
            export_themes=_joined("themes", "name"),
            export_funding_sources=_joined("funding_sources", "name"),
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


def _records(joined: str | None) -> list[list[str]]:
    return [record.split(fmt.UNIT) for record in joined.split(fmt.RECORD)] if joined else []


def _names(joined: str | None) -> list[str]:
    return sorted(joined.split(fmt.RECORD), key=lambda n: (n.casefold(), n)) if joined else []


def _number(value) -> str:
    return "" if value is None else str(value)


class RowWriter:
    """Turns one row of `export_rows_queryset` into the cells of the CSV, neutralised."""

    def __init__(self, base_url: str):
        marker = "0slug0"
        path = reverse("practices:detail", kwargs={"slug": marker})
        self.url_prefix, _, self.url_suffix = (base_url.rstrip("/") + path).partition(marker)
        self.this_year = timezone.now().year
        self.country_names: dict[str, str] = {}

    def country(self, code: str) -> str:
        name = self.country_names.get(code)
        if name is None:
            name = self.country_names[code] = fmt.country_name(code)
        return name

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
        partner_rows = sorted(_records(partners), key=lambda r: (r[1].casefold(), r[1], r[0]))
        region_rows = sorted(_records(regions), key=lambda r: (r[2].casefold(), r[2], r[0]))
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
            fmt.join(_names(target_groups)),
            fmt.join(_names(themes)),
            fmt.join(_names(funding_sources)),
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
        return [fmt.neutralise(cell) for cell in row]


def iter_csv(
    queryset: QuerySet,
    *,
    base_url: str,
    chunk_size: int = CHUNK_SIZE,
    batch_size: int = BATCH_SIZE,
):
    """The CSV of `queryset` as UTF-8 byte chunks: the BOM and header, then batches of rows."""
    row_writer = RowWriter(base_url)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fmt.HEADERS)
    yield (BOM + buffer.getvalue()).encode()
    rows = export_rows_queryset(queryset)
    # The transaction makes PostgreSQL stream the server-side cursor; it only reads.
    with transaction.atomic(using=rows.db):
        for batch in batched(rows.iterator(chunk_size=chunk_size), batch_size):
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(map(row_writer.cells, batch))
            yield buffer.getvalue().encode()


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
