"""Facet counts kept by the database (PostgreSQL only): the list page reads them, not counts them.

Counting every option of every facet over ~90,000 published practices costs hundreds of
milliseconds of SQL, on the first view after each write. These tables hold those counts ready,
kept exact by triggers in the same transaction as the write, so any page whose facets depend on
no filter, or on a single filter value, reads them in one index lookup (practices/browse/facet_counts.py
decides which; the rest is counted live, as on SQLite, where none of this exists).

- practices_facet_member: one row per (published practice, facet, value) it counts towards:
  region, country, target_group, theme, funding (term ids or ISO codes), kind, level, evidence,
  and end_year ('' for none: "ongoing or completed" depends on the current year, so it is
  derived when read).
- practices_facet_count: for each base, the number of published practices per (facet, value).
  Base '' is every published practice; base 'theme=12' those with theme 12, and so on for one
  value of any facet but end_year. Rows that fall to zero stay, at zero.

A trigger re-derives the member rows of the practices a statement touched and applies the
difference to the counts: a publication, a new theme on a practice, a region moved to another
country. A bulk load sets `practices.facet_counts = 'deferred'` for its transaction: the
triggers then only note that the counts are stale, and practices.facet_counts.deferred()
rebuilds them once at the end if so. TRUNCATE rebuilds.

Facet triggers are named so that they fire after the catalogue version's trigger (PostgreSQL
fires a table's triggers in name order): a writer first queues on the version row, so two
writers never lock count rows in opposite orders.
"""

from django.db import migrations

MEMBER = "practices_facet_member"
COUNT = "practices_facet_count"

# The member rows of the published practices that `{published}` (a condition on `p`) selects.
VALUES_SQL = """
SELECT p.id, v.facet, v.value FROM practices_practice p
CROSS JOIN LATERAL (VALUES
    ('kind', p.kind::text), ('level', p.level::text), ('evidence', p.evidence_level::text),
    ('end_year', coalesce(p.end_year::text, ''))
) v (facet, value)
WHERE {published}
UNION ALL SELECT t.practice_id, 'region', t.region_id::text FROM practices_practice_regions t
    JOIN practices_practice p ON p.id = t.practice_id WHERE {published}
UNION ALL SELECT DISTINCT t.practice_id, 'country', r.country::text
    FROM practices_practice_regions t JOIN practices_practice p ON p.id = t.practice_id
    JOIN regions_region r ON r.id = t.region_id WHERE {published}
UNION ALL SELECT t.practice_id, 'target_group', t.targetgroup_id::text
    FROM practices_practice_target_groups t JOIN practices_practice p ON p.id = t.practice_id
    WHERE {published}
UNION ALL SELECT t.practice_id, 'theme', t.theme_id::text FROM practices_practice_themes t
    JOIN practices_practice p ON p.id = t.practice_id WHERE {published}
UNION ALL SELECT t.practice_id, 'funding', t.fundingsource_id::text
    FROM practices_practice_funding_sources t JOIN practices_practice p ON p.id = t.practice_id
    WHERE {published}
"""

# The counts that the member rows in `{rows}` (practice_id, facet, value) contribute: to base ''
# each row, to base 'facet=value' each pair of rows of one practice in different facets.
CONTRIBUTIONS_SQL = """
SELECT '' AS base, facet, value, count(*) AS n FROM {rows} GROUP BY facet, value
UNION ALL
SELECT a.facet || '=' || a.value, b.facet, b.value, count(*)
FROM {rows} a JOIN {rows} b ON b.practice_id = a.practice_id AND b.facet <> a.facet
WHERE a.facet <> 'end_year'
GROUP BY 1, 2, 3
"""

PUBLISHED_AMONG_IDS = "p.status = 'published' AND p.id = ANY(ids)"
ALL_PUBLISHED = "p.status = 'published'"


def values_sql(published):
    return VALUES_SQL.format(published=published)


FUNCTIONS = [
    f"""
CREATE FUNCTION practices_refresh_facet_counts(ids bigint[]) RETURNS void
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    IF current_setting('practices.facet_counts', true) = 'deferred' THEN
        PERFORM set_config('practices.facet_counts_stale', 'on', true);
        RETURN;
    END IF;
    WITH gone AS (
        DELETE FROM {MEMBER} WHERE practice_id = ANY(ids) RETURNING practice_id, facet, value
    )
    INSERT INTO {COUNT} AS c (base, facet, value, n)
    SELECT base, facet, value, -n FROM ({CONTRIBUTIONS_SQL.format(rows="gone")}) d
    ON CONFLICT (base, facet, value) DO UPDATE SET n = c.n + EXCLUDED.n;
    WITH added AS (
        INSERT INTO {MEMBER} (practice_id, facet, value) {values_sql(PUBLISHED_AMONG_IDS)}
        RETURNING practice_id, facet, value
    )
    INSERT INTO {COUNT} AS c (base, facet, value, n)
    SELECT base, facet, value, n FROM ({CONTRIBUTIONS_SQL.format(rows="added")}) d
    ON CONFLICT (base, facet, value) DO UPDATE SET n = c.n + EXCLUDED.n;
END $$
""",
    f"""
CREATE FUNCTION practices_rebuild_facet_counts() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {MEMBER}, {COUNT};
    -- A million rows index faster in one build than one by one: the key goes and comes back.
    ALTER TABLE {MEMBER} DROP CONSTRAINT {MEMBER}_pkey;
    INSERT INTO {MEMBER} (practice_id, facet, value) {values_sql(ALL_PUBLISHED)};
    ALTER TABLE {MEMBER} ADD CONSTRAINT {MEMBER}_pkey PRIMARY KEY (practice_id, facet, value);
    INSERT INTO {COUNT} (base, facet, value, n) {CONTRIBUTIONS_SQL.format(rows=MEMBER)};
    -- Statistics now, not when autovacuum comes by: the triggers' plans depend on them.
    ANALYZE {MEMBER}, {COUNT};
END $$
""",
    # Practices: only a change to what they count towards matters (not an edit of the text).
    """
CREATE FUNCTION practices_facets_after_practice_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id) INTO ids FROM new_rows WHERE status = 'published';
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(id) INTO ids FROM old_rows WHERE status = 'published';
    ELSE
        SELECT array_agg(DISTINCT id) INTO ids FROM (
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (o.status = 'published' OR n.status = 'published')
              AND (o.status, o.kind, o.level, o.evidence_level, o.end_year)
                  IS DISTINCT FROM (n.status, n.kind, n.level, n.evidence_level, n.end_year)
            UNION ALL  -- an id changed: both rows, though Django never does this
            SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
            UNION ALL
            SELECT n.id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
        ) changed;
    END IF;
    PERFORM practices_refresh_facet_counts(ids);
    RETURN NULL;
END $$
""",
    # The practices' relations to regions, target groups, themes and funding sources.
    """
CREATE FUNCTION practices_facets_after_link_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT practice_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT practice_id) INTO ids FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT practice_id) INTO ids FROM (
            SELECT practice_id FROM new_rows UNION ALL SELECT practice_id FROM old_rows
        ) changed;
    END IF;
    PERFORM practices_refresh_facet_counts(ids);
    RETURN NULL;
END $$
""",
    # A region moved to another country: its practices count towards another country.
    """
CREATE FUNCTION practices_facets_after_region_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    SELECT array_agg(DISTINCT t.practice_id) INTO ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.country IS DISTINCT FROM n.country
    JOIN practices_practice_regions t ON t.region_id = n.id;
    PERFORM practices_refresh_facet_counts(ids);
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION practices_facets_after_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('practices.facet_counts', true) = 'deferred' THEN
        PERFORM set_config('practices.facet_counts_stale', 'on', true);
    ELSE
        PERFORM practices_rebuild_facet_counts();
    END IF;
    RETURN NULL;
END $$
""",
]

LINK_TABLES = [
    "practices_practice_regions",
    "practices_practice_target_groups",
    "practices_practice_themes",
    "practices_practice_funding_sources",
]


def triggers():
    """(name, table, SQL) of every trigger."""
    found = []

    def statement_triggers(table, function, events):
        for event in events:
            tables = {
                "INSERT": "NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
                "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            }[event]
            name = f"{table}_facet_counts_{event.lower()}"
            found.append(
                (
                    name,
                    table,
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
                )
            )

    statement_triggers(
        "practices_practice",
        "practices_facets_after_practice_change",
        ("INSERT", "UPDATE", "DELETE"),
    )
    for table in LINK_TABLES:
        statement_triggers(
            table, "practices_facets_after_link_change", ("INSERT", "UPDATE", "DELETE")
        )
    statement_triggers("regions_region", "practices_facets_after_region_change", ("UPDATE",))
    for table in ["practices_practice", *LINK_TABLES, "regions_region"]:
        name = f"{table}_facet_counts_truncate"
        found.append(
            (
                name,
                table,
                f"CREATE TRIGGER {name} AFTER TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION practices_facets_after_truncate()",
            )
        )
    return found


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite counts live: see practices/browse/facet_counts.py
    schema_editor.execute(
        f"CREATE TABLE {MEMBER} (practice_id bigint NOT NULL, facet text NOT NULL, "
        f"value text NOT NULL, CONSTRAINT {MEMBER}_pkey PRIMARY KEY (practice_id, facet, value))"
    )
    schema_editor.execute(
        f"CREATE TABLE {COUNT} (base text NOT NULL, facet text NOT NULL, value text NOT NULL, "
        "n integer NOT NULL, PRIMARY KEY (base, facet, value))"
    )
    for sql in FUNCTIONS:
        schema_editor.execute(sql)
    for _name, _table, sql in triggers():
        schema_editor.execute(sql)
    schema_editor.execute("SELECT practices_rebuild_facet_counts()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, _sql in triggers():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in (
        "practices_facets_after_truncate()",
        "practices_facets_after_region_change()",
        "practices_facets_after_link_change()",
        "practices_facets_after_practice_change()",
        "practices_rebuild_facet_counts()",
        "practices_refresh_facet_counts(bigint[])",
    ):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {COUNT}, {MEMBER}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_facet_base_index")]

    operations = [migrations.RunPython(forwards, backwards)]
