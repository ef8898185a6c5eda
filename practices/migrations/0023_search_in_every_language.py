"""A country's name in every language of the interface finds its practices ("Espagne",
"Spanien", "Espainia"): `practices_country_name` (0016) now holds them all
(`regions.models.country_search_names`), and every document is rebuilt to include them.

The vocabularies' translated names are NOT put in the documents: in every vector they tripled
its size (past PostgreSQL's TOAST threshold) and made each search 3-5x slower. A word typed in the
visitor's language that names a term there asks for the term's English name instead
(browse/search.py, `with_translated_names`).
"""


from django.db import migrations

from regions.models import country_search_names



def forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT code FROM practices_country_name")
        codes = [code for (code,) in cursor.fetchall()]
        cursor.executemany(
            "UPDATE practices_country_name SET names = %s WHERE code = %s",
            [(country_search_names(code), code) for code in codes],
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE practices_search s SET vector = practices_search_vector(p) "
            "FROM practices_practice p WHERE p.id = s.practice_id"
        )
        schema_editor.execute("ANALYZE practices_search")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DELETE FROM practices_search_fts")
        schema_editor.execute(
            "INSERT INTO practices_search_fts (rowid, title, summary, names, body) "
            "SELECT id, title, summary, names, body FROM practices_search_document"
        )


class Migration(migrations.Migration):
    dependencies = [("practices", "0022_seed_vocabulary_translations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
