"""Guards that hold for the whole site."""

import ast
import io
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_pending_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:  # pragma: no cover - only when a migration is missing
        pytest.fail(f"Models and migrations disagree:\n{out.getvalue()}")


def test_the_home_page_answers(client, published_practice):
    response = client.get("/")
    assert response.status_code == 200
    assert published_practice.title in response.content.decode()


def test_the_admin_login_answers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_security_headers_are_sent(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_an_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_no_template_has_inline_scripts_styles_or_event_handlers():
    """The CSP forbids them; the browser would silently drop them. E-mails are not web pages."""
    import re
    from pathlib import Path

    from django.conf import settings

    # A data block (JSON-LD) is never run, so the policy allows it.
    forbidden = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")|<style|\sstyle=|\son[a-z]+=",
        re.IGNORECASE,
    )
    root = Path(settings.BASE_DIR) / "templates"
    checked = 0
    for path in root.rglob("*.html"):
        if "emails" in path.relative_to(root).parts:
            continue
        checked += 1
        # Template tags are not HTML: `{% blocktranslate with ongoing=... %}` is no handler.
        html = re.sub(r"{%.*?%}", "", path.read_text(), flags=re.DOTALL)
        match = forbidden.search(html)
        assert match is None, f"{path.relative_to(root)}: {match.group(0)!r}"
    assert checked > 10


@pytest.mark.parametrize(
    "viewname", ["practices:detail", "practices:theme", "practices:target_group", "regions:detail"]
)
@pytest.mark.parametrize("script_prefix", ["/", "/catalogue/"])
def test_slug_urls_are_what_reverse_gives(viewname, script_prefix):
    from django.urls import NoReverseMatch, reverse, set_script_prefix

    from practices.slug_urls import slug_url

    set_script_prefix(script_prefix)
    try:
        for slug in ["a", "youth-guarantee_2", "0"]:
            assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})
        # Not a slug: reverse() decides, and refuses.
        for slug in ["", "a b", "é", "a/b"]:
            with pytest.raises(NoReverseMatch):
                slug_url(viewname, slug)
    finally:
        set_script_prefix("/")


ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path):
    """The modules a source file (a path from the repository's root) imports, relative ones
    made absolute."""
    package = ".".join(path.with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse((ROOT / path).read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_regions_is_the_ground_floor():
    upward = [
        (str(path), module)
        for path in (p.relative_to(ROOT) for p in (ROOT / "regions").rglob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] == "practices"
    ]
    assert upward == []


def test_the_browse_layers_never_call_back_up():
    """The read path runs one way: filters -> rows -> facets -> render, the view on top."""
    above = {
        "filters": {"facets", "facet_counts", "panel", "views", "pagination", "selectors"},
        "search": {"filters", "facets", "facet_counts", "panel", "views", "selectors"},
        "vocabularies": {"filters", "facets", "facet_counts", "panel", "views", "selectors"},
        "facet_counts": {"filters", "facets", "panel", "views"},
        "facets": {"filters", "panel", "views", "selectors", "pagination"},
        "selectors": {"facets", "facet_counts", "panel", "views"},
    }
    calls_up = [
        (name, module)
        for name, forbidden in above.items()
        for module in imported_modules(Path(f"practices/browse/{name}.py"))
        if module.startswith("practices.browse.") and module.split(".")[2] in forbidden
    ]
    assert calls_up == []
