"""History entries in people's language, for the admin's history page.

django-simple-history lists each change as raw values: choice codes, datetimes in UTC with
microseconds, "Deleted user (pk=None)" for an empty user field, related rows by their id, and
long texts cut to "[63 chars]". Here each change reads as the form would show it: choice labels,
local times in the site's one format, people by name, relations by name ("added …, removed …"),
and of a long text the passage that changed, with a few words around it.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from .people import person_name

# Texts longer than this show the passage that changed rather than the whole text.
LONG_TEXT = 120
# Words of unchanged text shown on each side of a changed passage, and at most this many of it.
CONTEXT_WORDS = 6
PASSAGE_WORDS = 40
EMPTY = "—"


@dataclass
class Passage:
    """A changed stretch of a long text: `before` and `after` are the unchanged words around."""

    before: str
    changed: str
    after: str


@dataclass
class Change:
    """One field's change. `kind` says which attributes hold it: "value" (old → new), "text"
    (old_passage → new_passage) or "set" (added, removed)."""

    field: str
    kind: str = "value"
    old: str = ""
    new: str = ""
    old_passage: Passage | None = None
    new_passage: Passage | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def set_readable_changes(model, records) -> None:
    """Give each record but the last (the oldest on the page) `history_delta_changes`: what
    changed since the record after it, as Changes. Records come newest first, as the history
    page lists them. Related names are read in one query per related model, whatever the number
    of records."""
    deltas = []
    newer = None
    for record in records:
        if newer is not None:
            deltas.append((newer, newer.diff_against(record, foreign_keys_are_objs=False)))
        newer = record
    names = _related_names(model, [change for _, delta in deltas for change in delta.changes])
    for record, delta in deltas:
        record.history_delta_changes = [
            _describe(model._meta.get_field(change.field), change.old, change.new, names)
            for change in delta.changes
        ]


def _related_names(model, changes) -> dict:
    """{related model: {pk: name}} for every related row the changes mention."""
    wanted: dict[type, set] = {}
    for change in changes:
        model_field = model._meta.get_field(change.field)
        if model_field.many_to_many:
            column = model_field.m2m_reverse_field_name()
            ids = {row[column] for row in [*change.old, *change.new]}
        elif model_field.many_to_one:
            ids = {change.old, change.new} - {None}
        else:
            continue
        wanted.setdefault(model_field.related_model, set()).update(ids)
    names = {}
    for related, ids in wanted.items():
        rows = related._default_manager.filter(pk__in=ids)
        if related is get_user_model():
            names[related] = {user.pk: person_name(user) for user in rows}
        else:
            names[related] = {row.pk: str(row) for row in rows}
    return names


def _name(names, related, pk) -> str:
    if pk is None:
        return EMPTY
    return names.get(related, {}).get(pk) or gettext("(deleted, ID %(id)s)") % {"id": pk}


def _describe(model_field, old, new, names) -> Change:
    label = capfirst(model_field.verbose_name)
    if model_field.many_to_many:
        column = model_field.m2m_reverse_field_name()
        before = {row[column] for row in old}
        after = {row[column] for row in new}
        related = model_field.related_model
        return Change(
            label,
            kind="set",
            added=sorted(_name(names, related, pk) for pk in after - before),
            removed=sorted(_name(names, related, pk) for pk in before - after),
        )
    if model_field.many_to_one:
        related = model_field.related_model
        return Change(label, old=_name(names, related, old), new=_name(names, related, new))
    if (
        isinstance(old, str)
        and isinstance(new, str)
        and not model_field.choices
        and max(len(old), len(new)) > LONG_TEXT
    ):
        old_passage, new_passage = passages(old, new)
        return Change(label, kind="text", old_passage=old_passage, new_passage=new_passage)
    return Change(label, old=display_value(model_field, old), new=display_value(model_field, new))


def display_value(model_field, value) -> str:
    """A field's value as a person reads it: the choice's label, a local time, Yes or No."""
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def passages(old: str, new: str) -> tuple[Passage, Passage]:
    """The stretch of words where two texts differ, in each, with a few words around it."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    if a == b:
        # Only spacing or line breaks differ.
        note = Passage("", gettext("(spacing or line breaks changed)"), "")
        return note, note
    lead = " ".join(a[max(0, start - CONTEXT_WORDS) : start])
    if start > CONTEXT_WORDS:
        lead = f"… {lead}"
    return (
        Passage(lead, _cut(a[start : len(a) - end]), _trail(a, end)),
        Passage(lead, _cut(b[start : len(b) - end]), _trail(b, end)),
    )


def _cut(words: list[str]) -> str:
    if len(words) > PASSAGE_WORDS:
        return " ".join(words[:PASSAGE_WORDS]) + " …"
    return " ".join(words)


def _trail(words: list[str], end: int) -> str:
    if end == 0:
        return ""
    kept = words[len(words) - end : len(words) - end + CONTEXT_WORDS]
    return " ".join(kept) + (" …" if end > CONTEXT_WORDS else "")
