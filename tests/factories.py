"""factory_boy factories shared by every test module (exposed as fixtures in conftest.py)."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from practices.models import FundingSource, Practice, TargetGroup, Theme
from regions.models import Organisation, Region


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    country = "ES"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.PUBLIC_EMPLOYMENT_SERVICE
    region = factory.SubFactory(RegionFactory)


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Target group {n}")
    slug = factory.Sequence(lambda n: f"target-group-{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    name = factory.Sequence(lambda n: f"Fund {n}")
    slug = factory.Sequence(lambda n: f"fund-{n}")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A complete practice. `published=True` publishes it; relations take lists:
    PracticeFactory(regions=[r], target_groups=[tg], themes=[t], funding_sources=[f])."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Practice.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )

    title = factory.Sequence(lambda n: f"Practice {n}")
    slug = factory.Sequence(lambda n: f"practice-{n}")
    summary = "A short summary of what the practice does."
    description = "A longer description of the practice."
    lead_organisation = factory.SubFactory(OrganisationFactory)
    kind = Practice.Kind.PROGRAMME
    level = Practice.Level.REGIONAL
    start_year = 2020
    status = Practice.Status.DRAFT

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            default = [self.lead_organisation.region] if self.lead_organisation.region else []
            self.regions.set(extracted if extracted is not None else default)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def funding_sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.funding_sources.set(extracted)

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organisations.set(extracted)

    @factory.post_generation
    def search_vector(self, create, extracted, **kwargs):
        if create:
            Practice.objects.filter(pk=self.pk).refresh_search_vectors()


def build_catalogue():
    """A small, known catalogue for the browse tests: five published practices and a draft.

    Returns a namespace with the regions, organisations, practices (by short name) and the
    seeded vocabularies used (looked up by slug from the data migration).
    """
    import datetime
    from types import SimpleNamespace

    tg = {t.slug: t for t in TargetGroup.objects.all()}
    th = {t.slug: t for t in Theme.objects.all()}
    fs = {f.slug: f for f in FundingSource.objects.all()}
    catalonia = RegionFactory(name="Catalonia", slug="catalonia", country="ES", nuts_code="ES51")
    basque = RegionFactory(name="Basque Country", slug="basque-country", country="ES")
    trondelag = RegionFactory(name="Trøndelag", slug="trondelag", country="NO")
    vastra = RegionFactory(name="Västra Götaland", slug="vastra-gotaland", country="SE")
    soc = OrganisationFactory(
        name="Servei Públic d'Ocupació de Catalunya", slug="soc", region=catalonia
    )
    ehlabe = OrganisationFactory(name="EHLABE", slug="ehlabe", region=basque)
    boras = OrganisationFactory(name="Borås Stad", slug="boras-stad", region=vastra)
    county = OrganisationFactory(name="Trøndelag County", slug="trondelag-county", region=trondelag)
    base = timezone.now() - datetime.timedelta(days=30)

    def at(days):
        return base + datetime.timedelta(days=days)

    this_year = timezone.localdate().year
    practices = SimpleNamespace(
        alma=PracticeFactory(
            published=True,
            published_at=at(1),
            title="ALMA: mobility for young people",
            slug="alma",
            summary="Stays abroad for young people not in employment, education or training.",
            description="A European mobility initiative run by the public employment services.",
            lead_organisation=soc,
            regions=[catalonia],
            target_groups=[tg["neets"]],
            themes=[th["learning-mobility"]],
            funding_sources=[fs["esf-plus"], fs["alma"]],
            kind=Practice.Kind.PROGRAMME,
            level=Practice.Level.REGIONAL,
            evidence_level=Practice.EvidenceLevel.EVALUATED,
            start_year=2022,
            end_year=None,
        ),
        ehlabe=PracticeFactory(
            published=True,
            published_at=at(2),
            title="Supported employment in the Basque Country",
            slug="supported-employment",
            summary="We adapt the work to the person, not the other way around.",
            description="Special employment centres and job coaches for persons with disabilities.",
            lead_organisation=ehlabe,
            regions=[basque],
            target_groups=[tg["persons-with-disabilities"]],
            themes=[th["inclusive-and-supported-employment"]],
            funding_sources=[fs["regional"]],
            kind=Practice.Kind.SERVICE,
            level=Practice.Level.REGIONAL,
            evidence_level=Practice.EvidenceLevel.INDEPENDENTLY_EVALUATED,
            start_year=2010,
            end_year=this_year,  # ends this year: still ongoing
        ),
        boras=PracticeFactory(
            published=True,
            published_at=at(3),
            title="Upskilling adults in Borås",
            slug="upskilling-boras",
            summary="Vocational courses for adults with little formal education.",
            description="Courses combining language and vocational training.",
            lead_organisation=boras,
            regions=[vastra],
            target_groups=[tg["adults-with-low-formal-education"], tg["migrants-and-refugees"]],
            themes=[th["upskilling-and-reskilling"]],
            funding_sources=[fs["esf-plus"], fs["national"]],
            kind=Practice.Kind.PROJECT,
            level=Practice.Level.LOCAL,
            evidence_level=Practice.EvidenceLevel.MONITORED,
            start_year=2018,
            end_year=2021,
        ),
        trondelag=PracticeFactory(
            published=True,
            published_at=at(4),
            title="Keeping older workers in Trøndelag",
            slug="older-workers-trondelag",
            summary="Helping people stay in work as their needs change.",
            description="Workplace adjustments and employment for older workers.",
            lead_organisation=county,
            regions=[trondelag],
            target_groups=[tg["older-workers"], tg["persons-with-disabilities"]],
            themes=[th["retention-in-work"]],
            funding_sources=[fs["regional"]],
            kind=Practice.Kind.POLICY,
            level=Practice.Level.REGIONAL,
            evidence_level=Practice.EvidenceLevel.NOT_EVALUATED,
            start_year=2023,
            end_year=None,
        ),
        cross=PracticeFactory(
            published=True,
            published_at=at(5),
            title="Cross-border guidance for NEETs",
            slug="cross-border-guidance",
            summary="Guidance practitioners learn from each other across borders.",
            description="Peer learning between Catalonia, the Basque Country and Trøndelag.",
            lead_organisation=soc,
            partner_organisations=[ehlabe, county],
            regions=[catalonia, basque, trondelag],
            target_groups=[tg["neets"], tg["migrants-and-refugees"]],
            themes=[th["guidance-and-counselling"], th["learning-mobility"]],
            funding_sources=[fs["erasmus-plus"]],
            kind=Practice.Kind.PROJECT,
            level=Practice.Level.EUROPEAN,
            evidence_level=Practice.EvidenceLevel.MONITORED,
            start_year=2015,
            end_year=2019,
        ),
        draft=PracticeFactory(
            title="A draft about NEETs in Catalonia",
            slug="draft-neets",
            lead_organisation=soc,
            regions=[catalonia],
            target_groups=[tg["neets"]],
            themes=[th["learning-mobility"]],
            start_year=2024,
        ),
    )
    return SimpleNamespace(
        regions=SimpleNamespace(
            catalonia=catalonia, basque=basque, trondelag=trondelag, vastra=vastra
        ),
        organisations=SimpleNamespace(soc=soc, ehlabe=ehlabe, boras=boras, county=county),
        practices=practices,
        published=[
            practices.alma,
            practices.ehlabe,
            practices.boras,
            practices.trondelag,
            practices.cross,
        ],
        target_groups=tg,
        themes=th,
        funding=fs,
    )
