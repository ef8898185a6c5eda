"""Practices written in bulk, as fast as the database takes them: rows as plain tuples, COPY on
PostgreSQL (through a staging table, so each row and index entry is written once), executemany
on SQLite; no model instances and no per-row query. The synthetic catalogue (`bench.synthetic`)
goes in this way.
"""

import time

from django.db import connection, models
from django.utils import timezone

from practices.database import analyze_catalogue, is_postgresql
from practices.models import Practice

# The practice's many-to-many relations, whose through tables a batch fills.
LINK_FIELDS = [field.name for field in Practice._meta.many_to_many]


def store_batch(table, practices, links, clock):
    practice_ids = table.insert(practices)
    clock.lap("insert practices")
    for name in LINK_FIELDS:
        field = Practice._meta.get_field(name)
        through = field.remote_field.through._meta
        insert_rows(
            through.db_table,
            (
                through.get_field(field.m2m_field_name()).column,
                through.get_field(field.m2m_reverse_field_name()).column,
            ),
            [
                (practice_id, other)
                for practice_id, others in zip(practice_ids, links[name], strict=True)
                for other in others
            ],
        )
    clock.lap("insert relations")
    table.finish(practice_ids)
    clock.lap("search vectors")


class Stopwatch:
    def __init__(self, timings):
        self.timings = timings
        self.last = time.monotonic()

    def lap(self, name):
        now = time.monotonic()
        self.timings[name] = self.timings.get(name, 0.0) + now - self.last
        self.last = now


class PracticeTable:
    """Inserts practices given as {attname: value} dicts, every other column at its default;
    `finish` then refreshes their search vectors (PostgreSQL only)."""

    def __init__(self, *, with_ids=False):
        fields = [f for f in Practice._meta.concrete_fields if with_ids or not f.primary_key]
        now = timezone.now()
        self.table = Practice._meta.db_table
        self.columns = [f.column for f in fields]
        defaults = {f.attname: f.get_default() for f in fields}
        defaults.update(created_at=now, updated_at=now)
        self.pairs = [(f.attname, defaults[f.attname]) for f in fields]
        # Dates and times are adapted as the ORM would (SQLite stores them as text).
        ops = connection.ops
        self.adapted = [
            (
                index,
                ops.adapt_datetimefield_value
                if isinstance(f, models.DateTimeField)
                else ops.adapt_datefield_value,
            )
            for index, f in enumerate(fields)
            if isinstance(f, models.DateField)
        ]

    def rows(self, practices):
        pairs, adapted = self.pairs, self.adapted
        rows = []
        for values in practices:
            row = [values.get(attname, default) for attname, default in pairs]
            for index, adapt in adapted:
                if row[index] is not None:
                    row[index] = adapt(row[index])
            rows.append(row)
        return rows

    def insert(self, practices) -> list[int]:
        """Insert the practices; returns their ids in the same order."""
        insert_rows(self.table, self.columns, self.rows(practices))
        slugs = [values["slug"] for values in practices]
        ids = dict(Practice.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        return [ids[slug] for slug in slugs]

    def finish(self, ids):
        Practice.objects.filter(pk__in=ids).refresh_search_vectors()


class StagedPracticeTable(PracticeTable):
    """PostgreSQL: each batch takes ids from the table's sequence and goes into a temporary
    table; once its relations are in place (the foreign keys are checked at commit), one
    INSERT … SELECT copies it into the real table, and the insert trigger computes its search
    rows with the relations already there: each row and each index entry is written once.
    """

    STAGING = "synthetic_practice_staging"

    @classmethod
    def usable(cls):
        return is_postgresql()

    def __init__(self):
        super().__init__(with_ids=True)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        # The insert trigger computes each practice's search row (migration 0011).
        self.copy_back = (
            f"INSERT INTO {quote(self.table)} ({columns}) "
            f"SELECT {columns} FROM {quote(self.STAGING)}"
        )
        with connection.cursor() as cursor:
            # JIT compilation costs more than it saves on these repeated statements.
            cursor.execute("SET LOCAL jit = off")
            # IF NOT EXISTS and TRUNCATE: a caller's outer transaction (a test) may hold it still.
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {quote(self.STAGING)} "
                f"(LIKE {quote(self.table)} INCLUDING DEFAULTS) ON COMMIT DROP"
            )
            cursor.execute(f"TRUNCATE {quote(self.STAGING)}")

    def insert(self, practices) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self.table, Practice._meta.pk.column, len(practices)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        for values, pk in zip(practices, ids, strict=True):
            values[Practice._meta.pk.attname] = pk
        insert_rows(self.STAGING, self.columns, self.rows(practices))
        return ids

    def finish(self, ids):
        with connection.cursor() as cursor:
            cursor.execute(self.copy_back)
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(self.STAGING)}")


def insert_rows(table, columns, rows):
    """Insert rows (sequences in `columns` order) into a table, as fast as the database allows.

    COPY on PostgreSQL, executemany on SQLite: far faster than bulk_create with model instances,
    which spends most of its time preparing each value.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(table)
    column_list = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if is_postgresql():
            with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})",
                rows,
            )


def analyze():
    """Fresh planner statistics and the visibility map after a bulk load, so the filters' query
    plans fit the data and index-only scans work at once."""
    analyze_catalogue(vacuum=True)
