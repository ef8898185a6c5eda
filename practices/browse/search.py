"""Free-text search: parsing what was typed, the condition, the ranking and the search table.

On PostgreSQL a practice's words are a weighted tsvector, computed by the database and kept in a
narrow table of its own (`PracticeSearch`, `practices_search`), which a search reads instead of
the practices' wide rows. On SQLite the search is a case-insensitive containment of every term
in `TEXT_FIELDS`, the partners' and the regions' names. Both read the same query syntax
(`parse_search`: `"phrase"`, `or`, `-word`).

The triggers and functions this relies on (PostgreSQL; the Python code never writes a vector):
- `practices_search_vector(p)`, the vector's one definition (fields, weights A-D, unaccent):
  migration 0011.
- a `practices_search` row for every practice on insert, its `published_at` following the
  practice's status, whatever writes it: triggers on practices_practice, migration 0011.
- the vector recomputed after writes to a practice's texts, its partners and regions (insert,
  delete, TRUNCATE) and renames of organisations and regions: statement-level triggers,
  migration 0012.
- `practices_unaccent`, unaccent declared IMMUTABLE so a query folds into a constant:
  migration 0009.
- `Practice.objects.refresh_search_vectors()` runs the same upsert on demand (repair, bulk
  loads): practices/models.py.
"""

import re
import string

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)

from ..database import is_postgresql
from ..models import SEARCH_CONFIG, Practice, PracticeSearch

MAX_SEARCH_TERMS = 12

# The fields the SQLite search looks in: those that make up the search vector on PostgreSQL.
TEXT_FIELDS = (
    "title",
    "original_title",
    "summary",
    "key_lesson",
    "description",
    "results",
    "transferability",
    "lead_organisation__name",
)


def parse_search(text: str) -> list[list[tuple[bool, str]]]:
    """Websearch syntax, as PostgreSQL reads it: OR of groups of terms that must all match.

    `neets "supported employment" -erasmus or migrants` ->
    [[(False, "neets"), (False, "supported employment"), (True, "erasmus")], [(False, "migrants")]]
    """
    groups, group = [], []
    tokens = re.findall(r'(-?)"([^"]*)"?|(\S+)', text)
    for negated, phrase, word in tokens[: MAX_SEARCH_TERMS * 2]:
        if word and word.lower() == "or":
            if group:
                groups.append(group)
            group = []
            continue
        if word:
            negated = "-" if word.startswith("-") and len(word) > 1 else ""
            term = word.lstrip("-") if negated else word
            term = term.strip(string.punctuation + "«»“”‘’")  # noqa: RUF001
        else:
            term = " ".join(phrase.split())
        if term:
            group.append((bool(negated), term))
    if group:
        groups.append(group)
    return groups[:MAX_SEARCH_TERMS]


def websearch_query(text: str) -> SearchQuery:
    """websearch_to_tsquery('english', unaccent(text)): the stored vector is unaccented too.

    Through practices_unaccent (IMMUTABLE), so the query is a constant: parsed once per
    statement, not once per row, and planned with the column's statistics."""
    return SearchQuery(
        Func(Value(text), function="practices_unaccent", output_field=TextField()),
        config=SEARCH_CONFIG,
        search_type="websearch",
    )


def search_condition(text: str) -> Q | None:
    """The practices the search matches; None when it has no words to look for."""
    groups = parse_search(text)
    if not groups:
        return None  # only spaces, quotes or punctuation
    if is_postgresql():
        return Q(search__vector=websearch_query(text))
    # SQLite: case-insensitive containment of every term (ASCII letters only: SQLite's LIKE).
    condition = Q(pk__in=[])
    for group in groups:
        both = Q()
        for negated, term in group:
            both &= ~_contains(term) if negated else _contains(term)
        condition |= both
    return condition


def _contains(term: str) -> Q:
    condition = Q()
    for name in TEXT_FIELDS:
        condition |= Q(**{f"{name}__icontains": term})
    partners = Practice.partner_organisations.through.objects.filter(
        practice_id=OuterRef("pk"), organisation__name__icontains=term
    )
    regions = Practice.regions.through.objects.filter(
        practice_id=OuterRef("pk"), region__name__icontains=term
    )
    return condition | Q(Exists(partners)) | Q(Exists(regions))


def search_rank(text: str, vector="search__vector"):
    """Higher is better. PostgreSQL: ts_rank over the weighted vector (title A … description D),
    `vector` its path from the queryset's model.

    SQLite: 2 when every term is in the title, 1 when in the summary or key lesson, else 0.
    """
    if is_postgresql():
        return SearchRank(F(vector), websearch_query(text))
    terms = [term for group in parse_search(text)[:1] for negated, term in group if not negated]
    if not terms:
        return Value(0, IntegerField())
    in_title = Q()
    in_summary = Q()
    for term in terms:
        in_title &= Q(title__icontains=term)
        in_summary &= Q(summary__icontains=term) | Q(key_lesson__icontains=term)
    return Case(
        When(in_title, then=Value(2)),
        When(in_summary, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


# A search with no other filter, on PostgreSQL: the search table alone ------------------------


def search_rows(text: str, *, matching=True):
    """The search table's rows of the published practices the search matches (or, with
    `matching=False`, does not). Rows with a `published_at` are exactly the published practices,
    so a search over the whole catalogue needs no join to practices_practice."""
    query = websearch_query(text)
    published = PracticeSearch.objects.filter(published_at__isnull=False)
    return published.filter(vector=query) if matching else published.exclude(vector=query)


def ranked_ids_alone(text: str, limit: int) -> list[int]:
    """The first `limit` ids by relevance of a search with no other filter, from the search
    table alone, in the order the general query gives (rank, then newest)."""
    ranked = (
        search_rows(text)
        .annotate(rank=search_rank(text, vector="vector"))
        .order_by("-rank", "-published_at", "-practice_id")
        .values_list("practice_id", flat=True)
    )
    return list(ranked[:limit])
