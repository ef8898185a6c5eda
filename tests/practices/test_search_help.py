"""Help for searches that find little and lists that find nothing (browse/suggestions.py), and
addresses that carry only what is in use."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_a_typo_gets_did_you_mean_from_the_catalogues_words(client, demo):
    response = client.get("/practices/", {"q": "disabilty"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "disability"
    html = response.content.decode()
    assert 'Did you mean <a href="?q=disability" rel="nofollow">disability</a>?' in html


def test_the_suggestion_keeps_the_other_filters_and_words(client, demo):
    response = client.get("/practices/", {"q": "mentoring unemployd", "country": "ES"})
    assert response.context["suggestion"] == "mentoring unemployed"
    assert "country=ES" in response.context["suggestion_query"]


def test_a_search_with_results_or_no_better_spelling_gets_no_suggestion(client, demo):
    assert "suggestion" not in client.get("/practices/", {"q": "disability"}).context
    assert client.get("/practices/", {"q": "zqxjv"}).context["suggestion"] is None


def test_an_empty_list_says_which_filter_to_remove_and_what_it_gives(client, demo):
    response = client.get("/practices/", {"country": "SE", "target_group": "neets"})
    assert response.context["total"] == 0
    hints = response.context["removal_hints"]
    without_country = client.get("/practices/", {"target_group": "neets"}).context["total"]
    without_group = client.get("/practices/", {"country": "SE"}).context["total"]
    assert [(h.query, h.count) for h in hints] == sorted(
        [("target_group=neets", without_country), ("country=SE", without_group)],
        key=lambda pair: -pair[1],
    )
    html = response.content.decode()
    assert "Remove one filter to find practices:" in html
    assert "Remove “Country: Sweden”" in html


def test_a_single_filter_is_cleared_not_hinted(client, demo):
    response = client.get("/practices/", {"q": "zqxjv"})
    assert response.context["removal_hints"] == []
    assert "clear all filters" in response.content.decode()


def test_an_empty_list_has_no_skip_link_to_its_results(client, demo):
    html = client.get("/practices/", {"q": "zqxjv"}).content.decode()
    assert "Skip to the" not in html
    html = client.get("/practices/").content.decode()
    assert "Skip to the" in html


@pytest.mark.parametrize(
    ("asked", "clean"),
    [
        ("?q=&country=ES&start_from=&start_to=&sort=", "/practices/?country=ES"),
        ("?q=&sort=", "/practices/"),
        ("?target_group=neets&target_group=&page=", "/practices/?target_group=neets"),
    ],
)
def test_empty_parameters_redirect_to_the_address_in_use(client, demo, asked, clean):
    response = client.get("/practices/" + asked)
    assert response.status_code == 302
    assert response["Location"] == clean


def test_an_address_with_only_what_is_used_is_served(client, demo):
    assert client.get("/practices/?country=ES&sort=title&page=1").status_code == 200


def test_region_and_vocabulary_pages_clean_their_addresses_too(client, demo):
    response = client.get("/regions/catalonia/?q=&theme=")
    assert (response.status_code, response["Location"]) == (302, "/regions/catalonia/")
    response = client.get("/target-groups/neets/?q=")
    assert response.status_code == 302
