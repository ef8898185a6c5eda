"""Help for a search that finds little or nothing: "Did you mean …?" and which filter to remove.

Suggestions come from the catalogue's own words (the published practices' titles, summaries and
key lessons, and the names of their terms, regions, organisations and countries), remembered per
catalogue version. The closest word to one that is not in the catalogue is found by trigram
similarity on PostgreSQL (pg_trgm, migration 0016) and by rapidfuzz's ratio on SQLite; a
suggestion is offered only if it finds more than the search typed.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet, Value
from rapidfuzz import fuzz, process

from regions.models import Organisation, Region, country_name

from ..database import is_postgresql
from ..models import FundingSource, Practice, TargetGroup, Theme
from .cache import cached
from .search import fold, parse_search

FEW_RESULTS = 2  # a search with this many results or fewer gets a suggestion, if one finds more
MIN_LENGTH = 4  # shorter words are too often other words' typos
PG_SIMILARITY = 0.3  # pg_trgm's own default threshold
FUZZ_RATIO = 75  # rapidfuzz's ratio (0-100) for about the same closeness on SQLite
WORD = re.compile(r"\w+")
WORD_SAMPLE = 5000  # the newest published practices whose texts give the words
MAX_HINTS = 6


def catalogue_words(version) -> list[str]:
    """The catalogue's words, folded, the most frequent first."""
    return cached(version, ("search words",), _catalogue_words)


def _catalogue_words() -> list[str]:
    """Two queries: the texts of the WORD_SAMPLE newest published practices (every practice of
    a catalogue of that size or less: reading all of 100,000 took seconds), then every name
    the practices are filed under (terms, organisations, regions, countries)."""
    counts = Counter()
    texts = (
        Practice.objects.published()
        .order_by("-published_at", "-pk")
        .values_list("title", "original_title", "summary", "key_lesson")[:WORD_SAMPLE]
    )
    name, code = Value("name"), Value("country")
    # Plain QuerySets: modeltranslation's manager would reorder a values_list's columns. The
    # names the search finds: the English ones.
    names = (
        QuerySet(TargetGroup)
        .order_by()
        .values_list("name", name)
        .union(
            *(
                QuerySet(model).order_by().values_list("name", name)
                for model in (Theme, FundingSource, Organisation, Region)
            ),
            QuerySet(Region).order_by().values_list("country", code),
            all=True,
        )
    )
    names = [[country_name(text) if kind == "country" else text] for text, kind in names]
    for row in (*texts, *names):
        for text in row:
            counts.update(
                word.lower() if word.isascii() else fold(word)
                for word in WORD.findall(text)
                if len(word) >= MIN_LENGTH
            )
    return [word for word, _count in counts.most_common() if not word.isdigit()]


def closest_word(word: str, words: list[str]) -> str | None:
    """The catalogue word closest to `word`, or None if none is close enough."""
    if not words:
        return None
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) "
                "WHERE similarity(w, %s) >= %s ORDER BY similarity(w, %s) DESC, n LIMIT 1",
                [words, word, PG_SIMILARITY, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    best = process.extractOne(word, words, scorer=fuzz.ratio, score_cutoff=FUZZ_RATIO)
    return best[0] if best else None


def did_you_mean(text: str, total: int, version, count) -> str | None:
    """A corrected search when `text` found FEW_RESULTS or fewer: each word that is not in the
    catalogue replaced by the closest that is, if that finds more. `count(text)` counts a
    search's results with the list's other filters."""
    if total > FEW_RESULTS or not text:
        return None
    words = catalogue_words(version)
    known = set(words)
    corrected = text
    for group in parse_search(text):
        for negated, term in group:
            if negated or " " in term or len(term) < MIN_LENGTH or fold(term) in known:
                continue
            replacement = closest_word(fold(term), words)
            if replacement:
                corrected = re.sub(rf"\b{re.escape(term)}\b", replacement, corrected, count=1)
    if corrected == text or count(corrected) <= total:
        return None
    return corrected


@dataclass(frozen=True)
class RemovalHint:
    """An active filter whose removal alone would give `count` practices: `query` is the list
    without it."""

    label: str
    value: str
    count: int
    query: str


def removal_hints(filterset, chips, *, fixed=()) -> list[RemovalHint]:
    """For an empty result with two or more filters: each filter whose removal alone gives
    results, the most results first (one count per filter)."""
    selection = filterset.selection
    removable = [name for name in selection.narrowing if name not in fixed]
    if len(selection.narrowing) < 2:
        return []
    params = filterset.query_params(exclude=fixed)
    hints = []
    for name in removable[:MAX_HINTS]:
        count = selection.without(name).count()
        if not count:
            continue
        rest = params.copy()
        rest.pop(name, None)
        shown = [chip for chip in chips if chip.name == name]
        label = shown[0].label if shown else name
        value = ", ".join(chip.value for chip in shown)
        hints.append(RemovalHint(label, value, count, rest.urlencode()))
    return sorted(hints, key=lambda hint: -hint.count)
