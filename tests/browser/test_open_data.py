"""Open data in a browser: the API's interactive reference runs from the site's own files under
the Content-Security-Policy, and a visitor finds a list's feed beside its CSV."""

import json

import pytest

pytestmark = pytest.mark.browser


def test_the_api_reference_runs_under_the_policy(page, page_problems, screenshots_dir):
    response = page.goto("/api/v1/docs/")
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    # Swagger UI has read the OpenAPI document and lists the operations.
    page.get_by_text("/api/v1/practices/{slug}/").first.wait_for()
    assert page.get_by_role("heading", name="EARLALL Practices API").count() >= 1
    violations = page_problems.csp_violations + page.evaluate("window.__cspViolations")
    assert not violations, violations
    requested = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert all(url.startswith(page.url.split("/api/")[0]) for url in requested), requested
    page.screenshot(path=screenshots_dir / "api-reference-1280.png", full_page=False)


def test_a_visitor_follows_a_list_and_reads_it_as_json(page, screenshots_dir):
    page.goto("/practices/?target_group=neets")
    follow = page.get_by_role("link", name="Follow this list")
    assert follow.get_attribute("href") == "/practices/feed.atom?target_group=neets"
    # With JavaScript the list updates in place: the feed follows the filters.
    page.locator("details.facet summary", has_text="Country").click()
    page.locator("input[name='country'][value='ES']").check()
    page.wait_for_url("**country=ES**")
    follow = page.get_by_role("link", name="Follow this list")
    assert "country=ES" in follow.get_attribute("href")
    head_feed = page.locator('link[type="application/atom+xml"]').get_attribute("href")
    assert head_feed == follow.get_attribute("href")
    page.locator(".export").scroll_into_view_if_needed()
    page.screenshot(path=screenshots_dir / "list-follow-1280.png", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".export").scroll_into_view_if_needed()
    page.screenshot(path=screenshots_dir / "list-follow-390.png", full_page=False)
    api = page.request.get("/api/v1/practices/?target_group=neets&country=ES")
    assert api.status == 200
    body = json.loads(api.text())
    shown = page.locator(".practice-card").count()
    assert body["count"] == shown
