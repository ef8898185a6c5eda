"""A list's pages: the page asked for (or the nearest one, with a sentence saying so), and its
rows read in two steps, ids first, only if the page is rendered."""

import re
import sys
from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import Paginator
from django.utils.translation import gettext, ngettext

from .cache import cached
from .filters import shorten
from .selectors import published_for_list, ranked_ids

# Ranking every match of a broad search reads all their vectors: the first pages' ids in
# relevance order are remembered per catalogue version (views.browse).
RANKED_IDS = 1000


class IdsFirst:
    """A filtered, ordered queryset of published practices that the paginator slices in two
    steps in one query: the page's ids first (an index-only scan however deep the page), then
    only those rows with what their cards show (`for_list`)."""

    ordered = True

    def __init__(self, queryset, ranked_ids=None, rows=None, shape="for_list"):
        self.queryset = queryset
        # For a search by relevance: a function giving the first `limit` ids in order.
        self.ranked_ids = ranked_ids
        # What each row carries: a card's fields, or the API's (PracticeQuerySet.for_record),
        # as a prepared queryset and as the name of the method that makes it.
        self.rows = rows if rows is not None else published_for_list()
        self.shape = shape

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("IdsFirst is sliced by the paginator only")
        return LazyRows(lambda: self._rows(page))

    def _rows(self, page):
        # The rows are read by id from published_for_list(), without the filters again: building
        # and compiling them a second time cost more than the database spent on the page.
        if self.ranked_ids and page.stop is not None and page.stop <= RANKED_IDS:
            ids = self.ranked_ids(RANKED_IDS)[page]
            rows = {row.pk: row for row in self.rows.filter(pk__in=ids)}
            return [rows[pk] for pk in ids if pk in rows]
        ids = self.queryset.values("pk")[page]
        if self.queryset.query.annotations:
            # Ordered by an annotation (a search's rank), which only the filtered query has.
            return list(getattr(self.queryset.filter(pk__in=ids), self.shape)())
        return list(self.rows.filter(pk__in=ids).order_by(*self.queryset.query.order_by))


def list_paginator(filterset, version, per_page, rows=None, shape="for_list") -> Paginator:
    """The pages of a filtered list, in its order: the list page's and the API's. A search by
    relevance ranks its first pages' ids once per catalogue version."""
    ranked = None
    if filterset.sort_order == "relevance":
        selection = filterset.selection

        def ranked(limit):
            key = ("ranked ids", selection.key, limit)
            return cached(version, key, lambda: ranked_ids(filterset, limit))

    return Paginator(IdsFirst(filterset.qs, ranked, rows, shape), per_page)


class LazyRows(Sequence):
    """A page's rows, read from the database only if the page is rendered (not when its HTML
    comes from the catalogue cache)."""

    def __init__(self, load):
        self._load = load

    @cached_property
    def _rows(self):
        return self._load()

    def __getitem__(self, index):
        return self._rows[index]

    def __len__(self):
        return len(self._rows)


def page_for(paginator, raw):
    """The page asked for, or the nearest one that exists, with a sentence saying so."""
    if raw is None or raw.strip() == "":
        return paginator.page(1), ""
    raw = raw.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        return paginator.page(1), gettext("“%(value)s” is not a page number: this is page 1.") % {
            "value": shorten(raw, 20)
        }
    # Beyond 18 digits (int() refuses thousands): further than any last page, or before the first.
    number = int(raw) if len(raw) < 19 else (-1 if raw.startswith("-") else sys.maxsize)
    if number < 1:
        return paginator.page(1), gettext("There is no page %(value)s: this is page 1.") % {
            "value": shorten(raw, 20)
        }
    if number > paginator.num_pages:
        last = paginator.num_pages
        return (
            paginator.page(last),
            ngettext(
                "There is only %(count)s page of results: this is the last one.",
                "There are only %(count)s pages of results: this is the last one.",
                last,
            )
            % {"count": last},
        )
    return paginator.page(number), ""
