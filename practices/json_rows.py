"""Related rows read inside another row, as one JSON list: a practice page reads its regions,
partners, terms, references and adaptations with the practice itself (PracticeQuerySet.for_detail)
rather than in a query each, whose cost in Django was twice that in the database.

    Practice.objects.annotate(regions_json=json_rows(
        Practice.regions.through.objects.filter(practice=OuterRef("pk")),
        order_by=["name"], id="region_id", name="region__name", slug="region__slug"))

    from_json_rows(Region, practice.regions_json)  # Region instances, ordered by name
"""

import functools
import re

from django.db.models import Aggregate, F, Func, JSONField, OrderBy, Subquery, Value


class SortedJSONList(JSONField):
    """A JSON list from the database, in `order_by` order (keys of its objects). Where the
    database cannot order an aggregate (SQLite before 3.44) the list is sorted here, comparing
    as SQLite does: NULL first, text by code point."""

    def __init__(self, order_by=(), **kwargs):
        self.order_by = tuple(order_by)
        super().__init__(**kwargs)

    def from_db_value(self, value, expression, connection):
        # No rows: JSONB_AGG gives NULL, JSON_GROUP_ARRAY "[]".
        rows = super().from_db_value(value, expression, connection) or []
        if not connection.features.supports_aggregate_order_by_clause:
            for key in reversed(self.order_by):  # stable sorts, last key first
                name = key.lstrip("-")
                rows.sort(
                    key=lambda row: (row[name] is not None, row[name]),
                    reverse=key.startswith("-"),
                )
        return rows


class JSONRow(Func):
    """A JSON object of `fields` (key=expression). Unlike JSONObject, the keys are SQL literals
    rather than parameters that PostgreSQL needs cast to text: the casts took a third of the
    time Django spent compiling a practice page's query."""

    function = "JSONB_BUILD_OBJECT"
    output_field = JSONField()

    def __init__(self, **fields):
        for key in fields:
            if not re.fullmatch(r"[a-z_]+", key):
                raise ValueError(f"Not a JSON key for SQL: {key!r}")
        self.keys = list(fields)
        super().__init__(*fields.values())

    def as_sql(self, compiler, connection, **extra_context):
        sql_parts, params = [], []
        for key, expression in zip(self.keys, self.get_source_expressions(), strict=True):
            sql, expression_params = compiler.compile(expression)
            sql_parts.append(f"'{key}', {sql}")
            params.extend(expression_params)
        function = extra_context.get("function", self.function)
        return f"{function}({', '.join(sql_parts)})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_OBJECT", **extra_context)


class JSONRowsAgg(Aggregate):
    """One JSON array of its expression's values (JSON objects), in `order_by` order."""

    function = "JSONB_AGG"
    allow_order_by = True

    def as_sqlite(self, compiler, connection, **extra_context):
        clone = self.copy()
        if not connection.features.supports_aggregate_order_by_clause:
            clone.order_by = None  # sorted by SortedJSONList
        return super(JSONRowsAgg, clone).as_sql(
            compiler, connection, function="JSON_GROUP_ARRAY", **extra_context
        )


class CompiledSubquery(Subquery):
    """A subquery whose SQL is compiled once per database and then reused: compiling a practice
    page's JSON subqueries cost a large share of the page, and gave the same SQL every time
    (README, performance). Once resolved in its outer query, a subquery's SQL
    changes only with a changed copy (relabelled, resolved again), and every such change starts
    from copy(), which forgets the SQL."""

    def __init__(self, queryset, output_field=None, **extra):
        super().__init__(queryset, output_field, **extra)
        self._compiled = {}

    def copy(self):
        clone = super().copy()
        clone._compiled = {}
        return clone

    def as_sql(self, compiler, connection, template=None, **extra_context):
        if template or extra_context:
            return super().as_sql(compiler, connection, template, **extra_context)
        try:
            sql, params = self._compiled[connection.alias]
        except KeyError:
            sql, params = super().as_sql(compiler, connection)
            self._compiled[connection.alias] = sql, tuple(params)
        return sql, list(params)


def json_rows(queryset, *, order_by, **fields):
    """A subquery: `fields` (key=lookup or expression) of all the rows of `queryset`, which
    filters on an OuterRef, as one JSON list of objects ordered by `order_by` (their keys, "-"
    for descending). Keys with "__" fill a related instance in `from_json_rows`."""
    fields = {key: F(value) if isinstance(value, str) else value for key, value in fields.items()}
    ordering = [
        OrderBy(fields[key.lstrip("-")], descending=key.startswith("-")) for key in order_by
    ]
    return CompiledSubquery(
        queryset.order_by()
        # Grouped by a constant, which Django leaves out: one aggregate of all the rows.
        .annotate(all_rows=Value(1))
        .values("all_rows")
        .annotate(rows=JSONRowsAgg(JSONRow(**fields), order_by=ordering))
        .values("rows"),
        output_field=SortedJSONList(order_by),
    )


def from_json_rows(model, rows):
    """Instances of `model` from `json_rows` objects: the fields they hold are set and converted
    (a date from its ISO text), the others deferred as with only(); "a__b" keys fill the related
    instance `a` (None when its id is null)."""
    return [_instance(model, row) for row in rows]


def _instance(model, row):
    names, converters, related = _plan(model, tuple(row))
    values = [
        None if (value := row[key]) is None else to_python(value) for key, to_python in converters
    ]
    instance = model.from_db(None, names, values)
    for name, related_model, keys in related:
        fields = {rest: row[key] for rest, key in keys.items()}
        setattr(instance, name, None if fields["id"] is None else _instance(related_model, fields))
    return instance


@functools.cache
def _plan(model, keys):
    """How to make an instance of `model` from a row with these keys (the same for every row of a
    json_rows list), worked out once rather than for each row: the attnames in the order of the
    model's fields, as from_db takes them, with the key and converter of each; then each related
    instance's field name, model and {its key: the row's key}."""
    meta = model._meta
    own, related = {}, {}
    for key in keys:
        name, _, rest = key.partition("__")
        if rest:
            related.setdefault(name, {})[rest] = key
        else:
            field = meta.get_field(name)
            own[field.attname] = (key, field.to_python)
    names = [f.attname for f in meta.concrete_fields if f.attname in own]
    return (
        names,
        [own[name] for name in names],
        [(name, meta.get_field(name).related_model, rest) for name, rest in related.items()],
    )
