"""Everything users type is escaped wherever it is shown: public pages, the admin and the CSV.

Every text field of a practice, and the names of everything it points to, hold script and HTML
payloads and template syntax. No page may contain a payload's markup unescaped, and template
syntax must come out as typed, never evaluated.
"""

import csv
import io

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from practices.exchange.importer import import_practices
from practices.models import (
    ExternalIdentifier,
    FundingSource,
    Practice,
    PracticeReference,
    TargetGroup,
    Theme,
)
from regions.models import Organisation, Region

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
TEMPLATE = '{{ 7|add:1 }}{% now "Y" %}'
PAYLOAD = f"{SCRIPT}{IMG}{SVG}{TEMPLATE}"  # 104 characters: fits every text field
FORMULA = '=HYPERLINK("http://evil.example/","x")'

# What must never reach a page: the markup of the payloads, as the browser would parse it.
UNESCAPED = ["<script>alert(1)", "<img src=x onerror", "<svg onload", 'onerror=alert(1)>"']
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

PRACTICE_TEXT_FIELDS = [
    "original_title",
    "summary",
    "description",
    "resources",
    "results",
    "success_factors",
    "challenges",
    "evaluation_note",
    "transferability",
    "key_lesson",
    "contact_name",
    "review_comment",
]
URL_FIELDS = [
    (Practice, "website"),
    (PracticeReference, "url"),
    (Organisation, "website"),
    (Region, "website"),
    (FundingSource, "website"),
]


def labelled(label):
    return f"{label} {PAYLOAD}"


@pytest.fixture
def hostile_practice(db):
    """A published practice whose every text, and every name it shows, is a payload."""
    region = Region.objects.create(
        name=labelled("Region"),
        slug="hostile-region",
        country="ES",
        description=labelled("Region description"),
    )
    lead = Organisation.objects.create(
        name=labelled("Lead organisation"), slug="hostile-lead", region=region
    )
    partner = Organisation.objects.create(
        name=labelled("Partner organisation"), slug="hostile-partner", region=region
    )
    group = TargetGroup.objects.create(
        name=labelled("Target group"), slug="hostile-group", description=labelled("Group text")
    )
    theme = Theme.objects.create(
        name=labelled("Theme"), slug="hostile-theme", description=labelled("Theme text")
    )
    fund = FundingSource.objects.create(
        name=labelled("Fund"), slug="hostile-fund", description=labelled("Fund text")
    )
    practice = Practice.objects.create(
        title=f"Zanzibar {PAYLOAD}",
        slug="hostile-practice",
        lead_organisation=lead,
        status=Practice.Status.PUBLISHED,
        published_at="2026-01-15T10:00:00Z",
        start_year=2021,
        **{field: labelled(field) for field in PRACTICE_TEXT_FIELDS},
    )
    practice.original_title = FORMULA
    practice.save()
    practice.regions.set([region])
    practice.partner_organisations.set([partner])
    practice.target_groups.set([group])
    practice.themes.set([theme])
    practice.funding_sources.set([fund])
    PracticeReference.objects.create(
        practice=practice, title=labelled("Reference"), url="https://example.org/report"
    )
    ExternalIdentifier.objects.create(
        practice=practice, scheme=ExternalIdentifier.Scheme.OTHER, value=labelled("Id")[:100]
    )
    Practice.objects.filter(pk=practice.pk).refresh_search_vectors()
    return practice


def assert_escaped(response, where):
    assert response.status_code == 200, f"{where}: status {response.status_code}"
    page = response.content.decode()
    leaks = [markup for markup in UNESCAPED if markup in page]
    assert not leaks, f"{where}: unescaped payload {leaks} in the page"
    return page


def test_public_pages_escape_every_field(client, hostile_practice):
    pages = {
        "home": reverse("practices:home"),
        "list": reverse("practices:list"),
        "search results": reverse("practices:list") + "?q=Zanzibar",
        "practice": hostile_practice.get_absolute_url(),
        "region list": reverse("regions:list"),
        "region": reverse("regions:detail", kwargs={"slug": "hostile-region"}),
        "target group": reverse("practices:target_group", kwargs={"slug": "hostile-group"}),
        "theme": reverse("practices:theme", kwargs={"slug": "hostile-theme"}),
    }
    for where, url in pages.items():
        page = assert_escaped(client.get(url), where)
        if where != "region list":
            assert ESCAPED_SCRIPT in page, f"{where}: the practice is not on the page"

    # Template syntax that was typed is shown as typed: nothing evaluated it.
    practice_page = client.get(hostile_practice.get_absolute_url()).content.decode()
    assert "{{ 7|add:1 }}{% now &quot;Y&quot; %}" in practice_page


def test_the_search_box_escapes_what_was_searched(client, hostile_practice):
    response = client.get(reverse("practices:list"), {"q": PAYLOAD})
    assert_escaped(response, "search for the payload")
    response = client.get(reverse("practices:home"), {"q": PAYLOAD})
    assert_escaped(response, "home with the payload in the query")


def test_filters_escape_unknown_values(client, hostile_practice):
    names = ["region", "country", "target_group", "theme", "funding", "organisation", "kind"]
    names += ["level", "evidence", "status", "start_from", "start_to", "sort", "page"]
    params = dict.fromkeys(names, PAYLOAD)
    response = client.get(reverse("practices:list"), params)
    assert response.status_code in {200, 400}
    page = response.content.decode()
    assert not [markup for markup in UNESCAPED if markup in page]


@pytest.fixture
def admin_client_for(client, user_factory):
    user = user_factory(username="escaping-admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_the_admin_escapes_every_field(admin_client_for, hostile_practice):
    practice = hostile_practice
    pages = {
        "practice changelist": reverse("admin:practices_practice_changelist"),
        "practice search": reverse("admin:practices_practice_changelist") + "?q=Zanzibar",
        "practice change form": reverse("admin:practices_practice_change", args=[practice.pk]),
        "practice history": reverse("admin:practices_practice_history", args=[practice.pk]),
        "organisation changelist": reverse("admin:regions_organisation_changelist"),
        "organisation change form": reverse(
            "admin:regions_organisation_change", args=[practice.lead_organisation_id]
        ),
        "region changelist": reverse("admin:regions_region_changelist"),
        "region change form": reverse(
            "admin:regions_region_change", args=[practice.regions.get().pk]
        ),
        "target group changelist": reverse("admin:practices_targetgroup_changelist"),
    }
    for where, url in pages.items():
        page = assert_escaped(admin_client_for.get(url), where)
        assert ESCAPED_SCRIPT in page, f"{where}: the payload is not on the page"


def test_the_admin_search_escapes_what_was_searched(admin_client_for, hostile_practice):
    response = admin_client_for.get(reverse("admin:practices_practice_changelist"), {"q": PAYLOAD})
    assert_escaped(response, "admin search for the payload")


def test_the_csv_keeps_the_text_as_typed_and_defuses_formulas(client, hostile_practice):
    response = client.get(reverse("practices:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    header, data = rows[0], rows[1:]
    cells = next(r for r in data if r[header.index("Slug")] == "hostile-practice")
    row = dict(zip(header, cells, strict=True))
    # CSV is data, not markup: what was typed comes back exactly, quoted as RFC 4180 says.
    assert row["Title"] == f"Zanzibar {PAYLOAD}"
    assert row["Summary"] == labelled("summary")
    assert row["Description"] == labelled("description")
    # A cell a spreadsheet would run as a formula is turned into text.
    assert row["Original title"] == "'" + FORMULA


@pytest.mark.parametrize(("model", "field"), URL_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_url_fields_refuse_javascript_urls(model, field):
    form_field = model._meta.get_field(field).formfield()
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>"):
        with pytest.raises(ValidationError):
            form_field.clean(url)


def test_the_admin_form_refuses_a_javascript_website(rf, user_factory):
    request = rf.get("/admin/practices/practice/add/")
    request.user = user_factory(username="url-admin", is_staff=True, is_superuser=True)
    form_class = admin.site.get_model_admin(Practice).get_form(request)
    form = form_class(data={"website": "javascript:alert(1)"})
    assert not form.is_valid()
    assert form.errors["website"] == ["Enter a valid URL."]


def test_the_csv_import_refuses_a_javascript_website(organisation_factory):
    """The import is the one way in that skips the admin's forms: it validates URLs too."""
    lead = organisation_factory(slug="import-lead")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Slug", "Title", "Lead organisation slug", "Website"])
    writer.writerow(["js-website", "A practice", lead.slug, "javascript:alert(1)"])
    result = import_practices(io.BytesIO(("\ufeff" + buffer.getvalue()).encode()))
    assert not result.ok
    assert [(error.column, error.message) for error in result.errors] == [
        ("Website", "Enter a valid URL.")
    ]
    assert not Practice.objects.filter(slug="js-website").exists()
