"""The full-text vectors move out of the practice's row into practices_search (PracticeSearch).

A search reads the vector of every practice it matches and ranks them. In the practice's row
(about 2 KB with its texts, a table larger than PostgreSQL's default shared buffers at 100,000
practices) reading them took most of a search's time: ranking the 89,000 matches of
"employment" took 130 ms there and 58 ms in this table, on one core.

The vector's definition moves into the database, `practices_search_vector(p)`. Statement-level
triggers on practices_practice give every practice its row when it is inserted, and keep the
row's `published_at` equal to the practice's while it is published (NULL otherwise), whatever
writes it (the admin, services, the CSV import, bulk SQL): the published practices are exactly
the rows with a `published_at`, and a search with no other filter needs no join.
PracticeQuerySet.refresh_search_vectors recomputes a vector after the practice's relations
change.

On SQLite the table exists and stays empty: search there is case-insensitive containment.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

PUBLISHED_AT = "CASE WHEN n.status = 'published' THEN n.published_at END"

# The vector of a practice row `p`, in the 'english' configuration that queries use (filters.py,
# SEARCH_CONFIG). Weights: title A; summary and key lesson B; organisation and region names C;
# the rest D, so a match in the title ranks above one in the description; `unaccent` makes
# "Boras" find "Borås". The lead organisation is looked up by id and the partners joined, rather
# than one OR over the organisation table, which would scan it once per practice. To change it,
# replace the function in a new migration and refresh every practice's vector.
SEARCH_VECTOR_FUNCTION = """
CREATE FUNCTION practices_search_vector(p practices_practice) RETURNS tsvector
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
        coalesce((SELECT string_agg(r.name, ' ') FROM regions_region r
                  JOIN practices_practice_regions pr ON pr.region_id = r.id
                  WHERE pr.practice_id = p.id), ''))), 'C')
 || setweight(to_tsvector('english', unaccent(
        p.description || ' ' || p.results || ' ' || p.transferability)), 'D')
$$
"""

# Trigger names sort after the catalogue-version trigger's: writers queue on the version row first.
TRIGGERS = [
    (
        "practices_practice_search_insert",
        "INSERT",
        "practices_search_add",
        # Computed now: complete when the relations went in first (load_demo's staged load);
        # otherwise refresh_search_vectors completes it once they are in.
        "INSERT INTO practices_search (practice_id, vector, published_at) "
        f"SELECT n.id, practices_search_vector(n), {PUBLISHED_AT} FROM new_rows n",
    ),
    (
        "practices_practice_search_publication",
        "UPDATE",
        "practices_search_follow_publication",
        f"UPDATE practices_search s SET published_at = {PUBLISHED_AT} FROM new_rows n "
        f"WHERE s.practice_id = n.id AND s.published_at IS DISTINCT FROM {PUBLISHED_AT}",
    ),
]


def move_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SEARCH_VECTOR_FUNCTION)
    # Every practice gets its row, so that the published practices are exactly the rows with a
    # publication date (a search's complement relies on it: practices/browse/facet_counts.py).
    schema_editor.execute(
        "INSERT INTO practices_search (practice_id, vector, published_at) "
        f"SELECT n.id, coalesce(n.search_vector, practices_search_vector(n)), {PUBLISHED_AT} "
        "FROM practices_practice n"
    )
    for trigger, event, function, statement in TRIGGERS:
        schema_editor.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{statement}; RETURN NULL; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} AFTER {event} ON practices_practice "
            "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {function}()"
        )


def move_vectors_back(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for trigger, _event, function, _statement in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON practices_practice")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")
    schema_editor.execute(
        "UPDATE practices_practice p SET search_vector = s.vector FROM practices_search s "
        "WHERE s.practice_id = p.id"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS practices_search_vector(practices_practice)")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS practice_search_vector_gin "
        "ON practices_practice USING gin (search_vector)"
    )


def index_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Serves the free-text filter: WHERE vector @@ websearch_to_tsquery(...). The name is the one
    # the old index on practices_practice had (dropped with its column just before).
    schema_editor.execute(
        "CREATE INDEX practice_search_vector_gin ON practices_search USING gin (vector)"
    )
    schema_editor.execute("ANALYZE practices_search")


def drop_vector_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS practice_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("practices", "0010_relation_term_indexes")]

    operations = [
        migrations.CreateModel(
            name="PracticeSearch",
            fields=[
                (
                    "practice",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="practices.practice",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
                ("published_at", models.DateTimeField(null=True)),
            ],
            options={"db_table": "practices_search", "verbose_name": "practice search vector"},
        ),
        migrations.RunPython(move_vectors, move_vectors_back),
        migrations.RemoveField(model_name="practice", name="search_vector"),
        migrations.RunPython(index_vectors, drop_vector_index),
    ]
