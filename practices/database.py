"""What the code asks of the database it runs on, asked one way."""

from django.db import DEFAULT_DB_ALIAS, connections


def is_postgresql(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Both keep the facet counts and the search's words by trigger, each in its own way
    (statement triggers and tsvectors; row triggers and FTS5). Everything that differs between
    the two asks this."""
    return connections[using].vendor == "postgresql"


# The tables a bulk write to the catalogue changes: the practices, their relations, the search
# and the stored facet counts (their triggers write those too), the regions and organisations.
CATALOGUE_TABLES = (
    "practices_practice",
    "practices_practice_partner_organisations",
    "practices_practice_regions",
    "practices_practice_target_groups",
    "practices_practice_themes",
    "practices_practice_funding_sources",
    "practices_search",
    "practices_facet_count",
    "regions_region",
    "regions_organisation",
)


def analyze_catalogue(*, vacuum: bool = False, using: str = DEFAULT_DB_ALIAS) -> None:
    """Fresh planner statistics after a bulk write, so plans fit the rows just written rather
    than those the last autovacuum saw (a broad search's facet plan depends on them). `vacuum`
    also sets the visibility map, so index-only scans work at once; it must run outside a
    transaction, so inside one (a test, a caller's atomic block) it is left out. SQLite: ANALYZE,
    which its planner uses to choose indexes."""
    connection = connections[using]
    vacuum = vacuum and not connection.in_atomic_block
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        tables = ", ".join(CATALOGUE_TABLES)
        cursor.execute(f"VACUUM (ANALYZE) {tables}" if vacuum else f"ANALYZE {tables}")
