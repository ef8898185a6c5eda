"""Icons and the web app manifest: every page links them, and /favicon.ico is never a 404."""

import json
from pathlib import Path

from django.contrib.staticfiles import finders


def test_favicon_ico_at_the_root_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("icons/favicon.ico")
    assert finders.find("icons/favicon.ico")


def test_pages_link_the_icons_and_the_manifest(client, db):
    html = client.get("/about/").content.decode()
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png", "site.webmanifest"):
        assert f"icons/{name}" in html
        assert finders.find(f"icons/{name}"), name


def test_the_manifest_names_the_site_and_its_icons_exist():
    manifest = json.loads(Path(finders.find("icons/site.webmanifest")).read_text(encoding="utf-8"))
    assert manifest["name"] == "EARLALL Practices"
    for icon in manifest["icons"]:
        assert finders.find(f"icons/{icon['src']}"), icon
