"""Every public page type: it answers, has one <h1>, landmarks, a skip link, a label for every
control, well-nested HTML and nothing the CSP forbids; and the home, about and accessibility
pages, the friendly 404 and 500, and the query budgets of the pages built on the list."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


class PageChecker(HTMLParser):
    """A small structural check of a page: what a validator and an accessibility audit would
    flag first, without a browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.problems = [], set(), []
        self.labels_for, self.controls = set(), []
        self.tags = []
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.problems.append(f"duplicate id {attrs['id']!r}")
            self.ids.add(attrs["id"])
        if "style" in attrs or tag == "style":
            self.problems.append(f"inline style on <{tag}>")
        # A data block (JSON-LD) is never run, so the Content-Security-Policy allows it.
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json":
            self.problems.append("inline <script>")
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name} on <{tag}>")
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag in ("select", "textarea") or (
            tag == "input" and attrs.get("type", "text") not in UNLABELLED_INPUTS
        ):
            self.controls.append(attrs)
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and not attrs.get("href"):
            self.problems.append("a link without href")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            return
        self.stack.pop()

    def check(self, html):
        self.feed(html)
        self.close()
        for attrs in self.controls:
            if not (attrs.get("id") in self.labels_for or attrs.get("aria-label")):
                self.problems.append(f"control without a label: {attrs}")
        if self.stack:
            self.problems.append(f"unclosed: {self.stack}")
        return self


def check_page(html):
    checker = PageChecker().check(html)
    assert html.startswith("<!DOCTYPE html>")
    assert checker.problems == []
    assert checker.h1 == 1, f"{checker.h1} <h1> elements"
    tags = {tag for tag, _ in checker.tags}
    assert {"header", "nav", "main", "footer"} <= tags
    assert ("html", {"lang": "en"}) in checker.tags
    assert ("main", {"id": "main-content", "class": "container", "tabindex": "-1"}) in checker.tags
    assert ("a", {"class": "skip-link", "href": "#main-content"}) in checker.tags
    return checker


PAGES = [
    ("/", 200),
    ("/practices/", 200),
    ("/practices/?q=guidance&target_group=neets&country=ES&sort=title", 200),
    ("/practices/?target_group=unknown&page=abc&q=" + "x" * 300, 200),
    ("/practices/?target_group=women", 200),
    ("/practices/cross-border-guidance/", 200),
    ("/regions/", 200),
    ("/regions/catalonia/", 200),
    ("/target-groups/neets/", 200),
    ("/themes/learning-mobility/", 200),
    ("/about/", 200),
    ("/accessibility/", 200),
    ("/practices/no-such-practice/", 404),
    ("/regions/atlantis/", 404),
    ("/target-groups/astronauts/", 404),
    ("/themes/nothing/", 404),
    ("/no/such/page/", 404),
]


@pytest.mark.parametrize(("url", "status"), PAGES)
def test_every_page_type_is_well_formed_with_one_h1(client, catalogue, url, status):
    response = client.get(url)
    assert response.status_code == status
    check_page(response.content.decode())


def test_a_server_error_shows_the_friendly_500_page(client, catalogue, monkeypatch, settings):
    assert settings.DEBUG is False

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("practices.browse.views.compute_facets", broken)
    client.raise_request_exception = False
    response = client.get("/practices/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html
    assert "the database went away" not in html
    check_page(html)


def test_the_home_page_says_what_it_is_and_offers_ways_in(client, catalogue):
    html = client.get("/").content.decode()
    assert "Good practices for inclusive labour markets and lifelong learning" in html
    assert "for policy makers, public employment services" in html
    assert '<form class="search-form search-form--hero" action="/practices/" method="get"' in html
    assert "<strong>5</strong> practices from <strong>4</strong> regions" in html
    assert '<a href="/target-groups/neets/">NEETs</a> <span class="count">2<' in html
    assert (
        '<a href="/themes/learning-mobility/">Learning mobility</a> <span class="count">2<' in html
    )
    assert '<a href="/practices/?country=ES">Spain</a> <span class="count">3<' in html
    # Target groups without a practice are not offered as ways in.
    assert "/target-groups/women/" not in html
    assert html.index("Cross-border guidance for NEETs") < html.index("Keeping older workers")


def test_the_home_page_runs_a_fixed_number_of_queries(client, catalogue, django_assert_num_queries):
    # The catalogue version, vocabularies, facet counts, the regions' places for the map, the
    # latest practices with their regions, groups and themes.
    with django_assert_num_queries(5):
        assert client.get("/").status_code == 200


def test_the_about_page_explains_the_network_and_how_to_contribute(client, db):
    html = client.get("/about/").content.decode()
    assert "European Association of Regional and Local Authorities for Lifelong Learning" in html
    assert 'id="contribute"' in html
    assert "Submit it for review" in html


def test_the_accessibility_statement_names_the_standard_limits_and_how_to_report(client, db):
    html = client.get("/accessibility/").content.decode()
    for text in (
        "WCAG",
        "2.1",
        "EN 301 549",
        "2016/2102",
        "Known limits",
        "How to report a barrier",
    ):
        assert text in html
    assert "partially compliant" in html


def test_every_page_links_to_the_about_page_and_the_accessibility_statement(client, db):
    html = client.get("/regions/").content.decode()
    assert '<a href="/about/">About the catalogue</a>' in html
    assert '<a href="/accessibility/">Accessibility statement</a>' in html


def test_the_current_section_is_marked_in_the_navigation(client, db):
    html = client.get("/practices/").content.decode()
    assert '<a href="/practices/" aria-current="page">Practices</a>' in html
    html = client.get("/regions/").content.decode()
    assert '<a href="/regions/" aria-current="page">Regions</a>' in html


# Target-group and theme pages: the list with one filter fixed ---------------------------------


def test_a_target_group_page_is_the_list_filtered_by_it(client, catalogue):
    html = client.get("/target-groups/neets/?country=ES&status=ongoing").content.decode()
    assert "<h1>NEETs</h1>" in html
    assert "Young people not in education, employment or training." in html
    assert "1 practice" in html
    assert "ALMA: mobility for young people" in html
    # Its own facet is fixed by the address, so it is not offered.
    assert 'name="target_group"' not in html
    assert (
        '<a href="/practices/export.csv?country=ES&amp;target_group=neets&amp;status=ongoing">'
        "Download this practice (CSV)</a>"
    ) in html
    # Chips and pagination stay on this page and keep the filters, without repeating the group.
    assert '<a class="chip" href="?status=ongoing">' in html


def test_a_theme_page_is_the_list_filtered_by_it(client, catalogue):
    html = client.get("/themes/learning-mobility/").content.decode()
    assert "<h1>Learning mobility</h1>" in html
    assert "2 practices" in html
    assert 'href="/practices/export.csv?theme=learning-mobility">Download these 2 practices' in html


def test_a_vocabulary_page_runs_a_fixed_number_of_queries(
    client, catalogue, django_assert_num_queries
):
    # The term (1), then the list's four.
    with django_assert_num_queries(5):
        assert client.get("/themes/learning-mobility/?kind=project").status_code == 200
