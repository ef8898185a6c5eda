"""A practice page for search engines and link previews: schema.org JSON-LD, OpenGraph and
Twitter-card meta, and its canonical address."""

import json
import re

from django.utils.html import escape

from practices.browse.cache import clear
from practices.models import Practice


def json_ld(html):
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def test_a_practice_page_describes_itself(client, catalogue):
    clear()
    html = client.get("/practices/alma/").content.decode()
    url = "http://testserver/practices/alma/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="ALMA: mobility for young people">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    summary = Practice.objects.get(slug="alma").summary
    assert f'<meta property="og:description" content="{escape(summary)}">' in html
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert data["url"] == url
    assert data["name"] == "ALMA: mobility for young people"
    assert data["creator"]["name"] == "Servei Públic d'Ocupació de Catalunya"
    assert data["spatialCoverage"][0]["name"] == "Catalonia"
    assert data["spatialCoverage"][0]["address"]["addressCountry"] == "ES"
    assert data["spatialCoverage"][0]["url"] == "http://testserver/regions/catalonia/"
    about = {(term["inDefinedTermSet"], term["name"]) for term in data["about"]}
    assert ("Target groups", "NEETs") in about
    assert data["temporalCoverage"] == "2022/.."


def test_no_text_can_close_the_json_ld(client, catalogue):
    Practice.objects.filter(slug="alma").update(title="</script><script>alert(1)</script> & co")
    clear()
    html = client.get("/practices/alma/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script> & co"
