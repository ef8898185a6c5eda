"""Full-text search on PostgreSQL: the unaccent extension and a GIN index on the stored vector.

On SQLite this migration does nothing: search falls back to case-insensitive containment.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # Serves the free-text filter: WHERE search_vector @@ websearch_to_tsquery(...).
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS practice_search_vector_gin "
        "ON practices_practice USING gin (search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS practice_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_seed_vocabularies")]

    operations = [migrations.RunPython(forwards, backwards)]
