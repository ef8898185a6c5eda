"""The catalogue cache, per process (LocMemCache) or shared by every worker and server (Redis,
CACHE_URL): never stale after a write, and with Redis one worker's entry serves all. Runs against
the Redis these machines run at 127.0.0.1:6379 (its database 15); CI starts it if it is down."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from practices.browse import cache
from practices.models import Practice, Theme
from tests.test_settings import run

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"
BACKENDS = {
    "per-process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "test-catalogue",
    },
}


@pytest.fixture(params=list(BACKENDS))
def catalogue_cache(request, settings):
    """The catalogue cache in each backend; emptied before and after."""
    with override_settings(CACHES={**settings.CACHES, "catalogue": BACKENDS[request.param]}):
        cache.clear()  # override_settings gave the handler the backend asked for
        yield request.param
        cache.clear()


def test_a_page_is_served_from_the_cache_until_a_write(
    client, catalogue, catalogue_cache, django_assert_num_queries
):
    client.get("/practices/")
    with django_assert_num_queries(1):  # the catalogue version alone
        html = client.get("/practices/").content.decode()
    assert "5 practices" in html
    Practice.objects.filter(pk=Practice.objects.published().first().pk).update(
        status=Practice.Status.ARCHIVED
    )
    assert "4 practices" in client.get("/practices/").content.decode()


def test_a_renamed_term_shows_at_once(client, catalogue, catalogue_cache):
    client.get("/practices/")
    Theme.objects.filter(slug="learning-mobility").update(name="Mobility for learners")
    assert "Mobility for learners" in client.get("/practices/").content.decode()


@pytest.fixture
def redis_catalogue_cache(settings):
    with override_settings(CACHES={**settings.CACHES, "catalogue": BACKENDS["redis"]}):
        cache.clear()
        yield
        cache.clear()


def test_with_redis_one_workers_entry_serves_every_worker(
    client, catalogue, redis_catalogue_cache, django_assert_num_queries
):
    client.get("/practices/?target_group=neets")
    # Another worker or server: its own connection to the same Redis finds the entries.
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-catalogue"})
    assert other._cache.get_client().keys("test-catalogue:*"), "nothing was stored in Redis"
    version = cache.catalogue_version()
    key = cache.cache_key(version, "facet panel", ("example",))
    caches[cache.CACHE_ALIAS].set(key, "<ul>rendered once</ul>")
    assert other.get(key) == "<ul>rendered once</ul>"
    # Whichever worker answers next reads the entries: the version query alone.
    with django_assert_num_queries(1):
        assert client.get("/practices/?target_group=neets").status_code == 200


def test_the_redis_backend_is_chosen_by_cache_url():
    code = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.CACHES['catalogue']['BACKEND'], settings.CACHES['catalogue']['LOCATION'])"
    )
    env = {"CACHE_URL": "redis://cache.example.org:6379/2", "CATALOGUE_CACHE": "1"}
    result = run(["-c", code], DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example.org:6379/2",
    ]
    result = run(["-c", code], DEBUG="1", CACHE_URL="memcached://cache:11211")
    assert result.returncode != 0
    assert "CACHE_URL must be a Redis URL" in result.stderr
