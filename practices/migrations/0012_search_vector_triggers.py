"""The database keeps every practice's search vector current, as it keeps the facet counts (0008).

Until now a vector was recomputed by PracticeQuerySet.refresh_search_vectors, which the services,
the importer and the demo loader call after their writes. Other writes left it stale: renaming an
organisation or a region (their names are in the vectors of the practices they lead, partner or
hold), adding a partner or a region to a practice outside those paths, a bulk or raw SQL update of
a practice's texts. Statement-level triggers now recompute the vectors of the practices such a
statement touches, in the same transaction:

- practices_practice, UPDATE: when a text in the vector or the lead organisation changed;
- the partner-organisation and region relation tables: INSERT, DELETE and TRUNCATE;
- regions_organisation and regions_region, UPDATE: when a name changed.

refresh_search_vectors stays, to repair a missing row; the calls after writes are now redundant
work of a fraction of a millisecond a practice. Trigger names sort after the catalogue-version
trigger's, so writers queue on the version row first.
"""

from django.db import migrations

# The practice columns that practices_search_vector(p) reads (migration 0011).
VECTOR_COLUMNS = ", ".join(
    f"{{row}}.{column}"
    for column in (
        "title",
        "original_title",
        "summary",
        "key_lesson",
        "description",
        "results",
        "transferability",
        "lead_organisation_id",
    )
)


def refresh(practice_ids: str) -> str:
    """Recompute the vectors of the practices whose ids the SQL `practice_ids` selects."""
    return (
        "UPDATE practices_search s SET vector = practices_search_vector(p) "  # noqa: S608
        "FROM practices_practice p "
        f"WHERE p.id = s.practice_id AND p.id IN ({practice_ids})"
    )


# The organisations or regions whose name the statement changed.
CHANGED_NAMES = (
    "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
    "WHERE o.name IS DISTINCT FROM n.name"
)

# (function, its statement). In a function, `changed_rows` is the statement's transition table.
FUNCTIONS = {
    "practices_search_follow_text": (
        "UPDATE practices_search s SET vector = practices_search_vector(n) "  # noqa: S608
        "FROM new_rows n JOIN old_rows o ON o.id = n.id "
        f"WHERE s.practice_id = n.id AND ({VECTOR_COLUMNS.format(row='o')}) "
        f"IS DISTINCT FROM ({VECTOR_COLUMNS.format(row='n')})"
    ),
    "practices_search_follow_relation": refresh("SELECT practice_id FROM changed_rows"),
    "practices_search_follow_relation_truncate": refresh(
        "SELECT practice_id FROM practices_search"
    ),
    "practices_search_follow_organisation": refresh(
        f"SELECT id FROM practices_practice WHERE lead_organisation_id IN ({CHANGED_NAMES}) "  # noqa: S608
        "UNION SELECT practice_id FROM practices_practice_partner_organisations "
        f"WHERE organisation_id IN ({CHANGED_NAMES})"
    ),
    "practices_search_follow_region": refresh(
        "SELECT practice_id FROM practices_practice_regions "  # noqa: S608
        f"WHERE region_id IN ({CHANGED_NAMES})"
    ),
}

BOTH = "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
RELATIONS = ("practices_practice_partner_organisations", "practices_practice_regions")
# (trigger, event, table, transition tables, function)
TRIGGERS = [
    ("practices_practice_search_text", "UPDATE", "practices_practice", BOTH, "follow_text"),
    *(
        (f"{table}_search_{event.lower()}", event, table, tables, "follow_relation")
        for table in RELATIONS
        for event, tables in (
            ("INSERT", "REFERENCING NEW TABLE AS changed_rows"),
            ("DELETE", "REFERENCING OLD TABLE AS changed_rows"),
        )
    ),
    *(
        (f"{table}_search_truncate", "TRUNCATE", table, "", "follow_relation_truncate")
        for table in RELATIONS
    ),
    (
        "regions_organisation_search_names",
        "UPDATE",
        "regions_organisation",
        BOTH,
        "follow_organisation",
    ),
    ("regions_region_search_names", "UPDATE", "regions_region", BOTH, "follow_region"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for function, statement in FUNCTIONS.items():
        schema_editor.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{statement}; RETURN NULL; END $$"
        )
    for trigger, event, table, tables, function in TRIGGERS:
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} AFTER {event} ON {table} {tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION practices_search_{function}()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for trigger, _event, table, _tables, _function in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0011_practice_search"),
        ("regions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
