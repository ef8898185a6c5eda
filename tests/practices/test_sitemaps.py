"""What search engines are told: robots.txt names the sitemap, which lists every public page."""

import xml.etree.ElementTree as ET

from practices.models import Practice
from tests.factories import PracticeFactory

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own answer
    return [loc.text for loc in root.iter(f"{NS}loc")], root


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_the_sitemap_lists_every_public_page_and_no_draft(client, catalogue):
    PracticeFactory(slug="a-draft")
    sections, _ = locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-practices.xml" in sections
    urls = []
    for section in sections:
        found, root = locations(client, section)
        urls.extend(found)
        if section.endswith("-practices.xml"):
            assert all(e.find(f"{NS}lastmod") is not None for e in root.iter(f"{NS}url"))
    for practice in Practice.objects.published():
        assert f"http://testserver/practices/{practice.slug}/" in urls
    assert "http://testserver/practices/a-draft/" not in urls
    assert "http://testserver/regions/catalonia/" in urls
    assert "http://testserver/target-groups/neets/" in urls
    assert "http://testserver/themes/learning-mobility/" in urls
    assert "http://testserver/api/" in urls
    assert len(urls) == len(set(urls))
