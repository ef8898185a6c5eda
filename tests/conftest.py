import pytest
from django.test import Client

from tests.factories import (
    FundingSourceFactory,
    OrganisationFactory,
    PracticeFactory,
    RegionFactory,
    TargetGroupFactory,
    ThemeFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request in another language leaves its language active in
    the thread, as it would for the next request a server thread handles (which sets its own)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


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


class SignedInClient(Client):
    """Django's test client whose force_login signs in with both factors, as it skips the
    password: an editor or superuser gets a confirmed authenticator app and a verified session.
    Tests of the second factor itself pass `verified=False`."""

    def force_login(self, user, backend=None, *, verified=True):
        super().force_login(user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from practices.accounts import two_factor

        if not verified or not (two_factor.is_required(user) or two_factor.has_second_factor(user)):
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture
def admin_client(admin_user):
    client = SignedInClient()
    client.force_login(admin_user)
    return client
