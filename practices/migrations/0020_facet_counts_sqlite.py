"""The stored facet counts of migration 0008, on SQLite too: the same two tables, the same rows.

Without them a broad search on SQLite counted the facets of nearly every practice live (about a
second at 100,000 practices, 6-9x PostgreSQL); with them it counts the few practices it misses,
as PostgreSQL does (practices/browse/facet_counts.py plans both alike).

SQLite has row triggers only, and no functions, so the refresh of one practice is written once,
as the trigger of a queue table: every trigger that changes what a practice counts towards
inserts the practice's id into `practices_facet_refresh`, whose AFTER INSERT trigger takes the
practice's old contributions off the counts, re-derives its member rows, adds the new ones and
empties its queue row. The views `practices_facet_member_source` (every published practice's
member rows) and `practices_facet_count_source` (the counts of the member table) are what a
rebuild reads: facet_counts.rebuild(), and deferred() after a bulk load, which drops these
triggers for its block as search.fts_deferred() does for the FTS triggers.
"""

from django.db import migrations

MEMBER = "practices_facet_member"
COUNT = "practices_facet_count"
QUEUE = "practices_facet_refresh"

# The member rows of the published practices that `{published}` (a condition on `p`) selects:
# migration 0008's VALUES_SQL, in SQLite's words (no LATERAL, CAST for ::text).
VALUES_SQL = """
SELECT p.id AS practice_id, 'kind' AS facet, CAST(p.kind AS TEXT) AS value
    FROM practices_practice p WHERE {published}
UNION ALL SELECT p.id, 'level', CAST(p.level AS TEXT) FROM practices_practice p WHERE {published}
UNION ALL SELECT p.id, 'evidence', CAST(p.evidence_level AS TEXT)
    FROM practices_practice p WHERE {published}
UNION ALL SELECT p.id, 'end_year', coalesce(CAST(p.end_year AS TEXT), '')
    FROM practices_practice p WHERE {published}
UNION ALL SELECT t.practice_id, 'region', CAST(t.region_id AS TEXT)
    FROM practices_practice_regions t JOIN practices_practice p ON p.id = t.practice_id
    WHERE {published}
UNION ALL SELECT DISTINCT t.practice_id, 'country', CAST(r.country AS TEXT)
    FROM practices_practice_regions t JOIN practices_practice p ON p.id = t.practice_id
    JOIN regions_region r ON r.id = t.region_id WHERE {published}
UNION ALL SELECT t.practice_id, 'target_group', CAST(t.targetgroup_id AS TEXT)
    FROM practices_practice_target_groups t JOIN practices_practice p ON p.id = t.practice_id
    WHERE {published}
UNION ALL SELECT t.practice_id, 'theme', CAST(t.theme_id AS TEXT)
    FROM practices_practice_themes t JOIN practices_practice p ON p.id = t.practice_id
    WHERE {published}
UNION ALL SELECT t.practice_id, 'funding', CAST(t.fundingsource_id AS TEXT)
    FROM practices_practice_funding_sources t JOIN practices_practice p ON p.id = t.practice_id
    WHERE {published}
"""

# The counts that the member rows `{where}` selects contribute, each multiplied by `{sign}`: to
# base '' each row, to base 'facet=value' each pair of rows of one practice in different facets.
CONTRIBUTIONS_SQL = """
SELECT '' AS base, m.facet AS facet, m.value AS value, {sign} * count(*) AS n
    FROM {member} m WHERE {where} GROUP BY m.facet, m.value
UNION ALL
SELECT m.facet || '=' || m.value, b.facet, b.value, {sign} * count(*)
    FROM {member} m JOIN {member} b ON b.practice_id = m.practice_id AND b.facet <> m.facet
    WHERE {where} AND m.facet <> 'end_year' GROUP BY 1, 2, 3
"""


def contributions(sign, where):
    return CONTRIBUTIONS_SQL.format(member=MEMBER, sign=sign, where=where)


# `WHERE true`: SQLite's parser needs it between INSERT … SELECT and ON CONFLICT.
ADD_COUNTS = (
    f"INSERT INTO {COUNT} (base, facet, value, n) SELECT * FROM ({{rows}}) WHERE true "
    "ON CONFLICT (base, facet, value) DO UPDATE SET n = n + excluded.n"
)

THIS_PRACTICE = "m.practice_id = NEW.practice_id"
PUBLISHED = "p.status = 'published'"

REFRESH_TRIGGER = f"""
CREATE TRIGGER {QUEUE}_apply AFTER INSERT ON {QUEUE} BEGIN
    {ADD_COUNTS.format(rows=contributions(-1, THIS_PRACTICE))};
    DELETE FROM {MEMBER} WHERE practice_id = NEW.practice_id;
    INSERT INTO {MEMBER} (practice_id, facet, value)
    {VALUES_SQL.format(published=PUBLISHED + " AND p.id = NEW.practice_id")};
    {ADD_COUNTS.format(rows=contributions(1, THIS_PRACTICE))};
    DELETE FROM {QUEUE} WHERE practice_id = NEW.practice_id;
END
"""

LINK_TABLES = [
    "practices_practice_regions",
    "practices_practice_target_groups",
    "practices_practice_themes",
    "practices_practice_funding_sources",
]

COUNTED_COLUMNS = "status, kind, level, evidence_level, end_year"


def source_triggers():
    """(name, SQL) of the triggers that queue a practice whose counts a write changes."""
    found = []

    def queue(name, table, event, ids, when=""):
        name = f"{table}_facet_counts_{name}"
        found.append(
            (
                name,
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when} BEGIN "
                f"INSERT INTO {QUEUE} (practice_id) {ids}; END",
            )
        )

    old, new = (
        ", ".join(f"{row}.{column}" for column in COUNTED_COLUMNS.split(", "))
        for row in ("OLD", "NEW")
    )
    queue("insert", "practices_practice", "INSERT", "VALUES (NEW.id)", "WHEN NEW.status = 'published'")
    queue("delete", "practices_practice", "DELETE", "VALUES (OLD.id)", "WHEN OLD.status = 'published'")
    # Only a change to what a practice counts towards matters (not an edit of its text).
    queue(
        "update",
        "practices_practice",
        f"UPDATE OF id, {COUNTED_COLUMNS}",
        "SELECT NEW.id UNION SELECT OLD.id",
        f"WHEN (OLD.status = 'published' OR NEW.status = 'published') "
        f"AND (OLD.id, {old}) IS NOT (NEW.id, {new})",
    )
    for table in LINK_TABLES:
        queue("insert", table, "INSERT", "VALUES (NEW.practice_id)")
        queue("delete", table, "DELETE", "VALUES (OLD.practice_id)")
        queue("update", table, "UPDATE", "SELECT NEW.practice_id UNION SELECT OLD.practice_id")
    # A region moved to another country: its practices count towards another country.
    queue(
        "update",
        "regions_region",
        "UPDATE OF country",
        "SELECT DISTINCT practice_id FROM practices_practice_regions WHERE region_id = NEW.id",
        "WHEN OLD.country IS NOT NEW.country",
    )
    return found


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL: migration 0008
    execute = schema_editor.execute
    execute(
        f"CREATE TABLE {MEMBER} (practice_id integer NOT NULL, facet text NOT NULL, "
        "value text NOT NULL, PRIMARY KEY (practice_id, facet, value)) WITHOUT ROWID"
    )
    execute(
        f"CREATE TABLE {COUNT} (base text NOT NULL, facet text NOT NULL, value text NOT NULL, "
        "n integer NOT NULL, PRIMARY KEY (base, facet, value)) WITHOUT ROWID"
    )
    execute(f"CREATE TABLE {QUEUE} (practice_id integer NOT NULL)")
    execute(f"CREATE VIEW {MEMBER}_source AS {VALUES_SQL.format(published=PUBLISHED)}")
    execute(f"CREATE VIEW {COUNT}_source AS {contributions(1, 'true')}")
    execute(REFRESH_TRIGGER)
    for _name, sql in source_triggers():
        execute(sql)
    execute(f"INSERT INTO {MEMBER} SELECT * FROM {MEMBER}_source")
    execute(f"INSERT INTO {COUNT} SELECT * FROM {COUNT}_source")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name, _sql in source_triggers():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {QUEUE}_apply")
    for view in (f"{COUNT}_source", f"{MEMBER}_source"):
        schema_editor.execute(f"DROP VIEW IF EXISTS {view}")
    for table in (QUEUE, COUNT, MEMBER):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0019_practice_slug_not_a_page")]

    operations = [migrations.RunPython(forwards, backwards)]
