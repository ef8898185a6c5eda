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
