"""Export a catalogue, import the file into an empty one, export again: the same bytes."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from practices.exchange import csv_format as fmt
from practices.models import FundingSource, Practice, TargetGroup, Theme
from regions.models import Organisation, Region

EXPORT_URL = "/practices/export.csv"


@pytest.fixture
def hard_catalogue(practice_factory, region_factory, organisation_factory):
    """Practices that use every column, with the text that is hardest to carry."""
    trondelag = region_factory(name="Trøndelag", slug="trondelag", country="NO")
    boras = region_factory(name="Borås", slug="boras", country="SE")
    euskadi = region_factory(name="Euskadi", slug="euskadi", country="ES")
    ehlabe = organisation_factory(name="EHLABE", slug="ehlabe", region=euskadi)
    boras_stad = organisation_factory(name="Borås Stad", slug="boras-stad", region=boras)
    network = organisation_factory(name="=EARLALL network", slug="earlall", region=None)
    now = timezone.now()

    original = practice_factory(
        published=True,
        slug="ungdomsgaranti",
        title="Ungdomsgaranti i Trøndelag",
        original_title="Ungdomsgaranti",
        summary="-2 % early leavers; «garanti» for everyone under 25",
        description='First line\r\nSecond line, with "quotes" and a comma\n\tand a tab',
        lead_organisation=organisation_factory(name="Trøndelag fylkeskommune", region=trondelag),
        partner_organisations=[network, boras_stad],
        regions=[trondelag],
        target_groups=list(TargetGroup.objects.filter(slug__in=["neets", "young-people"])),
        themes=list(Theme.objects.filter(slug="guidance-and-counselling")),
        funding_sources=list(FundingSource.objects.filter(slug__in=["esf-plus", "regional"])),
        kind=Practice.Kind.POLICY,
        level=Practice.Level.REGIONAL,
        start_year=2019,
        end_year=2023,
        people_reached=12000,
        resources="@ 3 FTE",
        results="+40 % in training",
        success_factors="=SUM(A1:A9)",
        challenges="\rcarriage return first",
        evidence_level=Practice.EvidenceLevel.INDEPENDENTLY_EVALUATED,
        evaluation_note="'quoted on purpose",
        transferability="Needs a regional youth agency.",
        key_lesson="Start early.",
        website="https://trondelag.example/ungdomsgaranti",
        public_contact_email="post@trondelag.example",
        contact_name="Kari Nordmann",
        contact_email="kari@trondelag.example",
        contact_email_is_public=True,
        original_language="nb",
        published_at=now - datetime.timedelta(days=30),
        last_reviewed_on=datetime.date(2026, 1, 31),
    )
    practice_factory(
        published=True,
        slug="ehlabe-supported-employment",
        title="Supported employment in Euskadi",
        lead_organisation=ehlabe,
        partner_organisations=[boras_stad],
        regions=[euskadi, boras, trondelag],
        target_groups=list(TargetGroup.objects.filter(slug="persons-with-disabilities")),
        themes=list(Theme.objects.filter(slug="inclusive-and-supported-employment")),
        kind=Practice.Kind.SERVICE,
        level=Practice.Level.CROSS_BORDER,
        start_year=2021,
        end_year=None,
        contact_name="Private Person",
        contact_email="private@ehlabe.example",
        contact_email_is_public=False,
        original_language="eu",
        adapted_from=original,
        published_at=now - datetime.timedelta(days=3),
    )
    practice_factory(
        published=True,
        slug="jobbtorget",
        title="Jobbtorget",
        lead_organisation=boras_stad,
        regions=[],
        start_year=None,
        adapted_from=practice_factory(slug="a-draft", status="draft"),
        published_at=now - datetime.timedelta(days=4),
    )
    for _n in range(5):
        practice_factory(published=True, lead_organisation=ehlabe, regions=[euskadi])
    practice_factory(slug="still-a-draft", status="draft", lead_organisation=ehlabe)


def export(client) -> bytes:
    response = client.get(EXPORT_URL)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def import_file(tmp_path: Path, body: bytes, *args) -> str:
    path = tmp_path / "practices.csv"
    path.write_bytes(body)
    out = io.StringIO()
    call_command("import_practices", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def empty_the_catalogue():
    """What a new installation has: the vocabularies its migrations seed, nothing else."""
    Practice.objects.all().delete()
    Organisation.objects.all().delete()
    Region.objects.all().delete()
    assert TargetGroup.objects.exists()


def test_export_import_into_an_empty_catalogue_export_gives_identical_files(
    client, tmp_path, hard_catalogue
):
    first = export(client)
    published = dict(Practice.objects.published().values_list("slug", "published_at"))
    empty_the_catalogue()

    out = import_file(tmp_path, first, "--create-missing")
    second = export(client)

    assert "Imported: 8 practices created, 0 updated, 0 unchanged." in out
    assert second == first
    assert dict(Practice.objects.published().values_list("slug", "published_at")) == published
    assert Practice.objects.count() == len(published)


def test_the_round_trip_file_carries_what_it_must(client, hard_catalogue):
    text = export(client).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 9  # the header and eight published practices
    for needle in ["Trøndelag", "Borås", "Euskadi", "'=SUM(A1:A9)", "'=EARLALL network"]:
        assert needle in text
    assert "private@ehlabe.example" not in text
    assert "a-draft" not in text
    assert "still-a-draft" not in text


def test_reimporting_an_export_into_the_same_catalogue_changes_nothing(
    client, tmp_path, hard_catalogue
):
    first = export(client)
    updated = dict(Practice.objects.values_list("slug", "updated_at"))

    out = import_file(tmp_path, first)

    assert "Imported: 0 practices created, 0 updated, 8 unchanged." in out
    assert dict(Practice.objects.values_list("slug", "updated_at")) == updated
    assert export(client) == first


def test_the_readme_documents_every_column():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = re.search(r"^## CSV export and import$(.*?)(?=^## |\Z)", readme, re.M | re.S)

    assert section, "README.md needs a “CSV export and import” section"
    missing = [h for h in fmt.HEADERS if f"| {h} |" not in section.group(1)]
    assert missing == []
