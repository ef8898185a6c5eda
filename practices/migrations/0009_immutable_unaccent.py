"""practices_unaccent(text): unaccent() declared IMMUTABLE, so a search is parsed once, not per row.

unaccent() is only STABLE (its dictionary could be changed), so PostgreSQL cannot fold
websearch_to_tsquery('english', unaccent('…')) into a constant when planning: it parses the search
again for every row it tests or ranks, and estimates how many rows match without its statistics.
Through this wrapper the whole expression is a constant, parsed once, and the planner sees the
actual lexemes (a word in nearly every practice gets a plan for nearly every practice). The
wrapper names the dictionary and the extension's schema, so its result cannot depend on the
search_path: the usual way to make unaccent IMMUTABLE. PostgreSQL only; SQLite has no unaccent.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    schema = schema_editor.quote_name(schema.strip('"'))
    schema_editor.execute(
        "CREATE FUNCTION practices_unaccent(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        f"AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP FUNCTION IF EXISTS practices_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [("practices", "0008_facet_counts")]

    operations = [migrations.RunPython(forwards, backwards)]
