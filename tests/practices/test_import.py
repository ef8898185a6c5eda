import csv
import io
import os
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from practices.exchange import admin_csv
from practices.exchange import csv_format as fmt
from practices.exchange.importer import import_practices
from practices.models import Practice, PracticeSearch
from regions.models import Organisation, Region

MINIMAL = ["Slug", "Title", "Lead organisation slug"]


def write_csv(path, rows, headers=None, *, delimiter=","):
    """A CSV as the export writes it (BOM, CRLF); cells are neutralised like the export's."""
    headers = headers or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([fmt.neutralise(row.get(header, "")) for header in headers])
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode())
    return path


def run(path, *args):
    """Run the command; return (stdout, stderr), or raise CommandError as it does."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_practices", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args):
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_practices", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(excinfo.value), err.getvalue()


@pytest.fixture
def lead(organisation_factory, region_factory):
    return organisation_factory(
        name="Borås Stad", slug="boras-stad", region=region_factory(name="Borås", slug="boras")
    )


@pytest.fixture
def full_row(lead):
    return {
        "Slug": "jobbtorget",
        "Title": "Jobbtorget Borås",
        "Original title": "Jobbtorget",
        "Summary": "One door to work and learning.",
        "Lead organisation slug": "boras-stad",
        "Region slugs": "boras",
        "Target groups": "Long-term unemployed; migrants-and-refugees",
        "Themes": "Guidance and counselling",
        "Funding sources": "ESF+; Regional funds",
        "Kind": "Service",
        "Level": "local",
        "Start year": "2016",
        "End year": "",
        "People reached": "4200",
        "Evidence level": "Monitored",
        "Original language": "sv",
        "Last reviewed on": "2026-01-15",
        "Contact person's e-mail": "anna@boras.example",
    }


def test_it_creates_a_draft_from_each_row(tmp_path, full_row):
    out, _ = run(write_csv(tmp_path / "in.csv", [full_row]))

    practice = Practice.objects.get(slug="jobbtorget")
    assert practice.status == Practice.Status.DRAFT
    assert practice.published_at is None
    assert practice.title == "Jobbtorget Borås"
    assert practice.lead_organisation.slug == "boras-stad"
    assert [r.slug for r in practice.regions.all()] == ["boras"]
    assert sorted(practice.target_groups.values_list("slug", flat=True)) == [
        "long-term-unemployed",
        "migrants-and-refugees",
    ]
    assert sorted(practice.funding_sources.values_list("slug", flat=True)) == [
        "esf-plus",
        "regional",
    ]
    assert practice.kind == Practice.Kind.SERVICE
    assert practice.level == Practice.Level.LOCAL
    assert (practice.start_year, practice.end_year, practice.people_reached) == (2016, None, 4200)
    assert practice.evidence_level == Practice.EvidenceLevel.MONITORED
    assert practice.original_language == "sv"
    assert practice.last_reviewed_on.isoformat() == "2026-01-15"
    assert practice.contact_email == "anna@boras.example"
    assert practice.contact_email_is_public
    assert "Imported: 1 practice created, 0 updated, 0 unchanged." in out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search vector is PostgreSQL's")
def test_it_makes_imported_practices_findable(tmp_path, full_row):
    run(write_csv(tmp_path / "in.csv", [full_row]))

    assert PracticeSearch.objects.filter(practice__slug="jobbtorget").exists()


def test_a_row_with_a_publication_time_creates_a_published_practice(tmp_path, lead):
    row = {
        "Slug": "a",
        "Title": "A",
        "Lead organisation slug": "boras-stad",
        "Published at": "2026-02-10T09:30:15.123456+00:00",
    }
    run(write_csv(tmp_path / "in.csv", [row]))

    practice = Practice.objects.get(slug="a")
    assert practice.status == Practice.Status.PUBLISHED
    assert practice.published_at.isoformat() == "2026-02-10T09:30:15.123456+00:00"


def test_a_reimport_updates_by_slug_and_duplicates_nothing(tmp_path, full_row):
    path = write_csv(tmp_path / "in.csv", [full_row])
    run(path)
    full_row["Title"] = "Jobbtorget Borås, renewed"
    full_row["Themes"] = "Digital skills"

    out, _ = run(write_csv(tmp_path / "again.csv", [full_row]))

    assert Practice.objects.count() == 1
    practice = Practice.objects.get(slug="jobbtorget")
    assert practice.title == "Jobbtorget Borås, renewed"
    assert list(practice.themes.values_list("slug", flat=True)) == ["digital-skills"]
    assert "0 practices created, 1 updated, 0 unchanged" in out


def test_importing_the_same_file_twice_changes_nothing_the_second_time(tmp_path, full_row):
    path = write_csv(tmp_path / "in.csv", [full_row])
    run(path)
    practice = Practice.objects.get()
    history = practice.history.count()

    out, _ = run(path)

    assert "0 practices created, 0 updated, 1 unchanged" in out
    assert Practice.objects.get().updated_at == practice.updated_at
    assert practice.history.count() == history


def test_a_reimport_never_changes_the_status(tmp_path, practice_factory, lead):
    archived = practice_factory(slug="old", status="archived", lead_organisation=lead)
    row = {
        "Slug": "old",
        "Title": archived.title,
        "Lead organisation slug": "boras-stad",
        "Published at": "2026-02-10T09:30:15+00:00",
    }
    run(write_csv(tmp_path / "in.csv", [row]))

    archived.refresh_from_db()
    assert archived.status == Practice.Status.ARCHIVED
    assert archived.published_at is None


def test_an_empty_contact_email_makes_it_private_without_deleting_it(
    tmp_path, practice_factory, lead
):
    practice = practice_factory(
        slug="p",
        title="P",
        lead_organisation=lead,
        contact_email="anna@boras.example",
        contact_email_is_public=True,
    )
    row = {
        "Slug": "p",
        "Title": "P",
        "Lead organisation slug": "boras-stad",
        "Contact person's e-mail": "",
    }
    run(write_csv(tmp_path / "in.csv", [row]))

    practice.refresh_from_db()
    assert practice.contact_email == "anna@boras.example"
    assert not practice.contact_email_is_public


def test_a_dry_run_reports_and_writes_nothing(tmp_path, full_row, practice_factory, lead):
    practice_factory(slug="existing", title="Existing", lead_organisation=lead)
    rows = [
        full_row,
        {"Slug": "existing", "Title": "Existing, renamed", "Lead organisation slug": "boras-stad"},
        {"Slug": "", "Title": "From a spreadsheet", "Lead organisation slug": "new-org"},
    ]
    rows[2]["Lead organisation"] = "A New Association"
    headers = [*full_row, "Lead organisation"]
    before = list(Practice.objects.values_list("slug", "title", "updated_at"))

    out, _ = run(write_csv(tmp_path / "in.csv", rows, headers), "--dry-run", "--create-missing")

    assert list(Practice.objects.values_list("slug", "title", "updated_at")) == before
    assert not Organisation.objects.filter(slug="new-org").exists()
    assert (
        "Dry run, nothing was written: the import would create 2 practices, update 1 and "
        "leave 0 unchanged." in out
    )
    assert "Organisation “A New Association” (new-org) would be created" in out


def test_it_creates_missing_organisations_and_regions_when_asked(tmp_path, lead):
    row = {
        "Slug": "p",
        "Title": "P",
        "Lead organisation": "EHLABE",
        "Lead organisation slug": "ehlabe",
        "Partner organisations": "Borås Stad; Lanbide",
        "Partner organisation slugs": "boras-stad; lanbide",
        "Regions": "Euskadi; Trøndelag",
        "Region slugs": "euskadi; trondelag",
        "Region countries": "ES; NO",
    }
    path = write_csv(tmp_path / "in.csv", [row])

    out, _ = run(path, "--create-missing")

    practice = Practice.objects.get(slug="p")
    assert practice.lead_organisation.name == "EHLABE"
    assert sorted(practice.partner_organisations.values_list("name", flat=True)) == [
        "Borås Stad",
        "Lanbide",
    ]
    assert set(practice.regions.values_list("name", "country")) == {
        ("Euskadi", "ES"),
        ("Trøndelag", "NO"),
    }
    assert "Organisation “EHLABE” (ehlabe) created: check its kind and region" in out
    assert "Region “Trøndelag” (trondelag) created" in out
    assert Organisation.objects.filter(slug="boras-stad").count() == 1


# Bad files: a clear, numbered message, and nothing written -------------------------------------


def assert_nothing_written(before):
    assert Practice.objects.count() == before["practices"]
    assert Organisation.objects.count() == before["organisations"]
    assert Region.objects.count() == before["regions"]


@pytest.fixture
def before(lead, practice_factory):
    practice_factory(slug="existing", title="Existing", lead_organisation=lead)
    return {
        "practices": Practice.objects.count(),
        "organisations": Organisation.objects.count(),
        "regions": Region.objects.count(),
    }


def good(slug):
    return {"Slug": slug, "Title": slug.title(), "Lead organisation slug": "boras-stad"}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {"Start year": "twenty"},
            "row 3, column Start year: “twenty” is not a year such as 2021.",
        ),
        (
            {"Start year": "1800"},
            "row 3, column Start year: Ensure this value is greater than or equal to 1950.",
        ),
        (
            {"Start year": "2020", "End year": "2019"},
            "row 3, column End year: The end year (2019) cannot be before the start year (2020).",
        ),
        (
            {"Target groups": "NEETs; Astronauts"},
            "row 3, column Target groups: unknown target group “Astronauts”.",
        ),
        ({"Themes": "Space travel"}, "row 3, column Themes: unknown theme “Space travel”."),
        (
            {"Lead organisation slug": "nobody"},
            "row 3, column Lead organisation slug: unknown organisation “nobody”: add it in the "
            "admin first, or import with “create missing organisations and regions” "
            "(--create-missing).",
        ),
        (
            {"Region slugs": "atlantis"},
            "row 3, column Region slugs: unknown region “atlantis”",
        ),
        ({"Title": ""}, "row 3, column Title: This field cannot be blank."),
        ({"Kind": "Miracle"}, "row 3, column Kind: “Miracle” is not one of “Programme”,"),
        ({"Website": "not a url"}, "row 3, column Website: Enter a valid URL."),
        ({"Slug": "not a slug!"}, "row 3, column Slug: Enter a valid “slug”"),
        ({"Slug": "row-two"}, "row 3, column Slug: “row-two” is also on row 2."),
        (
            {"Slug": "overview"},
            "row 3, column Slug: “overview” is the address of a page of the catalogue",
        ),
        ({"Original language": "klingon"}, "row 3, column Original language: “klingon”"),
        ({"Published at": "yesterday"}, "row 3, column Published at: “yesterday” is not a time"),
        ({"Last reviewed on": "15/01/2026"}, "row 3, column Last reviewed on: “15/01/2026”"),
        ({"Adapted from": "nowhere"}, "row 3, column Adapted from: no practice has the slug"),
        (
            {"Summary": "x" * 501},
            "row 3, column Summary: Ensure this value has at most 500 characters (it has 501).",
        ),
    ],
)
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    tmp_path, before, bad, message
):
    rows = [good("row-two"), {**good("row-three"), **bad}, good("row-four")]
    headers = list(dict.fromkeys([*rows[0], *bad]))

    summary, errors = run_failing(write_csv(tmp_path / "in.csv", rows, headers))

    assert message in errors
    assert "Nothing was imported: 1 error in the file." in summary
    assert_nothing_written(before)


def test_every_bad_row_is_reported(tmp_path, before):
    rows = [{**good(f"p{n}"), "Start year": "x"} for n in range(3)]
    rows.insert(1, {**good("ok"), "Start year": "2020"})

    summary, errors = run_failing(write_csv(tmp_path / "in.csv", rows, [*MINIMAL, "Start year"]))

    assert [line.split(":")[0] for line in errors.splitlines()] == [
        "row 2, column Start year",
        "row 4, column Start year",
        "row 5, column Start year",
    ]
    assert "3 errors" in summary
    assert_nothing_written(before)


def test_an_organisation_to_create_needs_its_name(tmp_path, before):
    row = {**good("p"), "Lead organisation slug": "new-org"}

    _, errors = run_failing(write_csv(tmp_path / "in.csv", [row]), "--create-missing")

    assert (
        "row 2, column Lead organisation slug: the organisation “new-org” does not exist; to "
        "create it, give its name in column Lead organisation" in errors
    )
    assert_nothing_written(before)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (
            ["Slug", "Tilte", "Lead organisation slug"],
            "the header row has unknown columns “Tilte” and missing columns “Title”.",
        ),
        (["name", "email"], "missing columns “Slug”, “Title”, “Lead organisation slug”"),
        ([*MINIMAL, "Title"], "the header row names “Title” more than once."),
    ],
)
def test_wrong_columns_are_named(tmp_path, before, headers, message):
    path = tmp_path / "in.csv"
    path.write_text(",".join(headers) + "\r\na,b,c\r\n", encoding="utf-8")

    summary, _ = run_failing(path)

    assert message in summary
    assert summary.startswith("Nothing was imported: ")
    assert_nothing_written(before)


def test_a_5_mb_junk_file_is_refused_clearly(tmp_path, before):
    path = tmp_path / "junk.csv"
    path.write_bytes(os.urandom(5 * 1024 * 1024))

    summary, _ = run_failing(path)

    assert summary in {
        "Nothing was imported: the file holds binary data: it is not a CSV file.",
    } or summary.startswith("Nothing was imported: the file is not UTF-8 text")
    assert_nothing_written(before)


def test_a_5_mb_text_file_that_is_not_a_practices_csv_is_refused_clearly(tmp_path, before):
    path = tmp_path / "junk.csv"
    path.write_text(('"lorem ipsum, dolor' + "x" * 1000 + "\n") * 5000, encoding="utf-8")
    assert path.stat().st_size > 5_000_000

    summary, _ = run_failing(path)

    assert summary.startswith("Nothing was imported: ")
    assert "row 1" in summary or "header row" in summary
    assert_nothing_written(before)


def test_a_latin_1_file_is_refused_with_advice(tmp_path, before):
    path = tmp_path / "excel.csv"
    path.write_bytes("Slug,Title,Lead organisation slug\r\np,Borås,boras-stad\r\n".encode("cp1252"))

    summary, _ = run_failing(path)

    assert "the file is not UTF-8 text (byte 0xe5 on line 2)" in summary
    assert "CSV UTF-8" in summary
    assert_nothing_written(before)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n", "the file is empty"),
        ("Slug,Title".encode("utf-16"), "the file is UTF-16 text"),
    ],
)
def test_empty_and_utf16_files_are_refused(tmp_path, before, content, message):
    path = tmp_path / "in.csv"
    path.write_bytes(content)

    summary, _ = run_failing(path)

    assert message in summary
    assert_nothing_written(before)


def test_a_missing_file_is_a_clear_error(tmp_path):
    summary, _ = run_failing(tmp_path / "nowhere.csv")

    assert summary.startswith("Cannot open ")


def test_a_row_longer_than_the_header_is_an_error(tmp_path, before):
    path = tmp_path / "in.csv"
    path.write_text("Slug,Title,Lead organisation slug\r\np,P,boras-stad,extra\r\n")

    _, errors = run_failing(path)

    assert "row 2: it has 4 cells but the header names 3 columns." in errors
    assert_nothing_written(before)


# Friendly to spreadsheets -----------------------------------------------------------------------


def test_it_restores_neutralised_cells(tmp_path, lead):
    typed = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted", "'kept as typed"]
    rows = [{**good(f"p{n}"), "Summary": text} for n, text in enumerate(typed)]
    path = write_csv(tmp_path / "in.csv", rows, [*MINIMAL, "Summary"])
    assert b"\r\np0,P0,boras-stad,'=1+1\r\n" in path.read_bytes()

    run(path)

    assert [Practice.objects.get(slug=f"p{n}").summary for n in range(len(typed))] == typed


def test_a_hand_typed_leading_quote_is_kept(tmp_path, lead):
    path = tmp_path / "in.csv"
    path.write_text("Slug,Title,Lead organisation slug\r\np,'Quoted title,boras-stad\r\n")

    run(path)

    assert Practice.objects.get(slug="p").title == "'Quoted title"


def test_it_reads_a_file_saved_with_semicolons_and_without_a_bom(tmp_path, lead):
    path = tmp_path / "in.csv"
    path.write_text(
        "Slug;Title;Lead organisation slug;Target groups\n"
        "p;Borås, Trøndelag and Euskadi;boras-stad;neets\n\n",
        encoding="utf-8",
    )

    run(path)

    practice = Practice.objects.get(slug="p")
    assert practice.title == "Borås, Trøndelag and Euskadi"
    assert list(practice.target_groups.values_list("slug", flat=True)) == ["neets"]


def test_an_empty_slug_makes_one_from_the_title(tmp_path, lead):
    run(write_csv(tmp_path / "in.csv", [{**good(""), "Title": "Ny väg till jobb"}]))

    assert Practice.objects.get().slug == "ny-vag-till-jobb"


def test_adapted_from_may_name_a_practice_further_down(tmp_path, lead):
    rows = [{**good("copy"), "Adapted from": "original"}, good("original")]

    run(write_csv(tmp_path / "in.csv", rows, [*MINIMAL, "Adapted from"]))

    assert Practice.objects.get(slug="copy").adapted_from.slug == "original"


def test_the_importer_reports_to_callers_without_raising(tmp_path, before):
    path = write_csv(tmp_path / "in.csv", [{**good("p"), "Start year": "x"}])

    with path.open("rb") as fileobj:
        result = import_practices(fileobj)
        assert not fileobj.closed

    assert not result.ok
    assert not result.written
    assert [str(error) for error in result.errors] == [
        "row 2, column Start year: “x” is not a year such as 2021."
    ]


# The admin upload page -------------------------------------------------------------------------

IMPORT_PAGE = "/admin/practices/practice/import-csv/"
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture
def upload_dir(tmp_path, monkeypatch):
    directory = tmp_path / "uploads"
    monkeypatch.setattr(admin_csv, "UPLOAD_DIR", directory)
    return directory


def upload(rows, headers=None, name="practices.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = headers or list(rows[0])
    writer.writerow(headers)
    for row in rows:
        writer.writerow([fmt.neutralise(row.get(h, "")) for h in headers])
    return SimpleUploadedFile(name, ("\ufeff" + buffer.getvalue()).encode(), "text/csv")


def test_the_import_page_is_wired_where_the_admin_links_to_it():
    assert reverse("admin:practices_practice_import_csv") == IMPORT_PAGE


def test_an_editor_previews_a_file_then_imports_it(client, editor, lead, upload_dir):
    client.force_login(editor)
    assert client.get(IMPORT_PAGE).status_code == 200
    row = {**good("jobbtorget"), "Lead organisation slug": "new-org", "Lead organisation": "New"}

    preview = client.post(IMPORT_PAGE, {"file": upload([row]), "create_missing": "on"})

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Dry run, nothing was written: the import would create 1 practice" in page
    assert "Organisation “New” (new-org) would be created" in page
    assert not Practice.objects.filter(slug="jobbtorget").exists()
    assert not Organisation.objects.filter(slug="new-org").exists()
    assert 'value="Import it"' in page

    done = client.post(IMPORT_PAGE, {"confirm": "Import it", "token": TOKEN.search(page)[1]})

    assert done.status_code == 302
    assert done["Location"] == reverse("admin:practices_practice_changelist")
    practice = Practice.objects.get(slug="jobbtorget")
    assert practice.status == Practice.Status.DRAFT
    assert practice.created_by == editor
    assert practice.history.latest().history_user == editor
    assert practice.lead_organisation.name == "New"
    shown = [str(m) for m in get_messages(done.wsgi_request)]
    assert "practices.csv: Imported: 1 practice created, 0 updated, 0 unchanged." in shown
    assert list(upload_dir.iterdir()) == []


def test_a_superuser_may_import(admin_client, lead, upload_dir):
    preview = admin_client.post(IMPORT_PAGE, {"file": upload([good("p")])})
    token = TOKEN.search(preview.content.decode())[1]

    admin_client.post(IMPORT_PAGE, {"confirm": "Import it", "token": token})

    assert Practice.objects.filter(slug="p").exists()


def test_the_preview_lists_the_row_errors_and_offers_no_import(client, editor, lead, upload_dir):
    client.force_login(editor)
    rows = [good("a"), {**good("b"), "Start year": "twenty", "Themes": "Astrology"}]

    response = client.post(IMPORT_PAGE, {"file": upload(rows, [*MINIMAL, "Start year", "Themes"])})

    page = response.content.decode()
    assert "Nothing was imported: 2 errors in the file." in page
    assert "row 3, column Start year: “twenty” is not a year such as 2021." in page
    assert "row 3, column Themes: unknown theme “Astrology”." in page
    assert 'value="Import it"' not in page
    assert list(upload_dir.iterdir()) == []
    assert not Practice.objects.filter(slug__in=["a", "b"]).exists()


def test_the_page_explains_a_file_that_is_not_a_practices_csv(client, editor, upload_dir):
    client.force_login(editor)
    junk = SimpleUploadedFile("photo.csv", os.urandom(100_000), "text/csv")

    response = client.post(IMPORT_PAGE, {"file": junk})

    assert response.status_code == 200
    assert "Nothing was imported: the file holds binary data" in response.content.decode()


def test_a_file_over_the_limit_is_refused(client, editor, monkeypatch, upload_dir):
    client.force_login(editor)
    monkeypatch.setattr(admin_csv, "MAX_UPLOAD_BYTES", 10)

    response = client.post(IMPORT_PAGE, {"file": upload([good("p")])})

    assert "at most 20 MB can be imported here" in response.content.decode()
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []


def test_a_confirmation_needs_the_preview_of_this_session(
    client, editor, admin_user, lead, upload_dir
):
    client.force_login(editor)
    preview = client.post(IMPORT_PAGE, {"file": upload([good("p")])})
    token = TOKEN.search(preview.content.decode())[1]
    client.force_login(admin_user)  # another person, another session

    response = client.post(IMPORT_PAGE, {"confirm": "Import it", "token": token})

    assert response.status_code == 302
    assert response["Location"] == IMPORT_PAGE
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["That preview has expired: choose the file again."]
    assert not Practice.objects.filter(slug="p").exists()


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "x" * 100])
def test_a_made_up_token_imports_nothing(client, editor, token, upload_dir):
    client.force_login(editor)

    response = client.post(IMPORT_PAGE, {"confirm": "Import it", "token": token})

    assert response.status_code == 302
    assert Practice.objects.count() == 0


def test_members_cannot_import(client, make_member, lead, upload_dir):
    member = make_member(lead)
    assert member.has_perm("practices.add_practice")
    client.force_login(member)

    assert client.get(IMPORT_PAGE).status_code == 403
    assert client.post(IMPORT_PAGE, {"file": upload([good("p")])}).status_code == 403
    assert not Practice.objects.filter(slug="p").exists()
    assert "Import CSV" not in client.get("/admin/practices/practice/").content.decode()


def test_staff_without_rights_and_visitors_cannot_import(client, user_factory):
    client.force_login(user_factory(is_staff=True, password=None))
    assert client.get(IMPORT_PAGE).status_code == 403

    client.logout()
    response = client.get(IMPORT_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editors_find_the_import_on_the_practice_list(client, editor):
    client.force_login(editor)

    page = client.get("/admin/practices/practice/").content.decode()

    assert f'href="{IMPORT_PAGE}">Import CSV</a>' in page
