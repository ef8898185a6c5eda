"""The catalogue version: one row whose `version` changes, in the same transaction, with every
write to a table the public pages show (practices, their relations, vocabularies, regions and
organisations), by database triggers, so no write path can forget it (the admin, services, the
CSV import, load_demo's COPY, raw SQL).

`practices.cache` keys cached facet counts, vocabularies and page fragments by it: a cache entry
made before a write is never read after it, in any process. The new value is random rather than
incremented, so a rolled-back write can never hand out a number that a later write reuses.

PostgreSQL: one statement-level trigger per table (a bulk COPY bumps it once). SQLite: row-level
triggers (SQLite has no others); a bulk load pays one tiny UPDATE per row.
"""

from django.db import migrations

TABLE = "practices_catalogue_version"

# The tables whose rows the public pages show, by model.
MODELS = [
    ("practices", "Practice"),
    ("practices", "TargetGroup"),
    ("practices", "Theme"),
    ("practices", "FundingSource"),
    ("practices", "PracticeReference"),
    ("practices", "ExternalIdentifier"),
    ("regions", "Region"),
    ("regions", "Organisation"),
]
M2M_FIELDS = ["partner_organisations", "regions", "target_groups", "themes", "funding_sources"]


def watched_tables(apps):
    tables = [apps.get_model(app, model)._meta.db_table for app, model in MODELS]
    practice = apps.get_model("practices", "Practice")
    for name in M2M_FIELDS:
        tables.append(practice._meta.get_field(name).remote_field.through._meta.db_table)
    return tables


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    qn = schema_editor.quote_name
    tables = watched_tables(apps)
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TABLE {TABLE} (id smallint PRIMARY KEY CHECK (id = 1), "
            "version bigint NOT NULL, changed_at timestamp with time zone NOT NULL)"
        )
        schema_editor.execute(f"INSERT INTO {TABLE} VALUES (1, 0, now())")
        schema_editor.execute(
            "CREATE FUNCTION practices_bump_catalogue_version() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {TABLE} SET version = floor(random() * 9007199254740991)::bigint, "
            "changed_at = now() WHERE id = 1; RETURN NULL; END $$"
        )
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {qn(table + '_catalogue_version')} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {qn(table)} "
                "FOR EACH STATEMENT EXECUTE FUNCTION practices_bump_catalogue_version()"
            )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TABLE {TABLE} (id integer PRIMARY KEY CHECK (id = 1), "
            "version integer NOT NULL, changed_at text NOT NULL)"
        )
        schema_editor.execute(f"INSERT INTO {TABLE} VALUES (1, 0, CURRENT_TIMESTAMP)")
        for table in tables:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {qn(f'{table}_catalogue_version_{event.lower()}')} "
                    f"AFTER {event} ON {qn(table)} BEGIN "
                    f"UPDATE {TABLE} SET version = random(), changed_at = CURRENT_TIMESTAMP "
                    "WHERE id = 1; END"
                )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    qn = schema_editor.quote_name
    if vendor == "postgresql":
        for table in watched_tables(apps):
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {qn(table + '_catalogue_version')} ON {qn(table)}"
            )
        schema_editor.execute("DROP FUNCTION IF EXISTS practices_bump_catalogue_version()")
    elif vendor == "sqlite":
        for table in watched_tables(apps):
            for event in ("insert", "update", "delete"):
                schema_editor.execute(
                    f"DROP TRIGGER IF EXISTS {qn(f'{table}_catalogue_version_{event}')}"
                )
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0005_roles"),
        ("regions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
