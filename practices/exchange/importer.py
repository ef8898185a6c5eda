"""CSV import of practices: what `manage.py import_practices` and the admin upload page both run.

It reads the export's format (practices.exchange.csv_format) back:

- Every row is checked: the values are parsed, organisations, regions and vocabulary terms looked
  up, and the practice validated by the model (`full_clean`: field rules, `clean()`, unique slug,
  one title per lead organisation, end not before start). Errors read
  "row N, column X: message"; rows are numbered as a spreadsheet shows them, the header being
  row 1.
- All or nothing: the whole file runs in one transaction, which is rolled back if any row fails,
  or always with `dry_run`, which reports what would be created, updated or left unchanged.
- A row whose slug exists updates that practice; a re-import duplicates nothing. A row with an
  empty slug creates a practice with a slug made from its title.
- Unknown organisations and regions are errors, unless `create_missing`: they are then created
  from the names (and, for regions, the countries) in the row, and listed so someone checks them.
  Unknown target groups, themes and funding sources are always errors: editors curate those.
- A column left out of the file leaves that field alone (or at its default for a new practice);
  the derived columns (Countries, Ongoing or completed, URL) are read past.
- Status: a new practice with a "Published at" time is created published at that time (so an
  export imported into an empty catalogue comes back as it was); without one, it is a draft
  for the editors' review. An existing practice keeps its status and publication time: publishing
  and archiving go through the review workflow, never through a file.
- The export leaves out what is not public, and an import never deletes it: an empty "Adapted
  from" keeps an unpublished original; the contact person's e-mail column holds the published
  address only: a value sets it and marks it public, an empty cell makes an existing address
  private again without deleting it.

The file is read as a stream: memory holds one row at a time plus the set of slugs seen.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django_countries import countries

from regions.models import Organisation, Region

from ..database import analyze_catalogue
from ..models import FundingSource, Practice, TargetGroup, Theme, unique_slug
from . import csv_format as fmt

MAX_REPORTED_ERRORS = 100
SEARCH_REFRESH_BATCH = 500
_HEAD_BYTES = 64 * 1024

# Columns read by a parser of their own (below) rather than by their kind's.
_OWN_PARSERS = {
    "slug",
    "lead_organisation",
    "lead_organisation_name",
    "adapted_from",
    "contact_email",
    "original_language",
    "published_at",
}


def _columns(*kinds: str) -> list[fmt.Column]:
    """The imported columns of these kinds that their kind's parser reads, in the file's order."""
    return [
        column
        for column in fmt.COLUMNS
        if column.imported and column.kind in kinds and column.key not in _OWN_PARSERS
    ]


# The practice's own fields, read by their column's kind: as they are, stripped, as a choice, as a
# whole number, as a date.
_TEXT_COLUMNS = _columns(fmt.TEXT)
_LINE_COLUMNS = _columns(fmt.LINE)
_CHOICE_COLUMNS = _columns(fmt.CHOICE)
_NUMBER_COLUMNS = _columns(fmt.YEAR, fmt.NUMBER)
_DATE_COLUMNS = _columns(fmt.DATE)
# What a re-import compares to tell "updated" from "unchanged".
_COMPARED_FIELDS = [
    *(
        column.key
        for group in (_TEXT_COLUMNS, _LINE_COLUMNS, _CHOICE_COLUMNS, _NUMBER_COLUMNS, _DATE_COLUMNS)
        for column in group
    ),
    "slug",
    "lead_organisation_id",
    "adapted_from_id",
    "contact_email",
    "contact_email_is_public",
    "original_language",
    "status",
    "published_at",
]
_RELATIONS = {
    # key: (relation on Practice, the model, the word used in messages)
    "partner_organisations": ("partner_organisations", Organisation, "organisation"),
    "regions": ("regions", Region, "region"),
    "target_groups": ("target_groups", TargetGroup, "target group"),
    "themes": ("themes", Theme, "theme"),
    "funding_sources": ("funding_sources", FundingSource, "funding source"),
}
_VOCABULARIES = {"target_groups", "themes", "funding_sources"}

# The model's non-field errors (its constraints), by message, to the column to look at.
_CONSTRAINT_HEADERS = {
    "practice_end_not_before_start": "End year",
    "practice_unique_title_per_lead_organisation": "Title",
    "practice_published_has_published_at": "Published at",
}
_CONSTRAINT_COLUMNS = {
    str(constraint.violation_error_message): _CONSTRAINT_HEADERS[constraint.name]
    for constraint in Practice._meta.constraints
    if constraint.name in _CONSTRAINT_HEADERS
}


class ImportFileError(Exception):
    """The file as a whole cannot be read as a practices CSV; nothing was written."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_organisations: list[str] = field(default_factory=list)
    created_regions: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.error_count

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)

    def summary(self) -> str:
        if self.file_error:
            return f"Nothing was imported: {self.file_error}"
        if self.error_count:
            shown = len(self.errors)
            more = f" (the first {shown} are listed)" if shown < self.error_count else ""
            return (
                f"Nothing was imported: {self.error_count} "
                f"error{'s' if self.error_count != 1 else ''} in the file{more}."
            )
        created = f"{self.created} practice{'s' if self.created != 1 else ''}"
        if self.dry_run:
            return (
                f"Dry run, nothing was written: the import would create {created}, update "
                f"{self.updated} and leave {self.unchanged} unchanged."
            )
        return f"Imported: {created} created, {self.updated} updated, {self.unchanged} unchanged."

    def notes(self) -> list[str]:
        verb = "would be created" if self.dry_run else "created"
        notes = [
            f"Organisation {name} {verb}: check its kind and region in the admin."
            for name in self.created_organisations
        ]
        notes += [
            f"Region {name} {verb}: check its NUTS code and membership in the admin."
            for name in self.created_regions
        ]
        return notes


def import_practices(
    fileobj, *, dry_run: bool = False, create_missing: bool = False, user=None
) -> ImportResult:
    """Import the practices CSV in the binary, seekable `fileobj`; see the module docstring."""
    result = ImportResult(dry_run=dry_run)
    try:
        delimiter = _check_head(fileobj)
        text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
        try:
            with transaction.atomic():
                _Importer(result, create_missing=create_missing, user=user).run(
                    csv.reader(text, delimiter=delimiter)
                )
                if not result.written:
                    transaction.set_rollback(True)
        finally:
            text.detach()  # the caller's file stays open
    except ImportFileError as exc:
        result.file_error = str(exc)
    if result.written and not dry_run:
        analyze_catalogue()  # plans fit the imported rows at once
    return result


def _check_head(fileobj) -> str:
    """Refuse what is plainly not a CSV from its first bytes; return the delimiter to use."""
    head = fileobj.read(_HEAD_BYTES)
    fileobj.seek(0)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            "the file is UTF-16 text. Save it as “CSV UTF-8” (Excel) or as CSV with the "
            "character set “Unicode (UTF-8)” (LibreOffice)."
        )
    if b"\x00" in head:
        raise ImportFileError("the file holds binary data: it is not a CSV file.")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut in two at the end of `head`
            raise ImportFileError(
                f"the file is not UTF-8 text (byte {exc.object[exc.start]:#04x} on line "
                f"{head.count(b'\n', 0, exc.start) + 1}). Save it as “CSV UTF-8” (Excel) or "
                "as CSV with the character set “Unicode (UTF-8)” (LibreOffice)."
            ) from None
    first_line = head.decode("utf-8", errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError("the file is empty; its first row must be the header.")
    # Spreadsheets set to a European locale save with semicolons.
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _shown(text: str) -> str:
    """A value as quoted in a message: at most 40 characters."""
    return Truncator(text).chars(40)


class _Row:
    """One row's cells, read by column key, and the errors found in it, by field."""

    def __init__(self, number: int, cells: dict[str, str]):
        self.number = number
        self.cells = cells
        self.errors: dict[str, list[str]] = {}

    def has(self, key: str) -> bool:
        return fmt.BY_KEY[key].header in self.cells

    def get(self, key: str) -> str:
        return self.cells.get(fmt.BY_KEY[key].header, "")

    def error(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


class _Importer:
    def __init__(self, result: ImportResult, *, create_missing: bool, user):
        self.result = result
        self.create_missing = create_missing
        self.user = user if user is not None and user.is_authenticated else None
        self.ids: dict[type, dict[str, int]] = {Organisation: {}, Region: {}}
        self.vocabularies = {
            model: self._vocabulary(model) for model in (TargetGroup, Theme, FundingSource)
        }
        self.seen: dict[str, int] = {}
        self.pending_adapted_from: list[tuple[int, int, str]] = []
        self.to_refresh: list[int] = []

    @staticmethod
    def _vocabulary(model) -> dict[str, int]:
        lookup = {}
        for pk, name, slug in model.objects.values_list("pk", "name", "slug"):
            lookup[name.casefold()] = pk
            lookup[slug.casefold()] = pk
        return lookup

    # Reading -----------------------------------------------------------------------------

    def run(self, reader) -> None:
        headers = self._header(self._next(reader, 1))
        number = 1
        while True:
            number += 1
            record = self._next(reader, number)
            if record is None:
                break
            cells = self._cells(number, headers, record)
            if cells is not None:
                self._row(number, cells)
        self._finish()

    @staticmethod
    def _next(reader, number: int) -> list[str] | None:
        try:
            return next(reader)
        except StopIteration:
            return None
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"row {number} is not UTF-8 text (byte {exc.object[exc.start]:#04x}). Save the "
                "file as “CSV UTF-8”."
            ) from None
        except csv.Error as exc:
            raise ImportFileError(f"row {number} is not valid CSV ({exc}).") from None

    @staticmethod
    def _header(record: list[str] | None) -> list[str]:
        if not record:
            raise ImportFileError("the file is empty; its first row must be the header.")
        headers = [cell.strip() for cell in record]
        unknown = [h for h in headers if h and h not in fmt.BY_HEADER]
        missing = [c.header for c in fmt.COLUMNS if c.required and c.header not in headers]
        problems = []
        if unknown:
            names = ", ".join(f"“{_shown(h)}”" for h in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            problems.append(f"unknown columns {names}{more}")
        if missing:
            problems.append(f"missing columns {', '.join(f'“{h}”' for h in missing)}")
        if problems:
            raise ImportFileError(
                f"the header row has {' and '.join(problems)}. The first row must name the "
                "columns as the export does: " + ", ".join(fmt.HEADERS) + "."
            )
        twice = sorted({h for h in headers if h and headers.count(h) > 1})
        if twice:
            raise ImportFileError(
                f"the header row names {', '.join(f'“{h}”' for h in twice)} more than once."
            )
        return headers

    def _cells(self, number: int, headers: list[str], record: list[str]) -> dict | None:
        """The row's cells by header, un-neutralised; None for a blank row or one in error."""
        if not any(cell.strip() for cell in record):
            return None
        if len(record) > len(headers) and any(c.strip() for c in record[len(headers) :]):
            self.result.add_error(
                RowError(
                    number,
                    "",
                    f"it has {len(record)} cells but the header names {len(headers)} columns.",
                )
            )
            return None
        cells = {}
        for index, header in enumerate(headers):
            value = record[index] if index < len(record) else ""
            if header:
                cells[header] = fmt.restore(value)
            elif value.strip():
                self.result.add_error(
                    RowError(number, f"{index + 1}", "this column has no header; remove it.")
                )
                return None
        return cells

    # One row -----------------------------------------------------------------------------

    def _row(self, number: int, cells: dict[str, str]) -> None:
        row = _Row(number, cells)
        practice = self._practice(row)
        is_new = practice._state.adding
        before = None if is_new else self._snapshot(practice)
        self._read_fields(practice, row, is_new)
        self._lead_organisation(practice, row)
        adapted_from_slug = self._adapted_from(practice, row)
        related = {key: self._relation(key, row) for key in _RELATIONS if row.has(key)}
        if is_new and not practice.slug and practice.title.strip():
            practice.slug = unique_slug(Practice, practice.title)
            if practice.slug in self.seen:
                row.error("slug", f"the slug made from the title, “{practice.slug}”, is taken.")
            self.seen.setdefault(practice.slug, number)
        try:
            practice.full_clean(exclude=list(row.errors))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    row.error(key, message)
        if row.errors:
            for key, messages in row.errors.items():
                for message in messages:
                    self.result.add_error(RowError(number, self._column(key, message), message))
            return
        changed = is_new or adapted_from_slug is not None or self._snapshot(practice) != before
        if not changed and not self._relations_changed(practice, related):
            self.result.unchanged += 1
            return
        self._save(row, practice, related, adapted_from_slug)

    def _practice(self, row: "_Row") -> Practice:
        """The practice the row's slug names, or a new draft (with no slug if the cell is empty)."""
        slug = row.get("slug").strip()
        if slug:
            try:
                validate_slug(slug)
            except ValidationError as exc:
                row.error("slug", exc.messages[0])
                slug = ""
            else:
                if slug in self.seen:
                    row.error("slug", f"“{slug}” is also on row {self.seen[slug]}.")
                self.seen.setdefault(slug, row.number)
                practice = Practice.objects.filter(slug=slug).first()
                if practice is not None:
                    return practice
        return Practice(slug=slug, status=Practice.Status.DRAFT)

    def _read_fields(self, practice: Practice, row: "_Row", is_new: bool) -> None:
        """The practice's own fields, column group by column group."""
        for column in _TEXT_COLUMNS:
            if row.has(column.key):
                setattr(practice, column.key, row.get(column.key))
        for column in _LINE_COLUMNS:
            if row.has(column.key):
                setattr(practice, column.key, row.get(column.key).strip())
        for column in _CHOICE_COLUMNS:
            if row.has(column.key):
                self._choice(practice, row, column)
        for column in _NUMBER_COLUMNS:
            if row.has(column.key):
                self._number(practice, row, column)
        if row.has("original_language"):
            self._language(practice, row.get("original_language").strip(), row.error)
        for column in _DATE_COLUMNS:
            if row.has(column.key):
                self._date(practice, row, column)
        if is_new and row.has("published_at"):
            self._published_at(practice, row.get("published_at").strip(), row.error)
        if row.has("contact_email"):
            value = row.get("contact_email").strip()
            if value:
                practice.contact_email = value
                practice.contact_email_is_public = True
            else:
                practice.contact_email_is_public = False

    def _choice(self, practice: Practice, row: "_Row", column: fmt.Column) -> None:
        choices = fmt.choices(column)
        default = Practice._meta.get_field(column.key).default
        text = row.get(column.key)
        value = self._choose(text, choices, default)
        if value is None:
            row.error(column.key, f"“{text.strip()}” is not one of {self._labels(choices)}.")
        else:
            setattr(practice, column.key, value)

    @staticmethod
    def _number(practice: Practice, row: "_Row", column: fmt.Column) -> None:
        value = row.get(column.key).strip()
        if not value:
            setattr(practice, column.key, None)
        elif value.isdigit() and value.isascii():
            setattr(practice, column.key, int(value))
        else:
            word = "a year such as 2021" if column.kind == fmt.YEAR else "a whole number"
            row.error(column.key, f"“{_shown(value)}” is not {word}.")

    @staticmethod
    def _date(practice: Practice, row: "_Row", column: fmt.Column) -> None:
        value = row.get(column.key).strip()
        try:
            setattr(practice, column.key, datetime.date.fromisoformat(value) if value else None)
        except ValueError:
            row.error(column.key, f"“{_shown(value)}” is not a date like 2026-02-10.")

    def _lead_organisation(self, practice: Practice, row: "_Row") -> None:
        if not row.has("lead_organisation"):
            return
        lead_slug = row.get("lead_organisation").strip()
        if not lead_slug:
            row.error("lead_organisation", "every practice needs a lead organisation.")
            return
        lead_name = row.get("lead_organisation_name").strip()
        pk = self._related_id(
            Organisation, lead_slug, lead_name, "", row.error, "lead_organisation"
        )
        if pk is not None:
            practice.lead_organisation_id = pk

    def _adapted_from(self, practice: Practice, row: "_Row") -> str | None:
        """Set the practice it is adapted from; returns the slug of one not (yet) in the catalogue,
        which a row further down may create."""
        if not row.has("adapted_from"):
            return None
        target = row.get("adapted_from").strip()
        if not target:
            # The export names only a published original: an unpublished one stays.
            if practice.adapted_from_id and self._is_published(practice.adapted_from_id):
                practice.adapted_from_id = None
        elif target == practice.slug:
            row.error("adapted_from", "a practice cannot be adapted from itself.")
        else:
            target_pk = Practice.objects.filter(slug=target).values_list("pk", flat=True).first()
            if target_pk is None:
                return target
            practice.adapted_from_id = target_pk
        return None

    @staticmethod
    def _relations_changed(practice: Practice, related: dict[str, set[int]]) -> bool:
        return any(
            set(getattr(practice, _RELATIONS[key][0]).values_list("pk", flat=True)) != ids
            for key, ids in related.items()
        )

    def _save(self, row: "_Row", practice: Practice, related, adapted_from_slug) -> None:
        is_new = practice._state.adding
        try:
            with transaction.atomic():
                if is_new and self.user is not None:
                    practice.created_by = self.user
                if self.user is not None:
                    practice._history_user = self.user
                practice._change_reason = "CSV import"
                practice.save()
                for key, ids in related.items():
                    getattr(practice, _RELATIONS[key][0]).set(ids)
        except DatabaseError as exc:
            self.result.add_error(RowError(row.number, "", f"the database refused it: {exc}"))
            return
        if is_new:
            self.result.created += 1
        else:
            self.result.updated += 1
        if adapted_from_slug is not None:
            self.pending_adapted_from.append((row.number, practice.pk, adapted_from_slug))
        self.to_refresh.append(practice.pk)
        if len(self.to_refresh) >= SEARCH_REFRESH_BATCH:
            self._refresh_search()

    @staticmethod
    def _is_published(pk: int) -> bool:
        return Practice.objects.published().filter(pk=pk).exists()

    @staticmethod
    def _snapshot(practice: Practice) -> tuple:
        return tuple(getattr(practice, name) for name in _COMPARED_FIELDS)

    @staticmethod
    def _column(key: str, message: str) -> str:
        if key in fmt.FIELD_HEADERS:
            return fmt.FIELD_HEADERS[key]
        if key == "contact_email_is_public":
            return fmt.BY_KEY["contact_email"].header
        return _CONSTRAINT_COLUMNS.get(message, "")

    @staticmethod
    def _labels(choices) -> str:
        return ", ".join(f"“{label}”" for _value, label in choices)

    @staticmethod
    def _choose(text: str, choices, default) -> str | None:
        text = text.strip()
        if not text:
            return default
        return fmt.choice_lookup(choices).get(text.casefold())

    @staticmethod
    def _language(practice: Practice, value: str, error) -> None:
        if not value:
            practice.original_language = Practice._meta.get_field("original_language").default
            return
        codes = {code.casefold(): code for code in fmt.LANGUAGE_CODES}
        code = codes.get(value.casefold())
        if code is None:
            error("original_language", f"“{_shown(value)}” is not a language code such as es.")
        else:
            practice.original_language = code

    @staticmethod
    def _published_at(practice: Practice, value: str, error) -> None:
        if not value:
            return
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            error("published_at", f"“{_shown(value)}” is not a time like 2026-02-10T09:30:00Z.")
            return
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = moment

    def _relation(self, key: str, row: "_Row") -> set[int]:
        _relation_name, model, word = _RELATIONS[key]
        values = fmt.split(row.get(key))
        ids = set()
        if key in _VOCABULARIES:
            lookup = self.vocabularies[model]
            for value in values:
                pk = lookup.get(value.casefold())
                if pk is None:
                    row.error(key, f"unknown {word} “{_shown(value)}”.")
                else:
                    ids.add(pk)
            return ids
        names_key = {"partner_organisations": "partner_names", "regions": "region_names"}[key]
        names = fmt.split(row.get(names_key)) if row.has(names_key) else []
        codes = fmt.split(row.get("region_countries")) if key == "regions" else []
        for index, value in enumerate(values):
            name = names[index] if len(names) == len(values) else ""
            code = codes[index] if len(codes) == len(values) else ""
            pk = self._related_id(model, value, name, code, row.error, key)
            if pk is not None:
                ids.add(pk)
        return ids

    def _related_id(self, model, slug: str, name: str, code: str, error, key: str) -> int | None:
        """The id of the organisation or region with this slug, created if asked and allowed."""
        cache = self.ids[model]
        if slug in cache:
            return cache[slug]
        pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if pk is None:
            pk = self._create(model, slug, name, code, error, key)
        if pk is not None:
            cache[slug] = pk
        return pk

    def _create(self, model, slug: str, name: str, code: str, error, key: str) -> int | None:
        word = "organisation" if model is Organisation else "region"
        if not self.create_missing:
            error(
                key,
                f"unknown {word} “{_shown(slug)}”: add it in the admin first, or import with "
                "“create missing organisations and regions” (--create-missing).",
            )
            return None
        names_column = {
            "lead_organisation": "lead_organisation_name",
            "partner_organisations": "partner_names",
            "regions": "region_names",
        }[key]
        if not name:
            error(
                key,
                f"the {word} “{_shown(slug)}” does not exist; to create it, give its name in "
                f"column {fmt.BY_KEY[names_column].header}, in the same place.",
            )
            return None
        if model is Organisation:
            instance = Organisation(name=name, slug=slug, kind=Organisation.Kind.OTHER)
        else:
            if code.upper() not in countries:
                error(
                    key,
                    f"the region “{_shown(slug)}” does not exist; to create it, give its "
                    f"country code in column {fmt.BY_KEY['region_countries'].header}, in the "
                    "same place.",
                )
                return None
            instance = Region(name=name, slug=slug, country=code.upper())
        try:
            instance.full_clean()
        except ValidationError as exc:
            error(key, f"the {word} “{_shown(slug)}” cannot be created: {exc.messages[0]}")
            return None
        instance.save()
        listing = (
            self.result.created_organisations
            if model is Organisation
            else (self.result.created_regions)
        )
        listing.append(f"“{name}” ({slug})")
        return instance.pk

    # After the last row ------------------------------------------------------------------

    def _finish(self) -> None:
        for number, pk, target in self.pending_adapted_from:
            target_pk = Practice.objects.filter(slug=target).values_list("pk", flat=True).first()
            if target_pk is None:
                self.result.add_error(
                    RowError(
                        number,
                        fmt.BY_KEY["adapted_from"].header,
                        f"no practice has the slug “{_shown(target)}”.",
                    )
                )
                continue
            practice = Practice.objects.get(pk=pk)
            practice.adapted_from_id = target_pk
            if self.user is not None:
                practice._history_user = self.user
            practice._change_reason = "CSV import"
            practice.save(update_fields=["adapted_from", "updated_at"])
        self._refresh_search()

    def _refresh_search(self) -> None:
        if self.result.written:  # pointless in a dry run or once the file has failed
            Practice.objects.filter(pk__in=self.to_refresh).refresh_search_vectors()
        self.to_refresh = []
