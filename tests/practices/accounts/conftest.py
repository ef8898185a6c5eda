import re

import pytest
from django.core import mail


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Accounts are created and signed in to many times; the hasher's cost is not tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def link_in(message) -> str:
    """The one link in an e-mail, as a path."""
    urls = re.findall(r"https?://\S+", message.body)
    assert len(urls) == 1, message.body
    return "/" + urls[0].split("/", 3)[3]


@pytest.fixture
def last_link():
    return lambda: link_in(mail.outbox[-1])
