"""One practice's page at /practices/<slug>/."""

import datetime
import re
from html import unescape

import pytest
from django.db.models import OuterRef, Subquery

from practices.models import ExternalIdentifier, Practice, PracticeReference
from regions.models import Organisation

pytestmark = pytest.mark.django_db


def page(client, practice):
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.fixture
def complete(catalogue):
    """The cross-border practice with every public field filled in."""
    practice = catalogue.practices.cross
    Practice.objects.filter(pk=practice.pk).update(
        original_title="Orientación transfronteriza",
        original_language="es",
        key_lesson="Meet the people you send young people to.",
        results="Forty advisers took part.",
        success_factors="Time for visits.",
        challenges="Language barriers at first.",
        resources="Two coordinators part-time.",
        evaluation_note="Surveys after each visit.",
        transferability="Any region with a youth guarantee scheme.",
        people_reached=1200,
        website="https://example.org/cross-border",
        public_contact_email="info@example.org",
        contact_name="Ana Ruiz",
        contact_email="ana.ruiz@example.org",
        contact_email_is_public=False,
    )
    PracticeReference.objects.create(
        practice=practice,
        title="Final evaluation report",
        url="https://example.org/report.pdf",
        date=datetime.date(2020, 3, 1),
    )
    ExternalIdentifier.objects.create(
        practice=practice, scheme=ExternalIdentifier.Scheme.ERASMUS_PLUS, value="2015-1-ES01-KA202"
    )
    practice.refresh_from_db()
    return practice


def test_it_shows_every_public_field(client, complete):
    html = page(client, complete)
    for text in [
        '<h1 lang="en">Cross-border guidance for NEETs</h1>',
        '<span lang="es">Orientación transfronteriza</span>',
        "Guidance practitioners learn from each other across borders.",
        "Meet the people you send young people to.",
        "Peer learning between Catalonia",
        "Forty advisers took part.",
        "Time for visits.",
        "Language barriers at first.",
        "Two coordinators part-time.",
        "Surveys after each visit.",
        "Any region with a youth guarantee scheme.",
        "1,200 people",
        "European",
        "Project",
        "2015 to 2019",
        "(completed)",
        "Erasmus+",
        "Monitored",
        'Erasmus+ project number: <span class="identifier">2015-1-ES01-KA202</span>',
        '<a href="https://example.org/report.pdf" rel="external">Final evaluation report</a>',
        "1 March 2020",
        "https://example.org/cross-border",
        "mailto:info@example.org",
        "Ana Ruiz",
        "Spanish",
    ]:
        assert text in html, text


def test_its_terms_link_to_the_filtered_lists(client, complete):
    html = page(client, complete)
    assert '<a href="/practices/?organisation=soc">' in html  # lead
    assert '<a href="/practices/?organisation=ehlabe">EHLABE</a>' in html  # partner
    assert '<a href="/regions/catalonia/">Catalonia</a>' in html
    assert '<a href="/target-groups/neets/">NEETs</a>' in html
    assert '<a href="/themes/learning-mobility/">Learning mobility</a>' in html
    assert '<a href="/practices/?funding=erasmus-plus">Erasmus+</a>' in html
    assert '<a href="/practices/?kind=project">Project</a>' in html
    assert '<a href="/practices/?evidence=monitored">Monitored</a>' in html


def test_the_contact_persons_email_shows_only_where_agreed(client, complete):
    assert "ana.ruiz@example.org" not in page(client, complete)
    Practice.objects.filter(pk=complete.pk).update(contact_email_is_public=True)
    assert '<a href="mailto:ana.ruiz@example.org">' in page(client, complete)


# Archived practices answer 410 Gone instead: see test_an_archived_practice_is_gone below.
@pytest.mark.parametrize("status", [Practice.Status.DRAFT, Practice.Status.SUBMITTED])
def test_only_published_practices_are_public(client, catalogue, status):
    practice = catalogue.practices.alma
    Practice.objects.filter(pk=practice.pk).update(status=status)
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_unknown_slug_is_a_friendly_404(client, db):
    response = client.get("/practices/no-such-practice/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_an_archived_practice_is_gone_with_links_to_related_practices(client, catalogue):
    # ALMA and the cross-border project share a target group and a theme.
    practice = catalogue.practices.alma
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.ARCHIVED)

    response = client.get(practice.get_absolute_url())

    assert response.status_code == 410
    assert response["Cache-Control"] == "no-cache, max-age=0"
    html = unescape(response.content.decode())
    assert html.count("<h1") == 1
    assert "<h1>ALMA: mobility for young people</h1>" in html
    assert "was archived" in html
    assert "<title>ALMA: mobility for young people (archived) · EARLALL Practices</title>" in html
    related = re.search(r'<ul class="related-list">(.*?)</ul>', html, re.S)[1]
    assert catalogue.practices.cross.get_absolute_url() in related
    assert "A draft about NEETs" not in html
    assert '<a href="/themes/learning-mobility/">Learning mobility</a>' in html
    assert '<a href="/target-groups/neets/">NEETs</a>' in html
    # Nothing more of it than its title: the summary and the description are gone too.
    assert practice.description not in html
    assert practice.summary not in html


def test_an_archived_practice_that_was_never_published_is_not_found(client, catalogue):
    # Archived straight from a draft: its address, its title, was never public.
    practice = catalogue.practices.alma
    Practice.objects.filter(pk=practice.pk).update(
        status=Practice.Status.ARCHIVED, published_at=None
    )
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_a_republished_practice_is_back(client, catalogue):
    practice = catalogue.practices.alma
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.ARCHIVED)
    assert client.get(practice.get_absolute_url()).status_code == 410
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.PUBLISHED)
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_related_practices_share_a_target_group_and_a_theme(client, catalogue):
    # ALMA (NEETs, learning mobility) and the cross-border project (NEETs and migrants, learning
    # mobility and guidance) share both; the draft shares both too but is not public.
    html = page(client, catalogue.practices.alma)
    related = re.search(r'<ul class="related-list">(.*?)</ul>', html, re.S)[1]
    assert "Cross-border guidance for NEETs" in related
    assert "A draft about NEETs" not in related
    assert "Upskilling adults" not in related
    html = page(client, catalogue.practices.boras)
    assert "Related practices" not in html  # migrants are shared, but no theme


def test_what_spread_where(client, catalogue):
    origin, adaptation = catalogue.practices.alma, catalogue.practices.cross
    Practice.objects.filter(pk=adaptation.pk).update(adapted_from=origin)
    html = page(client, adaptation)
    assert f'Adapted from <a href="{origin.get_absolute_url()}">{origin.title}</a>' in html
    html = page(client, origin)
    assert "Adapted by others:" in html
    assert f'<a href="{adaptation.get_absolute_url()}">{adaptation.title}</a>' in html
    # An unpublished adaptation or origin is not shown.
    Practice.objects.filter(pk=adaptation.pk).update(status=Practice.Status.DRAFT)
    assert "What spread where" not in page(client, origin)


# The catalogue version (1; practices/browse/cache.py), then, the first time at that version, the
# practice with its lead organisation and, as JSON lists in its row, its regions, partners,
# terms, references, identifiers, origin, adaptations and related practices (1).
# tests/test_query_budgets.py pins the cached case too.
PRACTICE_QUERIES = 2


def test_the_practice_page_runs_a_fixed_number_of_queries(
    client, complete, django_assert_num_queries, practice_factory, catalogue
):
    with django_assert_num_queries(PRACTICE_QUERIES):
        client.get(complete.get_absolute_url())
    for _ in range(5):
        practice_factory(
            published=True,
            adapted_from=complete,
            target_groups=[catalogue.target_groups["neets"]],
            themes=[catalogue.themes["learning-mobility"]],
        )
    PracticeReference.objects.create(practice=complete, title="More", url="https://example.org/2")
    with django_assert_num_queries(PRACTICE_QUERIES):
        html = client.get(complete.get_absolute_url()).content.decode()
    assert html.count("Adapted by others") == 1
    assert len(re.findall(r"<li>", re.search(r"related-list\">(.*?)</ul>", html, re.S)[1])) == 4


def test_related_practices_of_a_practice_with_one_kind_of_term(client, catalogue, practice_factory):
    # Without themes, a shared target group is enough; without any term, nothing is related.
    neets = catalogue.target_groups["neets"]
    only_groups = practice_factory(published=True, target_groups=[neets])
    html = page(client, only_groups)
    related = re.search(r'<ul class="related-list">(.*?)</ul>', html, re.S)[1]
    assert "Cross-border guidance for NEETs" in related
    assert "Upskilling adults" not in related
    assert "Related practices" not in page(client, practice_factory(published=True))


def test_lists_keep_their_order(client, complete, organisation_factory):
    complete.partner_organisations.add(
        organisation_factory(name="Zeta partners"), organisation_factory(name="Alpha partners")
    )
    PracticeReference.objects.create(
        practice=complete,
        title="A later report",
        url="https://example.org/later",
        date=datetime.date(2021, 5, 1),
    )
    PracticeReference.objects.create(
        practice=complete, title="An undated note", url="https://example.org/note"
    )
    html = page(client, complete)
    assert html.index("Alpha partners") < html.index("EHLABE") < html.index("Zeta partners")
    # Newest first; on PostgreSQL an undated reference sorts first, on SQLite last, as before.
    assert html.index("A later report") < html.index("Final evaluation report")
    assert "An undated note" in html


def test_a_json_subquery_compiled_once_gives_the_same_sql_in_any_query(catalogue):
    # The JSON subqueries keep their compiled SQL (json_rows.CompiledSubquery): a second practice
    # gets its own rows, and the queryset used inside another query is compiled afresh.
    from practices.browse.selectors import ON_SITE, on_site_for_detail

    practices = catalogue.practices
    for practice in [practices.cross, practices.alma, practices.cross]:
        fetched = on_site_for_detail().get(slug=practice.slug)
        assert [row["name"] for row in fetched.themes_json] == sorted(
            practice.themes.values_list("name", flat=True)
        )
    fresh = Practice.objects.filter(ON_SITE).for_detail().filter(slug=practices.cross.slug)
    assert str(on_site_for_detail().filter(slug=practices.cross.slug).query) == str(fresh.query)

    # Inside another query its tables are renamed, so its subqueries' SQL has to change.
    def lead_practices_themes(practices):
        led = practices.filter(lead_organisation=OuterRef("pk")).order_by("pk")
        return dict(
            Organisation.objects.annotate(themes=Subquery(led.values("themes_json")[:1]))
            .filter(themes__isnull=False)
            .values_list("pk", "themes")
        )

    expected = lead_practices_themes(Practice.objects.filter(ON_SITE).for_detail())
    assert expected
    assert lead_practices_themes(on_site_for_detail()) == expected
