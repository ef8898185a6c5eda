"""Downloaded files are named for what they hold: practices.exchange.filenames."""

import datetime

import pytest
from django.http import QueryDict

from practices.browse.selectors import filter_practices
from practices.exchange.filenames import MAX_FILTER_LENGTH, export_filename

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 3)


def name_for(query: str) -> str:
    cleaned = filter_practices(QueryDict(query)).cleaned_data
    return export_filename(cleaned, extension="csv", day=DAY)


def test_an_unfiltered_list_is_named_for_the_day(catalogue):
    assert name_for("") == "earlall-practices-2026-12-03.csv"


def test_a_filtered_list_carries_its_filters_people_first(catalogue):
    assert name_for("country=ES&target_group=neets") == (
        "earlall-practices-neets-spain-2026-12-03.csv"
    )


def test_searches_years_and_accents_become_safe_ascii(catalogue):
    name = name_for("q=Trøndelag+“Mobility”/..%5C&start_from=2019&sort=title")
    assert name == "earlall-practices-trondelag-mobility-from-2019-2026-12-03.csv"


def test_unknown_values_are_not_in_the_name(catalogue):
    assert name_for("target_group=no-such-group&country=ZZ") == "earlall-practices-2026-12-03.csv"


def test_long_names_are_cut_at_whole_filters(catalogue):
    name = name_for("q=" + "word " * 40 + "&country=ES&country=NO&country=SE")
    described = name.removeprefix("earlall-practices-").removesuffix("-2026-12-03.csv")
    assert 0 < len(described) <= MAX_FILTER_LENGTH
    assert all(
        character.isascii() and (character.isalnum() or character == "-")
        for character in name.removesuffix(".csv")
    )


def test_the_csv_download_is_named_for_its_filters(client, catalogue):
    response = client.get("/practices/export.csv", {"target_group": "neets", "country": "ES"})
    assert 'filename="earlall-practices-neets-spain-' in response["Content-Disposition"]
