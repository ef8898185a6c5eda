"""What a visitor does, in Chromium: browse, filter, search, page through, open, download."""

import csv
import io
import re

import pytest

pytestmark = pytest.mark.browser

# A practice of the demo data (practices/demo_data.py), from the Basque Country.
KNOWN_SLUG = "mentoring-long-term-unemployed-euskadi"
KNOWN_TITLE = "Mentoring for long-term unemployed people"


def results_total(page):
    """The number at the start of the results heading, "23 practices (showing ...)"."""
    return int(re.match(r"\s*(\d+)", page.locator("#results-heading").inner_text()).group(1))


def card_titles(page):
    return page.locator(".practice-card__title a").all_inner_texts()


def choose_filter(page, name):
    """Tick the first option of a filter group that would still give results; return its label."""
    details = page.locator("details.facet", has=page.locator(f"input[name='{name}']"))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    candidate = details.locator(f"input[name='{name}']:not([disabled]):not(:checked)").first
    # Pin the element by its id: the locator above would move on to the next box once checked.
    checkbox_id = candidate.get_attribute("id")
    checkbox = page.locator(f"#{checkbox_id}")
    label = page.locator(f"label[for='{checkbox_id}']")
    text = label.evaluate("l => l.firstChild.textContent.trim()")
    checkbox.check()
    return checkbox.get_attribute("value"), text


def wait_for_list(page):
    """The list updates in place (static/js/browse.js) as soon as a filter changes."""
    page.wait_for_function("() => !document.querySelector('[data-browse]').ariaBusy")


def apply_filters(page):
    wait_for_list(page)


def test_a_visitor_goes_from_the_home_page_to_the_list(page):
    page.goto("/")
    assert page.locator("h1").count() == 1
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practices").click()
    page.wait_for_url("**/practices/")
    assert page.locator("h1").inner_text() == "Practices"
    total = results_total(page)
    assert total > 20, "the demo data should fill more than one page"
    assert len(card_titles(page)) == 20


def test_filters_combine_and_narrow_the_list(page):
    page.goto("/practices/")
    everything = results_total(page)

    group, group_label = choose_filter(page, "target_group")
    apply_filters(page)
    assert f"target_group={group}" in page.url
    by_group = results_total(page)
    assert 0 < by_group < everything

    country, _ = choose_filter(page, "country")
    apply_filters(page)
    assert f"country={country}" in page.url
    assert f"target_group={group}" in page.url, "the first filter was lost"
    both = results_total(page)
    assert 0 < both <= by_group
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    # Every result carries the chosen target group.
    for card in page.locator(".practice-card").all():
        assert group_label in card.locator(".tags").inner_text()

    # Removing one filter through its chip keeps the other.
    chips.filter(has_text=group_label).click()
    page.wait_for_url(lambda url: "target_group=" not in url)
    wait_for_list(page)
    assert "target_group=" not in page.url
    assert f"country={country}" in page.url
    assert results_total(page) >= both


def test_a_search_finds_the_practice(page):
    page.goto("/practices/")
    everything = results_total(page)
    search = page.get_by_role("searchbox", name="Search practices")
    search.fill("mentoring")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=mentoring"))
    assert KNOWN_TITLE in card_titles(page)
    assert 0 < results_total(page) < everything
    assert page.get_by_role("searchbox", name="Search practices").input_value() == "mentoring"


def test_pages_follow_each_other_and_keep_the_filters(page):
    page.goto("/practices/?sort=title")
    first_page = card_titles(page)
    assert first_page == sorted(first_page, key=str.casefold)
    pagination = page.get_by_role("navigation", name="Pages of results")
    pagination.get_by_role("link", name=re.compile("Next")).click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "sort=title" in page.url
    second_page = card_titles(page)
    assert second_page
    assert not set(first_page) & set(second_page)
    assert second_page[0].casefold() >= first_page[-1].casefold()
    current = pagination.locator("[aria-current='page']")
    assert current.inner_text().strip().endswith("2")
    pagination.get_by_role("link", name=re.compile("Previous")).click()
    page.wait_for_url(lambda url: "page=2" not in url)
    wait_for_list(page)
    assert card_titles(page) == first_page


def test_a_visitor_opens_a_practice(page):
    page.goto("/practices/?q=mentoring")
    page.get_by_role("link", name=KNOWN_TITLE).click()
    page.wait_for_url(f"**/practices/{KNOWN_SLUG}/")
    assert page.locator("h1").inner_text() == KNOWN_TITLE
    assert page.get_by_text("Euskadi social economy employment network").first.is_visible()
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    breadcrumb.get_by_role("link", name="Practices").click()
    page.wait_for_url("**/practices/")


def test_the_csv_download_matches_the_filtered_list(page):
    page.goto("/practices/?q=mentoring")
    total = results_total(page)
    with page.expect_download() as download_info:
        page.locator(".export a", has_text="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = download.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header, data = rows[0], rows[1:]
    assert header[:4] == ["Slug", "Title", "Original title", "Summary"]
    assert len(data) == total
    row = dict(zip(header, next(r for r in data if r[0] == KNOWN_SLUG), strict=True))
    assert row["Title"] == KNOWN_TITLE
    assert row["Lead organisation"] == "Euskadi social economy employment network"
    assert row["Regions"] == "Basque Country"
    assert row["Start year"] == "2024"
    assert row["URL"].endswith(f"/practices/{KNOWN_SLUG}/")
