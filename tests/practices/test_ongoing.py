""" "Ongoing" is decided in one place (practices.models.ongoing_condition / is_ongoing) on one
clock, the local date: the practice itself, the filter and the facet counts agree, even in the
hour when UTC and Brussels are in different years."""

import datetime
from unittest import mock

import pytest
from django.http import QueryDict

from practices.browse.cache import clear
from practices.browse.facets import compute_facets
from practices.browse.selectors import filter_practices
from practices.models import this_year

# 23:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Brussels (TIME_ZONE).
NEW_YEAR_IN_BRUSSELS = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def new_year():
    clear()
    with mock.patch("django.utils.timezone.now", return_value=NEW_YEAR_IN_BRUSSELS):
        yield
    clear()


def titles(query):
    return {practice.title for practice in filter_practices(QueryDict(query)).qs}


def test_the_year_is_the_local_one(settings, new_year):
    settings.TIME_ZONE = "Europe/Brussels"
    assert this_year() == 2027


def test_a_practice_that_ended_last_year_is_completed_everywhere(
    practice_factory, settings, new_year
):
    settings.TIME_ZONE = "Europe/Brussels"
    ended = practice_factory(published=True, title="Ended", start_year=2020, end_year=2026)
    practice_factory(published=True, title="Running", start_year=2020, end_year=2027)

    assert not ended.is_ongoing
    assert titles("status=ongoing") == {"Running"}
    assert titles("status=completed") == {"Ended"}
    facets = compute_facets(filter_practices(QueryDict("")).selection)
    status = {option.value: option.count for option in facets["status"].options}
    assert status == {"ongoing": 1, "completed": 1}
