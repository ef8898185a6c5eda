"""An Atom feed of any list: `/practices/feed.atom?<the list's query string>`, the newest
published practices that the list holds, for people who want to hear of a new practice for
their target group, country or theme.

The region, target-group and theme pages are lists with one filter fixed by their address, so
their feed is this one with that filter in the query string (`?region=trondelag`): one feed, one
query path (`filter_practices`), whatever page it was found on. Unknown values are left out, as
on the page, and the feed's subtitle says what it follows.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from ..browse.panel import list_description
from ..browse.selectors import filter_practices, published_for_list
from ..models import Practice

FEED_SIZE = 50


def feed_title(filterset) -> str:
    """ "EARLALL Practices: NEETs, Spain", from the filters in use, in the order of the address."""
    described = list_description(filterset)
    if not described:
        return gettext("EARLALL Practices")
    # Translators: a feed's title: the site's name, then the filters of its list (“NEETs, Spain”).
    return gettext("EARLALL Practices: %(filters)s") % {"filters": described}


class PracticeListFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        filterset = filter_practices(request.GET)
        filterset.list_query = filterset.query_params(exclude=("sort",)).urlencode()
        return filterset

    def title(self, filterset):
        return feed_title(filterset)

    def subtitle(self, filterset):
        return gettext(
            "New good practices for inclusive labour markets and lifelong learning from "
            "European regions, as the catalogue publishes them."
        )

    def link(self, filterset):
        query = filterset.list_query
        return reverse("practices:list") + (f"?{query}" if query else "")

    def feed_url(self, filterset):
        query = filterset.list_query
        return reverse("practices:feed") + (f"?{query}" if query else "")

    def author_name(self):
        return "EARLALL"

    def items(self, filterset):
        # The newest of the list, whatever order the list shows: a feed is read by date.
        ids = filterset.qs.order_by("-published_at", "-pk").values("pk")[:FEED_SIZE]
        return list(published_for_list().filter(pk__in=ids).order_by("-published_at", "-pk"))

    def item_title(self, practice: Practice):
        return practice.title

    def item_description(self, practice: Practice):
        return practice.summary

    def item_link(self, practice: Practice):
        return practice.get_absolute_url()

    def item_pubdate(self, practice: Practice):
        return practice.published_at

    def item_updateddate(self, practice: Practice):
        return practice.published_at

    def item_author_name(self, practice: Practice):
        return practice.lead_organisation.name

    def item_categories(self, practice: Practice):
        return [row["name"] for row in (*practice.target_groups_json, *practice.themes_json)]


practice_feed = PracticeListFeed()
