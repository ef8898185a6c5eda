import csv
import datetime
import html
import importlib.util
import io
import re
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from practices.browse.selectors import filter_practices
from practices.exchange import csv_format as fmt
from practices.exchange.export import Lookups, iter_csv, read_ahead
from practices.models import Practice, TargetGroup, Theme

EXPORT_URL = "/practices/export.csv"


def read_rows(response) -> list[dict]:
    """The rows of an export response, keyed by header (the header row itself is checked)."""
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0] == fmt.HEADERS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_export_url_is_the_one_the_list_pages_link_to():
    assert reverse("practices:export") == EXPORT_URL


def test_it_streams_a_csv_download_named_with_the_date(client, published_practice):
    response = client.get(EXPORT_URL)

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="earlall-practices-{today}.csv"'
    )
    assert [row["Slug"] for row in read_rows(response)] == [published_practice.slug]


def test_the_ongoing_column_agrees_with_the_practice_page_at_new_year(
    client, practice_factory, settings, monkeypatch
):
    """At 23:30 UTC on 31 December it is already the new year in Brussels: the CSV and the
    practice (its page, the filters) ask one clock, the site's, whether the practice is ongoing."""
    settings.TIME_ZONE = "Europe/Brussels"
    new_years_eve = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: new_years_eve)
    ended = practice_factory(published=True, start_year=2020, end_year=2026)
    ending = practice_factory(published=True, start_year=2020, end_year=2027)

    rows = {row["Slug"]: row for row in read_rows(client.get(EXPORT_URL))}

    assert (ended.is_ongoing, ending.is_ongoing) == (False, True)
    assert rows[ended.slug]["Ongoing or completed"] == "Completed"
    assert rows[ending.slug]["Ongoing or completed"] == "Ongoing"


def test_it_exports_only_published_practices(client, practice_factory):
    published = practice_factory(published=True)
    for status in ["draft", "submitted", "archived"]:
        practice_factory(status=status)

    rows = read_rows(client.get(EXPORT_URL))

    assert [row["Slug"] for row in rows] == [published.slug]


def test_it_writes_a_bom_crlf_line_ends_and_non_ascii_intact(
    client, practice_factory, region_factory, organisation_factory
):
    trondelag = region_factory(name="Trøndelag", slug="trondelag", country="NO")
    boras = region_factory(name="Borås", slug="boras", country="SE")
    euskadi = region_factory(name="Euskadi", slug="euskadi", country="ES")
    practice_factory(
        published=True,
        title="Ungdomsgaranti i Trøndelag",
        description="Første linje\r\nandre linje, «sitat»",
        lead_organisation=organisation_factory(name="Borås Stad", region=boras),
        regions=[trondelag, boras, euskadi],
    )

    body = b"".join(client.get(EXPORT_URL).streaming_content)

    assert body.startswith(b"\xef\xbb\xbfSlug,Title,")
    text = body.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[-1] == ""  # every record, the last included, ends with CRLF
    assert "\n" not in lines[0]
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["Title"] == "Ungdomsgaranti i Trøndelag"
    assert row["Description"] == "Første linje\r\nandre linje, «sitat»"
    assert row["Lead organisation"] == "Borås Stad"
    assert row["Regions"] == "Borås; Euskadi; Trøndelag"
    assert row["Region slugs"] == "boras; euskadi; trondelag"
    assert row["Region countries"] == "SE; ES; NO"
    assert row["Countries"] == "Norway; Spain; Sweden"
    # RFC 4180: a field with a comma, a quote or a line break is quoted.
    assert '"Første linje\r\nandre linje, «sitat»"' in text


def test_it_writes_every_column_readably(
    client,
    practice_factory,
    organisation_factory,
    funding_source_factory,
):
    original = practice_factory(published=True, slug="the-original")
    partner_b = organisation_factory(name="Basque Employment Service", slug="lanbide")
    partner_a = organisation_factory(name="ALMA network", slug="alma-network")
    practice = practice_factory(
        published=True,
        slug="alma-catalonia",
        original_title="ALMA Catalunya",
        kind=Practice.Kind.METHOD,
        level=Practice.Level.CROSS_BORDER,
        start_year=2022,
        end_year=2024,
        people_reached=1200,
        evidence_level=Practice.EvidenceLevel.INDEPENDENTLY_EVALUATED,
        website="https://alma.example.org/",
        public_contact_email="info@alma.example.org",
        contact_name="Núria Puig",
        contact_email="nuria@alma.example.org",
        contact_email_is_public=True,
        original_language="ca",
        adapted_from=original,
        published_at=datetime.datetime(2026, 2, 10, 9, 30, 15, tzinfo=datetime.UTC),
        last_reviewed_on=datetime.date(2026, 3, 1),
        partner_organisations=[partner_b, partner_a],
        target_groups=list(TargetGroup.objects.filter(slug__in=["neets", "young-people"])),
        themes=list(Theme.objects.filter(slug="learning-mobility")),
        funding_sources=[funding_source_factory(name="ESF+ Catalonia")],
    )

    rows = {row["Slug"]: row for row in read_rows(client.get(EXPORT_URL))}

    row = rows["alma-catalonia"]
    assert row["Original title"] == "ALMA Catalunya"
    assert row["Lead organisation slug"] == practice.lead_organisation.slug
    assert row["Partner organisations"] == "ALMA network; Basque Employment Service"
    assert row["Partner organisation slugs"] == "alma-network; lanbide"
    assert row["Target groups"] == "NEETs; Young people"
    assert row["Themes"] == "Learning mobility"
    assert row["Funding sources"] == "ESF+ Catalonia"
    assert row["Kind"] == "Method or tool"
    assert row["Level"] == "Cross-border"
    assert row["Start year"] == "2022"
    assert row["End year"] == "2024"
    assert row["Ongoing or completed"] == ("Completed" if timezone.now().year > 2024 else "Ongoing")
    assert row["People reached"] == "1200"
    assert row["Evidence level"] == "Independently evaluated"
    assert row["Adapted from"] == "the-original"
    assert row["Contact person's e-mail"] == "nuria@alma.example.org"
    assert row["Original language"] == "ca"
    assert row["Published at"] == "2026-02-10T09:30:15+00:00"
    assert row["Last reviewed on"] == "2026-03-01"
    assert row["URL"] == "http://testserver/practices/alma-catalonia/"


def test_it_never_exports_a_contact_email_its_owner_did_not_publish(client, practice_factory):
    practice_factory(
        published=True, contact_email="private@example.org", contact_email_is_public=False
    )

    response = client.get(EXPORT_URL)
    body = b"".join(response.streaming_content)

    assert b"private@example.org" not in body


def test_it_names_only_a_published_original(client, practice_factory):
    draft = practice_factory(slug="secret-draft")
    practice_factory(published=True, adapted_from=draft)

    body = b"".join(client.get(EXPORT_URL).streaming_content)

    assert b"secret-draft" not in body


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'quoted", "''quoted"),
        ("Plain = text", "Plain = text"),
    ],
)
def test_it_neutralises_cells_a_spreadsheet_would_run(client, practice_factory, typed, written):
    practice_factory(published=True, summary=typed, key_lesson=typed)

    row = read_rows(client.get(EXPORT_URL))[0]

    assert row["Summary"] == written
    assert row["Key lesson"] == written


def test_it_neutralises_names_of_related_rows(client, practice_factory, organisation_factory):
    practice_factory(
        published=True, lead_organisation=organisation_factory(name="=cmd|' /C calc'!A0")
    )

    row = read_rows(client.get(EXPORT_URL))[0]

    assert row["Lead organisation"] == "'=cmd|' /C calc'!A0"


def test_it_keeps_the_order_of_the_list_page(client, practice_factory):
    now = timezone.now()
    older = practice_factory(published=True, published_at=now - datetime.timedelta(days=2))
    newer = practice_factory(published=True, published_at=now - datetime.timedelta(days=1))

    rows = read_rows(client.get(EXPORT_URL))

    expected = list(filter_practices({}).qs.values_list("slug", flat=True))
    assert [row["Slug"] for row in rows] == expected == [newer.slug, older.slug]


def _list_count(client, params) -> int:
    """The number of practices the list page says it shows for these parameters."""
    response = client.get(reverse("practices:list"), params)
    assert response.status_code == 200
    page_obj = response.context.get("page_obj")
    if page_obj is not None:
        return page_obj.paginator.count
    return filter_practices(params).qs.count()


@pytest.fixture
def twelve_practices(practice_factory, region_factory, organisation_factory):
    """Twelve published practices across three regions, two target groups and two themes."""
    neets = TargetGroup.objects.get(slug="neets")
    disabled = TargetGroup.objects.get(slug="persons-with-disabilities")
    mobility = Theme.objects.get(slug="learning-mobility")
    guidance = Theme.objects.get(slug="guidance-and-counselling")
    regions = [
        region_factory(name="Trøndelag", slug="trondelag", country="NO"),
        region_factory(name="Euskadi", slug="euskadi", country="ES"),
        region_factory(name="Catalonia", slug="catalonia", country="ES"),
    ]
    for n in range(12):
        region = regions[n % 3]
        practice_factory(
            published=True,
            title=f"{'Employment' if n % 2 else 'Learning'} practice {n}",
            lead_organisation=organisation_factory(region=region),
            regions=[region],
            target_groups=[neets] if n % 2 else [disabled, neets],
            themes=[mobility] if n % 4 else [guidance],
            start_year=2015 + n,
            end_year=None if n % 3 else 2024,
        )
    practice_factory(title="Employment draft", status="draft")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "Employment"},
        {"q": "Learning", "sort": "title"},
        {"target_group": "neets"},
        {"target_group": ["neets", "persons-with-disabilities"], "sort": "start_year"},
        {"target_group": "persons-with-disabilities", "country": "ES"},
        {"theme": "learning-mobility", "region": "euskadi"},
        {"country": ["NO", "ES"], "q": "Employment", "sort": "title"},
        {"status": "ongoing", "start_from": "2018", "start_to": "2024"},
        {"status": "completed"},
        {"q": "nothing matches this"},
    ],
)
def test_the_export_has_as_many_rows_as_the_list_page(client, twelve_practices, params):
    rows = read_rows(client.get(EXPORT_URL, params))

    assert len(rows) == _list_count(client, params)
    expected = list(filter_practices(params).qs.values_list("slug", flat=True))
    assert [row["Slug"] for row in rows] == expected


EXPORT_LINK = re.compile(
    r'href="(/practices/export\.csv[^"]*)">Download (?:these (\d+) practices|this practice)'
)


@pytest.mark.parametrize(
    "page",
    [
        "/practices/?target_group=neets&sort=title",
        "/practices/?country=ES&theme=learning-mobility",
        "/practices/?q=Employment",
        "/target-groups/persons-with-disabilities/",
        "/themes/learning-mobility/",
        "/regions/euskadi/",
        "/regions/trondelag/?q=Employment",
    ],
)
def test_each_list_page_links_to_an_export_of_exactly_its_practices(client, twelve_practices, page):
    response = client.get(page)
    assert response.status_code == 200
    match = EXPORT_LINK.search(response.content.decode())
    assert match, "the page has no “Download these N practices (CSV)” link"

    rows = read_rows(client.get(html.unescape(match.group(1))))

    assert len(rows) == int(match.group(2) or 1) == response.context["total"]
    assert [row["Slug"] for row in rows][:20] == [p.slug for p in response.context["practices"]]


@pytest.mark.parametrize(
    "params",
    [
        {"start_from": "not-a-year"},
        {"target_group": "no-such-group"},
        {"sort": "'; DROP TABLE practices_practice; --"},
        {"q": "\x00"},
        {"q": "x" * 5000},
        {"page": "-1", "country": "XX"},
        {"region": ["euskadi", "atlantis"], "organisation": "<script>"},
    ],
)
def test_bad_filter_input_never_gives_a_server_error(client, twelve_practices, params):
    response = client.get(EXPORT_URL, params)

    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert len(read_rows(response)) <= 12


def test_it_refuses_a_post(client):
    assert client.post(EXPORT_URL).status_code == 405


def _add_practices(practice_factory, partner, count):
    neets = TargetGroup.objects.get(slug="neets")
    mobility = Theme.objects.get(slug="learning-mobility")
    for _ in range(count):
        practice_factory(
            published=True,
            partner_organisations=[partner],
            target_groups=[neets],
            themes=[mobility],
        )


@pytest.mark.parametrize("count", [3, 30])
def test_the_writer_runs_one_query_whatever_the_row_count(
    django_assert_num_queries, practice_factory, organisation_factory, count
):
    _add_practices(practice_factory, organisation_factory(), count)

    # Inside the savepoint the test's transaction makes: the names of organisations, regions and
    # the three vocabularies, then the rows' one query (and on PostgreSQL, JIT switched off).
    expected = 8 if connection.vendor == "sqlite" else 9
    with django_assert_num_queries(expected) as captured:
        body = b"".join(iter_csv(Practice.objects.published(), base_url=""))
    assert body.count(b"\r\n") == count + 1
    sqls = [query["sql"] for query in captured.captured_queries]
    assert sqls[0].startswith("SAVEPOINT")
    assert len([sql for sql in sqls if 'FROM "practices_practice"' in sql]) == 1


def test_the_view_runs_as_many_queries_for_30_practices_as_for_3(
    client, practice_factory, organisation_factory
):
    partner = organisation_factory()
    _add_practices(practice_factory, partner, 3)
    read_rows(client.get(EXPORT_URL))  # warms whatever the filter form caches
    with CaptureQueriesContext(connection) as three:
        assert len(read_rows(client.get(EXPORT_URL, {"q": "Practice"}))) == 3
    _add_practices(practice_factory, partner, 27)
    with CaptureQueriesContext(connection) as thirty:
        assert len(read_rows(client.get(EXPORT_URL, {"q": "Practice"}))) == 30

    assert len(thirty) == len(three) <= 12


def test_it_writes_rows_in_batches(practice_factory):
    for _ in range(5):
        practice_factory(published=True)

    chunks = list(iter_csv(Practice.objects.published(), base_url="", batch_size=2))

    # The header, then 2 + 2 + 1 rows.
    assert len(chunks) == 4
    assert chunks[0].startswith(b"\xef\xbb\xbfSlug,")
    assert [chunk.count(b"\r\n") for chunk in chunks[1:]] == [2, 2, 1]


def test_urls_point_at_the_site_given(practice_factory):
    practice_factory(published=True, slug="alma")

    body = b"".join(iter_csv(Practice.objects.all(), base_url="https://practices.example.org/"))

    assert b",https://practices.example.org/practices/alma/\r\n" in body


@given(st.lists(st.text(), min_size=2, max_size=6))
def test_a_written_record_is_what_the_csv_module_writes_and_reads_back(texts):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([fmt.neutralise(t) for t in texts])

    written = fmt.line(texts)

    assert written == buffer.getvalue()
    parsed = next(csv.reader(io.StringIO(written, newline="")))
    assert [fmt.restore(cell) for cell in parsed] == texts


def test_the_admin_action_exports_the_selected_practices_with_the_same_writer(
    admin_client, client, practice_factory
):
    published = practice_factory(published=True, contact_email="hidden@example.org")
    draft = practice_factory(status="draft")
    practice_factory(published=True)  # not selected
    public = b"".join(client.get(EXPORT_URL).streaming_content).split(b"\r\n")

    response = admin_client.post(
        "/admin/practices/practice/",
        {"action": "export_selected_as_csv", "_selected_action": [published.pk, draft.pk]},
    )

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="earlall-practices-')
    body = b"".join(response.streaming_content)
    lines = body.split(b"\r\n")
    assert lines[0] == public[0]  # the BOM and the header
    [public_row] = [line for line in public if line.startswith(published.slug.encode() + b",")]
    assert public_row in lines
    assert sorted(row["Slug"] for row in read_rows_of(body)) == sorted([published.slug, draft.slug])
    assert b"hidden@example.org" not in body


def read_rows_of(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_export_benchmark_runs(practice_factory):
    """A smoke run of bench/export_bench.py on a few rows, so the benchmark does not rot."""
    path = Path(__file__).resolve().parents[2] / "bench" / "export_bench.py"
    spec = importlib.util.spec_from_file_location("export_bench", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for _ in range(4):
        practice_factory(published=True)

    export = bench.measure_export(3)
    copy = bench.measure_copy(3)

    assert export["rows"] == 3
    assert export["rows_per_s"] > 0
    assert export["peak_rss_mb"] > 0
    if connection.vendor == "postgresql":
        assert copy["rows"] == 3
    else:
        assert copy is None
    bench.report([{"size": 3, "export": export, "copy": copy}])


def test_the_memory_of_combinations_is_capped_without_changing_the_file(
    client, twelve_practices, monkeypatch
):
    full = b"".join(client.get(EXPORT_URL).streaming_content)
    monkeypatch.setattr(Lookups, "CACHE_LIMIT", 1)

    assert b"".join(client.get(EXPORT_URL).streaming_content) == full


def test_read_ahead_hands_over_every_row_in_order_in_batches():
    assert list(read_ahead(iter(range(7)), 3)) == [(0, 1, 2), (3, 4, 5), (6,)]
    assert list(read_ahead(iter([]), 3)) == []


def test_read_ahead_raises_what_the_rows_raise():
    def rows():
        yield 1
        yield 2
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        list(read_ahead(rows(), 1))


def test_read_ahead_stops_and_closes_the_rows_when_the_download_stops():
    closed = threading.Event()

    def rows():
        try:
            yield from range(10_000)
        finally:
            closed.set()

    batches = read_ahead(rows(), 10)
    assert next(batches) == tuple(range(10))
    batches.close()  # the client went away

    assert closed.is_set()
    assert not any(t.name == "csv-export-read-ahead" for t in threading.enumerate())


def test_a_download_stopped_halfway_leaves_the_connection_usable(practice_factory):
    for _ in range(30):
        practice_factory(published=True)

    chunks = iter_csv(Practice.objects.published(), base_url="", chunk_size=5, batch_size=5)
    next(chunks)
    next(chunks)
    chunks.close()

    assert not connection.needs_rollback
    assert Practice.objects.published().count() == 30
