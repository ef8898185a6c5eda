import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from practices import demo_data
from practices.management.commands import load_demo
from practices.models import FundingSource, Practice, TargetGroup, Theme
from regions.models import Organisation, Region

pytestmark = pytest.mark.django_db

MEETING_SLUGS = [
    "alma-catalonia",
    "ehlabe-inclusive-employment-models",
    "boras-upskilling-lower-formal-education",
    "trondelag-cooperation-on-inclusion",
    "regional-skills-partnership-lifelong-learning-mobility",
]
TEXT_FIELDS = [
    "title",
    "summary",
    "description",
    "resources",
    "results",
    "success_factors",
    "challenges",
    "evaluation_note",
    "transferability",
    "key_lesson",
]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="class")
def demo_for_class(django_db_setup, django_db_blocker):
    """The demo data loaded once for a class of read-only tests, rolled back after them; each
    test still runs in its own savepoint (the `db` fixture)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def snapshot():
    """Every model's row count, and every demo-relevant row in full (timestamps included, so a
    needless save shows up as a changed updated_at)."""
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed  # PracticeText maps SQLite's FTS table, which PostgreSQL lacks
    }
    rows = {}
    for model in [Region, Organisation, Practice]:
        rows[model._meta.label] = list(
            model.objects.order_by("pk").values(*[f.attname for f in model._meta.concrete_fields])
        )
    for name in load_demo.LINK_FIELDS:
        through = Practice._meta.get_field(name).remote_field.through
        rows[name] = list(through.objects.order_by("pk").values_list())
    for related in ["references", "identifiers"]:
        model = Practice._meta.get_field(related).related_model
        rows[related] = list(model.objects.order_by("pk").values_list())
    return counts, rows


@pytest.mark.usefixtures("demo_for_class", "db")
class TestTheDemoContent:
    # --- The meeting's practices ------------------------------------------------------------------

    def test_it_loads_alma_under_catalonias_public_employment_services(self):
        alma = Practice.objects.get(slug="alma-catalonia")

        assert alma.is_published
        assert alma.lead_organisation.name == "Servei Públic d'Ocupació de Catalunya"
        assert alma.lead_organisation.kind == Organisation.Kind.PUBLIC_EMPLOYMENT_SERVICE
        assert [(r.name, r.nuts_code) for r in alma.regions.all()] == [("Catalonia", "ES51")]
        assert set(alma.funding_sources.values_list("slug", flat=True)) == {"alma", "esf-plus"}
        assert list(alma.target_groups.values_list("slug", flat=True)) == ["neets"]
        assert "aged 18\u201329" in alma.summary  # an en dash, as in the report
        assert alma.start_year is None  # the meeting report gives no year

    def test_it_quotes_ehlabes_guiding_principle(self):
        ehlabe = Practice.objects.get(slug="ehlabe-inclusive-employment-models")

        assert ehlabe.key_lesson == "We adapt the work to the person, not the other way around."
        assert ehlabe.lead_organisation.name == "EHLABE"
        assert ehlabe.regions.get().name == "Basque Country"
        assert ehlabe.target_groups.filter(slug="persons-with-disabilities").exists()

    def test_it_loads_boras_trondelag_and_the_skills_partnership(self):
        boras = Practice.objects.get(slug="boras-upskilling-lower-formal-education")
        trondelag = Practice.objects.get(slug="trondelag-cooperation-on-inclusion")
        partnership = Practice.objects.get(
            slug="regional-skills-partnership-lifelong-learning-mobility"
        )

        assert boras.lead_organisation.name == "Borås Stad"
        assert boras.regions.get().nuts_code == "SE232"
        assert boras.target_groups.get().slug == "adults-with-low-formal-education"
        assert trondelag.regions.get().name == "Trøndelag"
        assert trondelag.themes.filter(slug="retention-in-work").exists()
        assert partnership.level == Practice.Level.EUROPEAN
        assert "Pact for Skills" in partnership.summary
        earlall = partnership.lead_organisation
        assert (earlall.name, earlall.kind, earlall.region) == ("EARLALL", "network", None)

    def test_the_meeting_regions_have_their_nuts_codes_and_are_members(self):
        members = dict(Region.objects.members().values_list("nuts_code", "name"))

        assert members == {
            "ES51": "Catalonia",
            "ES21": "Basque Country",
            "NO06": "Trøndelag",
            "SE232": "Västra Götaland",
        }

    def test_it_invents_no_figures(self):
        """People reached stays empty everywhere; the only rate is the report's own 7%."""
        assert not Practice.objects.filter(people_reached__isnull=False).exists()
        percentages = [
            match
            for practice in Practice.objects.all()
            for field in TEXT_FIELDS
            for match in re.findall(r"\d+(?:[.,]\d+)?\s*(?:%|per ?cent)", getattr(practice, field))
        ]
        assert percentages == ["7%"]
        assert "approximately 7%" in Practice.objects.get(slug=MEETING_SLUGS[2]).description

    def test_the_meeting_practices_cite_the_meeting_report(self):
        for slug in MEETING_SLUGS:
            practice = Practice.objects.get(slug=slug)
            assert practice.references.filter(url=demo_data.MEETING_REPORT[1]).exists(), slug

    # --- Something behind every filter ------------------------------------------------------------

    def test_every_filter_option_has_a_published_practice(self):
        published = Practice.objects.published()
        this_year = datetime.date.today().year
        empty = []
        for model, relation in [
            (TargetGroup, "target_groups"),
            (Theme, "themes"),
            (FundingSource, "funding_sources"),
        ]:
            for term in model.objects.all():
                if not published.filter(**{relation: term}).exists():
                    empty.append(f"{relation}={term.slug}")
        for field, choices in [
            ("kind", Practice.Kind),
            ("level", Practice.Level),
            ("evidence_level", Practice.EvidenceLevel),
        ]:
            for value in choices.values:
                if not published.filter(**{field: value}).exists():
                    empty.append(f"{field}={value}")
        if not published.filter(end_year__isnull=True).exists():
            empty.append("ongoing")
        if not published.filter(end_year__lt=this_year).exists():
            empty.append("completed")

        assert empty == []
        assert published.values("regions__country").distinct().count() >= 8
        assert published.values("start_year").distinct().count() >= 8

    def test_it_shows_every_step_of_the_workflow(self):
        statuses = set(Practice.objects.values_list("status", flat=True))

        assert statuses == set(Practice.Status.values)
        assert not Practice.objects.published().filter(published_at__isnull=True).exists()
        assert not Practice.objects.published().filter(last_reviewed_on__isnull=True).exists()
        assert Practice.objects.get(status=Practice.Status.SUBMITTED).submitted_at is not None

    def test_it_shows_what_spread_where(self):
        adaptations = Practice.objects.filter(adapted_from__isnull=False).select_related(
            "adapted_from"
        )

        assert adaptations.count() >= 3
        for practice in adaptations:
            assert practice.adapted_from.regions.first() != practice.regions.first()

    def test_it_has_public_and_private_contacts_and_original_titles(self):
        with_contact = Practice.objects.exclude(contact_email="")

        assert with_contact.filter(contact_email_is_public=True).exists()
        assert with_contact.filter(contact_email_is_public=False).exists()
        languages = set(
            Practice.objects.exclude(original_title="").values_list("original_language", flat=True)
        )
        assert {"ca", "eu", "sv", "nb", "it", "de"} <= languages
        assert Practice.objects.filter(references__isnull=False).count() >= 10
        assert Practice.objects.filter(identifiers__isnull=False).exists()
        assert Practice.objects.filter(partner_organisations__isnull=False).exists()

    def test_it_creates_no_users(self):
        assert get_user_model().objects.count() == 0


# --- Idempotence -----------------------------------------------------------------------------


def test_a_second_run_changes_nothing(demo):
    before = snapshot()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert snapshot() == before
    assert f"Practices: {len(demo_data.PRACTICES)} (0 created, 0 updated," in out.getvalue()


def test_a_second_run_restores_edited_demo_content(demo):
    alma = Practice.objects.get(slug="alma-catalonia")
    alma.title = "Edited"
    alma.save()
    alma.regions.clear()
    alma.references.all().delete()

    call_command("load_demo", verbosity=0)

    alma.refresh_from_db()
    assert alma.title.startswith("ALMA")
    assert alma.regions.get().slug == "catalonia"
    assert alma.references.count() == 2


def test_it_prints_what_it_loaded(db):
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert f"Practices: {len(demo_data.PRACTICES)} ({len(demo_data.PRACTICES)} created" in (
        out.getvalue()
    )
    assert f"Regions: {len(demo_data.REGIONS)}" in out.getvalue()
