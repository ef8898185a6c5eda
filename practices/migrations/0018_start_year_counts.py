"""The published practices counted by start and end year, kept by triggers (PostgreSQL), so the
overview of the whole catalogue reads its timeline from a few hundred rows instead of counting
every practice after each write (practices/browse/overview.py).

`practices_start_year_count` (start_year, end_year, n): 0 stands for "not given", so the pair is a
plain primary key. Statement-level triggers on practices_practice add what their transition
tables bring in and take away what they take out (published rows only), so a bulk load costs
one grouped statement, and TRUNCATE empties it. SQLite has no such table: its overview counts.
"""

from django.db import migrations

TABLE = "practices_start_year_count"
FUNCTION = "practices_count_start_years"

CREATE = f"""
CREATE TABLE {TABLE} (
    start_year integer NOT NULL,
    end_year integer NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (start_year, end_year)
);
INSERT INTO {TABLE} (start_year, end_year, n)
SELECT coalesce(start_year, 0), coalesce(end_year, 0), count(*)
FROM practices_practice WHERE status = 'published' GROUP BY 1, 2;

CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM {TABLE};
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO {TABLE} AS counted (start_year, end_year, n)
        SELECT coalesce(start_year, 0), coalesce(end_year, 0), count(*)
        FROM new_rows WHERE status = 'published' GROUP BY 1, 2
        ON CONFLICT (start_year, end_year) DO UPDATE SET n = counted.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO {TABLE} AS counted (start_year, end_year, n)
        SELECT coalesce(start_year, 0), coalesce(end_year, 0), -count(*)
        FROM old_rows WHERE status = 'published' GROUP BY 1, 2
        ON CONFLICT (start_year, end_year) DO UPDATE SET n = counted.n + EXCLUDED.n;
    ELSE
        INSERT INTO {TABLE} AS counted (start_year, end_year, n)
        SELECT start_year, end_year, sum(d) FROM (
            SELECT coalesce(start_year, 0) AS start_year, coalesce(end_year, 0) AS end_year, 1 AS d
            FROM new_rows WHERE status = 'published'
            UNION ALL
            SELECT coalesce(start_year, 0), coalesce(end_year, 0), -1
            FROM old_rows WHERE status = 'published'
        ) AS changed
        GROUP BY 1, 2 HAVING sum(d) <> 0
        ON CONFLICT (start_year, end_year) DO UPDATE SET n = counted.n + EXCLUDED.n;
    END IF;
    DELETE FROM {TABLE} WHERE n = 0;
    RETURN NULL;
END $$;

CREATE TRIGGER practices_start_years_after_insert AFTER INSERT ON practices_practice
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER practices_start_years_after_update AFTER UPDATE ON practices_practice
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER practices_start_years_after_delete AFTER DELETE ON practices_practice
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER practices_start_years_after_truncate AFTER TRUNCATE ON practices_practice
    FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();
"""

DROP = f"""
DROP TRIGGER IF EXISTS practices_start_years_after_insert ON practices_practice;
DROP TRIGGER IF EXISTS practices_start_years_after_update ON practices_practice;
DROP TRIGGER IF EXISTS practices_start_years_after_delete ON practices_practice;
DROP TRIGGER IF EXISTS practices_start_years_after_truncate ON practices_practice;
DROP FUNCTION IF EXISTS {FUNCTION}();
DROP TABLE IF EXISTS {TABLE};
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("practices", "0017_practice_text")]

    operations = [migrations.RunPython(forwards, backwards)]
