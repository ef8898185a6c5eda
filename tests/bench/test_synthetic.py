"""The synthetic catalogue the benchmark runs on (bench/synthetic.py, bench/load_synthetic.py)."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection

from bench import bulk, load_synthetic, synthetic
from practices.models import Practice
from regions.models import Organisation, Region

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="search vectors and the staged bulk load exist on PostgreSQL only",
)


def synthetic_practices():
    return Practice.objects.filter(slug__startswith=synthetic.SYNTHETIC_PREFIX)


def test_synthetic_loads_the_number_asked_and_never_duplicates(db):
    synthetic.load(50)
    assert synthetic_practices().count() == 50
    first_ids = set(synthetic_practices().values_list("pk", flat=True))

    synthetic.load(50)
    assert set(synthetic_practices().values_list("pk", flat=True)) == first_ids

    synthetic.load(60)
    assert synthetic_practices().count() == 60
    assert set(synthetic_practices().values_list("slug", flat=True)) == {
        f"synthetic-{n:06d}" for n in range(1, 61)
    }
    assert first_ids < set(synthetic_practices().values_list("pk", flat=True))
    connection.check_constraints()  # the foreign keys of the raw inserts hold


def test_synthetic_practices_are_complete_and_plausible(db):
    synthetic.load(60)
    practices = synthetic_practices().prefetch_related("regions", "target_groups", "themes")

    for practice in practices:
        assert practice.lead_organisation.slug.startswith("synthetic-")
        assert 1 <= len(practice.regions.all()) <= 3
        assert practice.target_groups.all()
        assert len(practice.themes.all()) == 3
        assert practice.summary
        assert practice.description
        assert (practice.published_at is not None) == (practice.status in ("published", "archived"))
    assert practices.published().count() > 40
    assert practices.filter(status=Practice.Status.DRAFT).exists()
    assert Region.objects.filter(slug__startswith="synthetic-").count() == 150
    assert Organisation.objects.filter(slug__startswith="synthetic-").count() == 600
    assert (
        Region.objects.filter(slug__startswith="synthetic-").values("country").distinct().count()
        > 20
    )
    words = " ".join(practices.values_list("description", flat=True)).lower()
    assert {"employment", "apprenticeship", "guidance"} <= set(re.findall(r"[a-z]+", words))


def test_a_synthetic_practice_depends_only_on_its_number():
    organisations = [(i, f"Organisation {i}", i % 5, f"Region {i % 5}") for i in range(600)]
    vocabularies = {
        "target_groups": {"neets": 1, "older-workers": 2, "women": 3},
        "themes": {"digital-skills": 1, "learning-mobility": 2, "retention-in-work": 3},
        "funding_sources": {"esf-plus": 1, "erasmus-plus": 2},
    }

    def build(number):
        return synthetic.build_synthetic_practice(number, organisations, range(5), vocabularies)

    assert build(12345) == build(12345)
    assert build(12345) != build(12346)


def test_synthetic_titles_stay_unique_per_lead_organisation():
    titles = {}
    for number in range(1, 600 * 2200, 600):  # every practice of one lead, past a wrap-around
        parts = synthetic.synthetic_title_parts(number)
        assert parts not in titles, (number, titles.get(parts))
        titles[parts] = number


def test_the_script_refuses_a_negative_count(capsys):
    with pytest.raises(SystemExit):
        load_synthetic.main(["-1"])

    assert "N is a number from 0 to 2,000,000, not '-1'" in capsys.readouterr().err


def test_the_script_says_what_it_made(db, capsys):
    assert load_synthetic.main(["12", "-v", "2"]) == 0
    assert load_synthetic.main(["10"]) == 0

    out = capsys.readouterr().out
    assert "Synthetic practices: 12 created, 12 exist" in out
    assert "insert practices:" in out
    assert "Synthetic practices: 0 created, 12 exist" in out
    assert "More than 10 synthetic practices exist already" in out


@on_postgresql
@pytest.mark.postgres
def test_it_fills_the_search_vectors(db):
    call_command("load_demo", verbosity=0)
    synthetic.load(30)

    assert not Practice.objects.filter(search__isnull=True).exists()
    found = Practice.objects.filter(search__vector=SearchQuery("mobility", config="english"))
    assert found.filter(slug="alma-catalonia").exists()
    # Organisation names are part of the vector: unaccented "Boras" finds Borås Stad's practice.
    assert Practice.objects.filter(
        search__vector=SearchQuery("Boras", config="english"),
        slug="boras-upskilling-lower-formal-education",
    ).exists()


@on_postgresql
@pytest.mark.postgres
def test_staged_search_vectors_equal_the_models_own(db):
    synthetic.ensure_synthetic_practices(30)
    staged = dict(synthetic_practices().values_list("pk", "search__vector"))

    synthetic_practices().refresh_search_vectors()

    assert dict(synthetic_practices().values_list("pk", "search__vector")) == staged
    assert bulk.StagedPracticeTable.usable()


@on_postgresql
@pytest.mark.postgres
def test_the_unstaged_fallback_fills_the_search_vectors_too(db, monkeypatch):
    monkeypatch.setattr(bulk.StagedPracticeTable, "usable", classmethod(lambda cls: False))

    synthetic.ensure_synthetic_practices(10)

    assert synthetic_practices().count() == 10
    assert not synthetic_practices().filter(search__isnull=True).exists()
    connection.check_constraints()
