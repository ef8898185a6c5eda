"""What search engines are told: robots.txt names the sitemap, which lists every public page."""

import datetime
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


CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}


def check_protocol(root):
    """The rules of the sitemaps.org schema (sitemap.xsd, siteindex.xsd): the namespace, the
    elements and their order, at most 50,000 entries, absolute <loc>s under 2,048 characters,
    W3C datetimes, the changefreq words, a priority from 0.0 to 1.0."""
    assert root.tag in (f"{NS}urlset", f"{NS}sitemapindex")
    entry_tag = f"{NS}url" if root.tag == f"{NS}urlset" else f"{NS}sitemap"
    entries = list(root)
    assert all(entry.tag == entry_tag for entry in entries)
    assert 0 < len(entries) <= 50_000
    allowed = ["loc", "lastmod", "changefreq", "priority"][: 4 if entry_tag.endswith("url") else 2]
    for entry in entries:
        names = [child.tag.removeprefix(NS) for child in entry]
        assert names[0] == "loc"
        assert names == [name for name in allowed if name in names], names
        loc = entry.find(f"{NS}loc").text
        assert loc.startswith("http://testserver/")
        assert len(loc) < 2048
        if (lastmod := entry.find(f"{NS}lastmod")) is not None:
            datetime.datetime.fromisoformat(lastmod.text)
        if (changefreq := entry.find(f"{NS}changefreq")) is not None:
            assert changefreq.text in CHANGEFREQ
        if (priority := entry.find(f"{NS}priority")) is not None:
            assert 0.0 <= float(priority.text) <= 1.0


def test_the_index_and_every_section_keep_to_the_protocol(client, catalogue):
    sections, index = locations(client, "/sitemap.xml")
    check_protocol(index)
    for section in sections:
        _, root = locations(client, section)
        check_protocol(root)
