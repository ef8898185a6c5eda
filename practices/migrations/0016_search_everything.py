"""Search what people search for, the same way on both databases.

A practice's searchable text now also holds its countries' names (English and the country's own,
from `practices_country_name`), its target groups, themes and funding sources, weighted like the
organisation and region names (C), so "Spain" or "persons with disabilities" finds the practices
filed under them while title matches still rank first.

PostgreSQL: `practices_search_vector(p)` is replaced; statement-level triggers recompute the vectors
after writes to the three new relation tables and renames of their terms, as 0012 does for
partners and regions. `pg_trgm` serves the "Did you mean" suggestions.

SQLite: an FTS5 table, `practices_search_fts` (rowid = practice id; porter stemming and unicode61
with diacritics removed, as PostgreSQL's 'english' with unaccent), filled from the view
`practices_search_document` (the document's one definition there) and kept current by row
triggers: a practice's insert, update and delete, its five relation tables, and renames of
organisations, regions and terms.
"""

from importlib import import_module

from django.db import migrations

from django_countries import countries

from practices.browse.search import UNFOLDED_LETTERS
from regions.models import country_search_names

COUNTRY_TABLE = (
    "CREATE TABLE practices_country_name (code varchar(2) PRIMARY KEY, names text NOT NULL)"
)

# PostgreSQL -------------------------------------------------------------------------------------

SEARCH_VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION practices_search_vector(p practices_practice) RETURNS tsvector
LANGUAGE sql STABLE AS $$ SELECT
    setweight(to_tsvector('english', unaccent(p.title || ' ' || p.original_title)), 'A')
 || setweight(to_tsvector('english', unaccent(p.summary || ' ' || p.key_lesson)), 'B')
 || setweight(to_tsvector('english', unaccent(
        coalesce((SELECT o.name FROM regions_organisation o
                  WHERE o.id = p.lead_organisation_id), '')
        || ' ' ||
        coalesce((SELECT string_agg(o.name, ' ') FROM practices_practice_partner_organisations po
                  JOIN regions_organisation o ON o.id = po.organisation_id
                  WHERE po.practice_id = p.id), '')
        || ' ' ||
        coalesce((SELECT string_agg(r.name || ' ' || coalesce(c.names, ''), ' ')
                  FROM regions_region r
                  JOIN practices_practice_regions pr ON pr.region_id = r.id
                  LEFT JOIN practices_country_name c ON c.code = r.country
                  WHERE pr.practice_id = p.id), '')
        || ' ' ||
        coalesce((SELECT string_agg(t.name, ' ') FROM practices_targetgroup t
                  JOIN practices_practice_target_groups pt ON pt.targetgroup_id = t.id
                  WHERE pt.practice_id = p.id), '')
        || ' ' ||
        coalesce((SELECT string_agg(t.name, ' ') FROM practices_theme t
                  JOIN practices_practice_themes pt ON pt.theme_id = t.id
                  WHERE pt.practice_id = p.id), '')
        || ' ' ||
        coalesce((SELECT string_agg(f.name, ' ') FROM practices_fundingsource f
                  JOIN practices_practice_funding_sources pf ON pf.fundingsource_id = f.id
                  WHERE pf.practice_id = p.id), ''))), 'C')
 || setweight(to_tsvector('english', unaccent(
        p.description || ' ' || p.results || ' ' || p.transferability)), 'D')
$$
"""

# (relation table, its term column, the term table)
TERM_RELATIONS = [
    ("practices_practice_target_groups", "targetgroup_id", "practices_targetgroup"),
    ("practices_practice_themes", "theme_id", "practices_theme"),
    ("practices_practice_funding_sources", "fundingsource_id", "practices_fundingsource"),
]

CHANGED_NAMES = (
    "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
    "WHERE o.name IS DISTINCT FROM n.name"
)


def pg_forwards(schema_editor):
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(SEARCH_VECTOR_FUNCTION)
    for relation, column, terms in TERM_RELATIONS:
        # The relation functions of 0012 read `changed_rows` (its practice_id column).
        for event, tables in (
            ("INSERT", "REFERENCING NEW TABLE AS changed_rows"),
            ("DELETE", "REFERENCING OLD TABLE AS changed_rows"),
        ):
            schema_editor.execute(
                f"CREATE TRIGGER {relation}_search_{event.lower()} AFTER {event} ON {relation} "
                f"{tables} FOR EACH STATEMENT "
                "EXECUTE FUNCTION practices_search_follow_relation()"
            )
        schema_editor.execute(
            f"CREATE TRIGGER {relation}_search_truncate AFTER TRUNCATE ON {relation} "
            "FOR EACH STATEMENT EXECUTE FUNCTION practices_search_follow_relation_truncate()"
        )
        schema_editor.execute(
            f"CREATE FUNCTION {terms}_search_follow_names() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN UPDATE practices_search s SET vector = practices_search_vector(p) "
            "FROM practices_practice p WHERE p.id = s.practice_id AND p.id IN "
            f"(SELECT practice_id FROM {relation} WHERE {column} IN ({CHANGED_NAMES})); "
            "RETURN NULL; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {terms}_search_names AFTER UPDATE ON {terms} "
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {terms}_search_follow_names()"
        )
    schema_editor.execute(
        "UPDATE practices_search s SET vector = practices_search_vector(p) "
        "FROM practices_practice p WHERE p.id = s.practice_id"
    )
    schema_editor.execute("ANALYZE practices_search")


def pg_backwards(schema_editor):
    previous = import_module("practices.migrations.0011_practice_search")
    schema_editor.execute(
        previous.SEARCH_VECTOR_FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
    )
    for relation, _column, terms in TERM_RELATIONS:
        for event in ("insert", "delete", "truncate"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {relation}_search_{event} ON {relation}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {terms}_search_names ON {terms}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {terms}_search_follow_names()")


# SQLite -----------------------------------------------------------------------------------------

def folded(sql: str) -> str:
    """`sql` with the letters unaccent folds but unicode61 keeps (ø, æ, ß…) folded alike."""
    for letter, plain in UNFOLDED_LETTERS.items():
        sql = f"replace({sql}, '{letter}', '{plain}')"
    return sql


SQLITE_DOCUMENT_VIEW = """
CREATE VIEW practices_search_document AS SELECT id, {title} AS title, {summary} AS summary,
    {names} AS names, {body} AS body FROM practices_search_parts
"""

SQLITE_PARTS_VIEW = """
CREATE VIEW practices_search_parts AS SELECT
    p.id AS id,
    p.title || ' ' || p.original_title AS title,
    p.summary || ' ' || p.key_lesson AS summary,
    coalesce((SELECT o.name FROM regions_organisation o WHERE o.id = p.lead_organisation_id), '')
    || ' ' || coalesce((SELECT group_concat(o.name, ' ')
                        FROM practices_practice_partner_organisations po
                        JOIN regions_organisation o ON o.id = po.organisation_id
                        WHERE po.practice_id = p.id), '')
    || ' ' || coalesce((SELECT group_concat(r.name || ' ' || coalesce(c.names, ''), ' ')
                        FROM regions_region r
                        JOIN practices_practice_regions pr ON pr.region_id = r.id
                        LEFT JOIN practices_country_name c ON c.code = r.country
                        WHERE pr.practice_id = p.id), '')
    || ' ' || coalesce((SELECT group_concat(t.name, ' ') FROM practices_targetgroup t
                        JOIN practices_practice_target_groups pt ON pt.targetgroup_id = t.id
                        WHERE pt.practice_id = p.id), '')
    || ' ' || coalesce((SELECT group_concat(t.name, ' ') FROM practices_theme t
                        JOIN practices_practice_themes pt ON pt.theme_id = t.id
                        WHERE pt.practice_id = p.id), '')
    || ' ' || coalesce((SELECT group_concat(f.name, ' ') FROM practices_fundingsource f
                        JOIN practices_practice_funding_sources pf ON pf.fundingsource_id = f.id
                        WHERE pf.practice_id = p.id), '') AS names,
    p.description || ' ' || p.results || ' ' || p.transferability AS body
FROM practices_practice p
"""


def sqlite_refresh(practice_ids: str) -> str:
    """Statements that rewrite the FTS rows of the practices `practice_ids` (SQL) selects."""
    return (
        f"DELETE FROM practices_search_fts WHERE rowid IN ({practice_ids}); "
        "INSERT INTO practices_search_fts (rowid, title, summary, names, body) "
        "SELECT id, title, summary, names, body FROM practices_search_document "
        f"WHERE id IN ({practice_ids});"
    )


# (trigger, event and table, the practice ids it touches)
SQLITE_TRIGGERS = [
    ("practices_practice_fts_insert", "INSERT ON practices_practice", "NEW.id"),
    ("practices_practice_fts_update", "UPDATE ON practices_practice", "NEW.id"),
    *(
        (f"{relation}_fts_{event.lower()}", f"{event} ON {relation}", f"{row}.practice_id")
        for relation in (
            "practices_practice_partner_organisations",
            "practices_practice_regions",
            *(relation for relation, _column, _terms in TERM_RELATIONS),
        )
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"))
    ),
    (
        "regions_organisation_fts_names",
        "UPDATE OF name ON regions_organisation",
        "SELECT id FROM practices_practice WHERE lead_organisation_id = NEW.id UNION "
        "SELECT practice_id FROM practices_practice_partner_organisations "
        "WHERE organisation_id = NEW.id",
    ),
    (
        "regions_region_fts_names",
        "UPDATE OF name, country ON regions_region",
        "SELECT practice_id FROM practices_practice_regions WHERE region_id = NEW.id",
    ),
    *(
        (
            f"{terms}_fts_names",
            f"UPDATE OF name ON {terms}",
            f"SELECT practice_id FROM {relation} WHERE {column} = NEW.id",
        )
        for relation, column, terms in TERM_RELATIONS
    ),
]


def sqlite_forwards(schema_editor):
    schema_editor.execute(
        "CREATE VIRTUAL TABLE practices_search_fts USING fts5("
        "title, summary, names, body, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    schema_editor.execute(SQLITE_PARTS_VIEW)
    schema_editor.execute(
        SQLITE_DOCUMENT_VIEW.format(
            **{column: folded(column) for column in ("title", "summary", "names", "body")}
        )
    )
    for trigger, event, ids in SQLITE_TRIGGERS:
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} AFTER {event} BEGIN {sqlite_refresh(ids)} END"
        )
    schema_editor.execute(
        "CREATE TRIGGER practices_practice_fts_delete AFTER DELETE ON practices_practice "
        "BEGIN DELETE FROM practices_search_fts WHERE rowid = OLD.id; END"
    )
    schema_editor.execute(
        "INSERT INTO practices_search_fts (rowid, title, summary, names, body) "
        "SELECT id, title, summary, names, body FROM practices_search_document"
    )


def sqlite_backwards(schema_editor):
    for trigger, _event, _ids in SQLITE_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    schema_editor.execute("DROP TRIGGER IF EXISTS practices_practice_fts_delete")
    schema_editor.execute("DROP VIEW IF EXISTS practices_search_document")
    schema_editor.execute("DROP VIEW IF EXISTS practices_search_parts")
    schema_editor.execute("DROP TABLE IF EXISTS practices_search_fts")


def forwards(apps, schema_editor):
    schema_editor.execute(COUNTRY_TABLE)
    Region = apps.get_model("regions", "Region")
    codes = {*Region.objects.values_list("country", flat=True)}
    codes |= {code for code, _name in countries}
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO practices_country_name (code, names) VALUES (%s, %s)",
            [(code, country_search_names(code)) for code in sorted(codes)],
        )
    if schema_editor.connection.vendor == "postgresql":
        pg_forwards(schema_editor)
    elif schema_editor.connection.vendor == "sqlite":
        sqlite_forwards(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        pg_backwards(schema_editor)
    elif schema_editor.connection.vendor == "sqlite":
        sqlite_backwards(schema_editor)
    schema_editor.execute("DROP TABLE IF EXISTS practices_country_name")


class Migration(migrations.Migration):
    dependencies = [("practices", "0015_accounts"), ("regions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
