"""Free-text search: parsing what was typed, the condition, the ranking and the search table.

On PostgreSQL a practice's words are a weighted tsvector, computed by the database and kept in a
narrow table of its own (`PracticeSearch`, `practices_search`), which a search reads instead of
the practices' wide rows. On SQLite they are a row of the FTS5 table `practices_search_fts`, with
the same fields in the same order of weight, stemmed and unaccented alike and ranked by bm25.
Both read the same query syntax (`parse_search`: `"phrase"`, `or`, `-word`). A practice's words:
its texts, its organisations', regions' and countries' names (English and the country's own), its
target groups, themes and funding sources.

The triggers and functions this relies on (the Python code never writes a vector):
- `practices_search_vector(p)`, the vector's one definition (fields, weights A-D, unaccent):
  PostgreSQL, migration 0016 (first 0011). SQLite: the view `practices_search_document`, 0016.
- `practices_country_name`, each country's names for the search: 0016 (regions.models).
- a `practices_search` row for every practice on insert, its `published_at` following the
  practice's status, whatever writes it: triggers on practices_practice, migration 0011.
- the vector recomputed after writes to a practice's texts, its partners, regions, target groups,
  themes and funding sources (insert, delete, TRUNCATE) and renames of organisations, regions and
  terms: statement-level triggers, migrations 0012 and 0016; on SQLite row triggers, 0016.
- `practices_unaccent`, unaccent declared IMMUTABLE so a query folds into a constant:
  migration 0009.
- `Practice.objects.refresh_search_vectors()` runs the same upsert on demand (repair, bulk
  loads): practices/models.py. On SQLite, `fts_deferred()` drops the FTS triggers for a bulk
  load and rebuilds every row once at its end.
"""

import re
import string
import unicodedata
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.transaction import TransactionManagementError

from ..database import is_postgresql
from ..models import SEARCH_CONFIG, PracticeSearch

MAX_SEARCH_TERMS = 12

# SQLite's full-text table (migration 0016) and the bm25 weights of its columns: title, summary
# and key lesson, names (organisations, regions, countries, terms), the rest; as A-D on PostgreSQL.
FTS_TABLE = "practices_search_fts"
FTS_WEIGHTS = "10.0, 4.0, 2.0, 1.0"

# Letters PostgreSQL's unaccent folds that SQLite's unicode61 tokenizer keeps as they are: folded
# in the FTS documents (migration 0016) and in queries, so "Trondelag" finds "Trøndelag".
UNFOLDED_LETTERS = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
}  # fmt: skip

# PostgreSQL's English stop words (tsearch_data/english.stop), which its queries leave out: the
# SQLite search leaves them out of its single-word terms too.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now""".split()  # noqa: SIM905
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


# A word the visitor types in their language that names a term there ("discapacidad", a word of
# "Personas con discapacidad") also asks for the term's English name, which the practices'
# documents hold: at most this many names a word, and this many words of a search.
NAMES_PER_WORD = 3
TRANSLATED_WORDS = 3
MIN_NAME_WORD = 4


def with_translated_names(text: str, terms) -> str:
    """`text`, where a word or quoted phrase is a term's name (or a word of it) in the active
    language, asking for that or the term's English name: `discapacidad empleo` on a Spanish
    page -> `"discapacidad" "empleo" or "persons with disabilities" "empleo"`, the same syntax
    both databases read. The documents stay English and small (translations in every vector
    made them three times larger and every search 3-5x slower); the terms are the cached
    vocabularies', so this costs no query. `terms`: vocabularies.Term with `name` in the
    active language and `english`. Unchanged when nothing matches."""
    by_word = {}
    for term in terms:
        if not term.english or fold(term.name) == fold(term.english):
            continue
        keys = {fold(term.name)} | {
            word for word in fold(term.name).split() if len(word) >= MIN_NAME_WORD
        }
        for key in keys:
            names = by_word.setdefault(key, [])
            if term.english not in names and len(names) < NAMES_PER_WORD:
                names.append(term.english)
    groups = parse_search(text)
    expanded, changed = [], False
    for group in groups:
        options = [[]]
        translated = 0
        for negated, word in group:
            names = [] if negated or translated >= TRANSLATED_WORDS else by_word.get(fold(word), [])
            translated += bool(names)
            options = [
                [*option, (negated, choice)] for option in options for choice in (word, *names)
            ]
        changed = changed or len(options) > 1
        expanded.extend(options)
    if not changed:
        return text
    return " or ".join(
        " ".join(
            ("-" if negated else "") + '"' + word.replace('"', "") + '"' for negated, word in group
        )
        for group in expanded[:MAX_SEARCH_TERMS]
    )


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
    # SQLite: each group's words must all match and its -words must not; any group will do.
    condition = Q(pk__in=[])
    for group in groups:
        wanted = [term for negated, term in group if not negated]
        unwanted = [term for negated, term in group if negated]
        both = Q()
        if match := fts_expression([wanted]):
            both &= Q(pk__in=_fts_matches(match))
        if match := fts_expression([[term] for term in unwanted]):
            both &= ~Q(pk__in=_fts_matches(match))
        if both:
            condition |= both
    return condition


def fts_expression(groups: list[list[str]]) -> str:
    """An FTS5 query: the groups' terms ANDed, the groups ORed, every term a quoted string (a
    phrase when it has several words), so nothing typed is read as FTS5 syntax."""
    alternatives = []
    for terms in groups:
        terms = [fold(term) for term in terms if _has_word(term) and term.lower() not in STOP_WORDS]
        quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
        if quoted:
            alternatives.append("(" + " AND ".join(quoted) + ")")
    return " OR ".join(alternatives)


FOLDING = str.maketrans(UNFOLDED_LETTERS)


def fold(text: str) -> str:
    """Lower case, without accents, as the search compares words ("Trøndelag" -> "trondelag")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(FOLDING))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _has_word(term: str) -> bool:
    return any(character.isalnum() for character in term)


def _fts_matches(expression: str) -> RawSQL:
    return RawSQL(  # noqa: S611 - the table is a constant, the expression a parameter
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
        [expression],
    )


class Bm25(Func):
    """bm25 of the joined FTS5 row, higher is better (SQLite; FTS_WEIGHTS)."""

    template = f"-bm25(%(expressions)s, {FTS_WEIGHTS})"
    output_field = FloatField()


def rank_matches(queryset, text: str):
    """`queryset` ranked by relevance: annotated with `rank`, higher is better, title matches
    first. PostgreSQL: ts_rank over the weighted vector (title A … description D). SQLite: the
    FTS5 row joined once, under the query's own alias, with bm25 (FTS_WEIGHTS); where a group
    of the search has only -words its results match no wanted word, so they rank alike."""
    if is_postgresql():
        return queryset.annotate(rank=search_rank(text))
    groups = [[term for negated, term in group if not negated] for group in parse_search(text)]
    expression = fts_expression(groups)
    if not expression or not all(groups):
        return queryset.annotate(rank=Value(0.0, FloatField()))
    return queryset.filter(text__document__match=expression).annotate(rank=search_rank(text))


def search_rank(text: str, vector="search__vector"):
    """Higher is better. PostgreSQL: ts_rank over the weighted vector, `vector` its path from the
    queryset's model. SQLite: bm25 of the FTS row joined by rank_matches."""
    if is_postgresql():
        return SearchRank(F(vector), websearch_query(text))
    return Bm25("text__document")


# Bulk loads on SQLite -------------------------------------------------------------------------


@contextmanager
def fts_deferred():
    """On SQLite, the FTS rows are rebuilt once at the end of a bulk load rather than after each
    row of each relation (each rebuild reads the whole document again): the triggers are dropped
    for the block and restored, in the caller's transaction. Nothing to do on PostgreSQL, whose
    triggers work per statement."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise TransactionManagementError("fts_deferred() needs a transaction")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - a constant
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, names, body) "  # noqa: S608
            "SELECT id, title, summary, names, body FROM practices_search_document"
        )
        for _name, sql in triggers:
            cursor.execute(sql)


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
