"""An Atom feed of any list: the newest practices the list holds, linked from every list page."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest

from practices.browse.cache import clear
from practices.exchange.feeds import FEED_SIZE
from practices.models import Practice
from tests.factories import PracticeFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear()


def entries(client, query=""):
    response = client.get(f"/practices/feed.atom?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - the site's own answer
    return feed, feed.findall(f"{ATOM}entry")


def test_the_feed_of_a_filtered_list_holds_its_practices_newest_first(client, catalogue):
    feed, items = entries(client, "target_group=neets&country=ES")
    # The two published practices for NEETs in Spain, the newest first (the draft is not).
    expected = [catalogue.practices.cross, catalogue.practices.alma]
    assert [e.find(f"{ATOM}title").text for e in items] == [p.title for p in expected]
    assert feed.find(f"{ATOM}title").text == "EARLALL Practices: Spain, NEETs"
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate.endswith("/practices/?country=ES&target_group=neets")
    entry = items[0]
    assert (
        entry.find(f"{ATOM}link").get("href")
        == "http://testserver/practices/cross-border-guidance/"
    )
    assert entry.find(f"{ATOM}id").text == "http://testserver/practices/cross-border-guidance/"
    assert entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}updated").text
    categories = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert "NEETs" in categories


def test_the_feed_holds_the_newest_fifty_whatever_the_lists_order(client, catalogue):
    for n in range(FEED_SIZE + 5):
        PracticeFactory(published=True, title=f"Batch {n:02d}")
    _, items = entries(client, "sort=title")
    assert len(items) == FEED_SIZE
    assert items[0].find(f"{ATOM}title").text == f"Batch {FEED_SIZE + 4:02d}"


def test_unknown_values_are_left_out_not_an_error(client, catalogue):
    _, items = entries(client, "country=ZZ&start_from=soon")
    assert len(items) == Practice.objects.published().count()


def test_no_draft_is_in_a_feed(client, catalogue):
    PracticeFactory(title="A draft nobody may see")
    _, items = entries(client)
    assert "A draft nobody may see" not in [e.find(f"{ATOM}title").text for e in items]


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/practices/?target_group=neets", "/practices/feed.atom?target_group=neets"),
        ("/practices/?target_group=neets&sort=title", "/practices/feed.atom?target_group=neets"),
        ("/regions/trondelag/", "/practices/feed.atom?region=trondelag"),
        ("/target-groups/neets/", "/practices/feed.atom?target_group=neets"),
        ("/themes/learning-mobility/", "/practices/feed.atom?theme=learning-mobility"),
    ],
)
def test_every_list_page_names_its_feed_in_its_head_and_beside_the_csv(
    client, catalogue, page, feed
):
    html = client.get(page).content.decode()
    escaped = feed.replace("&", "&amp;")
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="New practices in this list" '
        f'href="{escaped}">' in html
    )
    assert f'<a class="export__feed" href="{escaped}">Follow this list' in html


def test_the_feed_is_valid_atom(client, catalogue):
    """RFC 4287: the feed has an id, a title, an updated time and an author; every entry an
    id, a title, an updated time (RFC 3339) and a link; ids are absolute and unique."""
    feed, items = entries(client, "country=ES")
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *items):
        for child in ("id", "title", "updated"):
            assert (element.find(f"{ATOM}{child}").text or "").strip(), child
        datetime.datetime.fromisoformat(element.find(f"{ATOM}updated").text)
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    ids = [entry.find(f"{ATOM}id").text for entry in items]
    assert len(set(ids)) == len(ids)
    assert all(urlparse(i).scheme in ("http", "https") for i in ids)
    for entry in items:
        assert entry.find(f"{ATOM}link").get("href")
