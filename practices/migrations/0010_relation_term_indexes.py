"""Covering indexes on the relation tables, term first: (term id, practice id).

A filter such as "target group NEETs" is an EXISTS on the relation table by term, and a live facet
count starts from the practices that have a term. Django's own index on the term column alone
sends each of those lookups to the table's rows (24,000 for one target group at 100,000
practices); with the practice id in the index they are index-only scans. A two-filter page's
facet counts took 20 instead of 26 ms of SQL at 100,000 practices.
"""

from django.db import migrations

INDEXES = [
    ("practice_regions_by_term", "practices_practice_regions", "region_id"),
    ("practice_target_groups_by_term", "practices_practice_target_groups", "targetgroup_id"),
    ("practice_themes_by_term", "practices_practice_themes", "theme_id"),
    ("practice_funding_sources_by_term", "practices_practice_funding_sources", "fundingsource_id"),
]


class Migration(migrations.Migration):
    dependencies = [("practices", "0009_immutable_unaccent")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({column}, practice_id)",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, column in INDEXES
    ]
