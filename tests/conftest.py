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


@pytest.fixture
def make_member(db):
    """make_member(org, ...): a staff user in the Member group acting for those organisations."""
    from django.contrib.auth.models import Group

    def make(*organisations, **kwargs):
        # No password (tests log in with force_login): hashing one costs a second each.
        kwargs.setdefault("password", None)
        user = UserFactory(is_staff=True, **kwargs)
        user.groups.add(Group.objects.get(name="Member"))
        for organisation in organisations:
            organisation.members.add(user)
        return user

    return make


@pytest.fixture
def editor(db):
    """A staff user in the Editor group (created by migration practices/0005)."""
    from django.contrib.auth.models import Group

    user = UserFactory(username="editor", is_staff=True, password=None)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def catalogue(db):
    """Five published practices and a draft with known relations: see factories.build_catalogue."""
    from tests.factories import build_catalogue

    return build_catalogue()
