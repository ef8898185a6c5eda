"""A search typed in any of the interface's languages finds practices by the names of their
target groups, themes and funding sources in that language, and by their countries' names in it.

The searchable names (weight C, as in 0016) now hold every translation of each term
(`name_<lang>`, 0021) and each country's name in every language of the interface
(`regions.models.country_search_names`). Both databases keep searching with English stemming:
a translated word is stemmed the same way in the document and in the query, so it matches
itself, its plural only where English rules happen to fit.

PostgreSQL: `practices_search_vector(p)` is replaced, and a term's vectors follow a change to any
of its names. SQLite: the view `practices_search_parts` is replaced, and the triggers that follow
renames watch every name column. Every document is then rebuilt.
"""

from importlib import import_module

from django.db import migrations

from regions.models import country_search_names

previous = import_module("practices.migrations.0016_search_everything")

# The translations' columns as 0021 made them (a language added later adds its own migration).
LANGUAGES = ["es", "ca", "eu", "nb", "sv", "it", "fr", "de"]
TERM_TABLES = ["practices_targetgroup", "practices_theme", "practices_fundingsource"]


def all_names(alias: str) -> str:
    """SQL: the English name and every translation of the term `alias`, space-separated."""
    return " || ' ' || ".join(
        [f"{alias}.name", *(f"coalesce({alias}.name_{code}, '')" for code in LANGUAGES)]
    )


def with_all_names(sql: str) -> str:
    """0016's SQL with every term's name read in every language."""
    for alias in ("t", "f"):
        for function in ("string_agg", "group_concat"):
            sql = sql.replace(f"{function}({alias}.name, ' ')", f"{function}({all_names(alias)}, ' ')")
    return sql


def changed_names(old: str, new: str) -> str:
    columns = ["name", *(f"name_{code}" for code in LANGUAGES)]
    return " OR ".join(f"{old}.{c} IS DISTINCT FROM {new}.{c}" for c in columns)


def refresh_country_names(schema_editor, names):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT code FROM practices_country_name")
        codes = [code for (code,) in cursor.fetchall()]
        cursor.executemany(
            "UPDATE practices_country_name SET names = %s WHERE code = %s",
            [(names(code), code) for code in codes],
        )


def pg_forwards(schema_editor):
    vector = with_all_names(previous.SEARCH_VECTOR_FUNCTION)
    assert vector.count("name_es") == 3, "0016's term names not found"
    schema_editor.execute(vector)
    for relation, column, terms in previous.TERM_RELATIONS:
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {terms}_search_follow_names() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN UPDATE practices_search s "
            "SET vector = practices_search_vector(p) FROM practices_practice p "
            "WHERE p.id = s.practice_id AND p.id IN "
            f"(SELECT practice_id FROM {relation} WHERE {column} IN "
            "(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE {changed_names('o', 'n')})); RETURN NULL; END $$"
        )
    schema_editor.execute(
        "UPDATE practices_search s SET vector = practices_search_vector(p) "
        "FROM practices_practice p WHERE p.id = s.practice_id"
    )
    schema_editor.execute("ANALYZE practices_search")


def sqlite_forwards(schema_editor, parts_view):
    schema_editor.execute("DROP VIEW practices_search_document")
    schema_editor.execute("DROP VIEW practices_search_parts")
    schema_editor.execute(parts_view)
    schema_editor.execute(
        previous.SQLITE_DOCUMENT_VIEW.format(
            **{column: previous.folded(column) for column in ("title", "summary", "names", "body")}
        )
    )
    for relation, column, terms in previous.TERM_RELATIONS:
        name_columns = ", ".join(["name", *(f"name_{code}" for code in LANGUAGES)])
        schema_editor.execute(f"DROP TRIGGER {terms}_fts_names")
        ids = f"SELECT practice_id FROM {relation} WHERE {column} = NEW.id"
        schema_editor.execute(
            f"CREATE TRIGGER {terms}_fts_names AFTER UPDATE OF {name_columns} ON {terms} "
            f"BEGIN {previous.sqlite_refresh(ids)} END"
        )
    schema_editor.execute("DELETE FROM practices_search_fts")
    schema_editor.execute(
        "INSERT INTO practices_search_fts (rowid, title, summary, names, body) "
        "SELECT id, title, summary, names, body FROM practices_search_document"
    )


def forwards(apps, schema_editor):
    refresh_country_names(schema_editor, country_search_names)
    if schema_editor.connection.vendor == "postgresql":
        pg_forwards(schema_editor)
    elif schema_editor.connection.vendor == "sqlite":
        parts = with_all_names(previous.SQLITE_PARTS_VIEW)
        assert parts.count("name_es") == 3, "0016's term names not found"
        sqlite_forwards(schema_editor, parts)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(previous.SEARCH_VECTOR_FUNCTION)
        for relation, column, terms in previous.TERM_RELATIONS:
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {terms}_search_follow_names() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN UPDATE practices_search s "
                "SET vector = practices_search_vector(p) FROM practices_practice p "
                "WHERE p.id = s.practice_id AND p.id IN "
                f"(SELECT practice_id FROM {relation} WHERE {column} IN "
                f"({previous.CHANGED_NAMES})); RETURN NULL; END $$"
            )
        schema_editor.execute(
            "UPDATE practices_search s SET vector = practices_search_vector(p) "
            "FROM practices_practice p WHERE p.id = s.practice_id"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP VIEW practices_search_document")
        schema_editor.execute("DROP VIEW practices_search_parts")
        schema_editor.execute(previous.SQLITE_PARTS_VIEW)
        schema_editor.execute(
            previous.SQLITE_DOCUMENT_VIEW.format(
                **{c: previous.folded(c) for c in ("title", "summary", "names", "body")}
            )
        )
        for relation, column, terms in previous.TERM_RELATIONS:
            schema_editor.execute(f"DROP TRIGGER {terms}_fts_names")
            ids = f"SELECT practice_id FROM {relation} WHERE {column} = NEW.id"
            schema_editor.execute(
                f"CREATE TRIGGER {terms}_fts_names AFTER UPDATE OF name ON {terms} "
                f"BEGIN {previous.sqlite_refresh(ids)} END"
            )


class Migration(migrations.Migration):
    dependencies = [("practices", "0022_seed_vocabulary_translations")]

    operations = [migrations.RunPython(forwards, backwards)]
