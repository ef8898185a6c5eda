import pytest

from tests.factories import (
    FundingSourceFactory,
    OrganisationFactory,
    PracticeFactory,
    RegionFactory,
    TargetGroupFactory,
    ThemeFactory,
    UserFactory,
)


@pytest.fixture
def region_factory(db):
    return RegionFactory


@pytest.fixture
def organisation_factory(db):
    return OrganisationFactory


@pytest.fixture
def practice_factory(db):
    return PracticeFactory


@pytest.fixture
def target_group_factory(db):
    return TargetGroupFactory


@pytest.fixture
def theme_factory(db):
    return ThemeFactory


@pytest.fixture
def funding_source_factory(db):
    return FundingSourceFactory


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def published_practice(db):
    return PracticeFactory(published=True)
