"""The strict Content-Security-Policy holds in a real browser: nothing on the site is blocked."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/practices/",
    "/practices/?q=mentoring&sort=title",
    "/regions/",
    "/about/",
    "/accessibility/",
    "/api/",
    "/no-such-page/",
]


def csp_violations(page, page_problems):
    return page_problems.csp_violations + page.evaluate("window.__cspViolations")


def test_public_pages_load_without_csp_violations(page, page_problems, live_site):
    paths = list(PUBLIC_PAGES)
    page.goto("/practices/")
    # One practice, region, target group and theme page, reached the way a visitor does.
    paths.append(page.locator(".practice-card__title a").first.get_attribute("href"))
    page.goto(paths[-1])
    related = page.locator("main a[href^='/regions/'], main a[href^='/target-groups/']")
    paths += [link.get_attribute("href") for link in related.all()[:2]]
    for path in paths:
        response = page.goto(path)
        assert response.status in {200, 404}, f"{path}: {response.status}"
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        page.wait_for_load_state("load")
        violations = csp_violations(page, page_problems)
        assert not violations, f"{path}: {violations}"
    # Nothing else went wrong either (failed files are checked by the `page` fixture).
    errors = [e for e in page_problems.console_errors if "Failed to load resource" not in e]
    assert not errors, errors


def test_a_policy_violation_would_be_noticed(page, page_problems):
    # The detector itself: an inline style on a page served with the policy is reported.
    page.goto("/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("style-src" in v for v in csp_violations(page, page_problems))


def test_the_admin_works_under_the_policy(log_in, page_problems):
    page = log_in("admin")
    page_problems.watch(page)
    for path in [
        "/admin/",
        "/admin/practices/practice/",
        "/admin/practices/practice/add/",
        "/admin/regions/region/add/",
    ]:
        page.goto(path)
        page.wait_for_load_state("load")
    # The autocomplete widgets (select2, scripts and styles from static files) still work.
    page.goto("/admin/practices/practice/add/")
    page.locator(".field-lead_organisation .select2-selection").click()
    option = page.locator(".select2-results__option").first
    option.wait_for()
    assert option.inner_text().strip()
    assert not csp_violations(page, page_problems)
    assert not page_problems.broken_resources, page_problems.broken_resources
