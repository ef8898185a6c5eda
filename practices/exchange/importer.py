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
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
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
    # key: (relation on Practice, the model)
    "partner_organisations": ("partner_organisations", Organisation),
    "regions": ("regions", Region),
    "target_groups": ("target_groups", TargetGroup),
    "themes": ("themes", Theme),
    "funding_sources": ("funding_sources", FundingSource),
}
# The vocabularies, with the error for a term the catalogue does not have.
_VOCABULARIES = {
    "target_groups": _("unknown target group “%(value)s”."),
    "themes": _("unknown theme “%(value)s”."),
    "funding_sources": _("unknown funding source “%(value)s”."),
}

# The model's non-field errors (its constraints), by constraint, to the column to look at.
_CONSTRAINT_HEADERS = {
    "practice_end_not_before_start": "End year",
    "practice_unique_title_per_lead_organisation": "Title",
    "practice_published_has_published_at": "Published at",
}


def _constraint_column(message: str) -> str:
    """The column of the constraint whose error `message` is. Compared as the message reads
    now, in the language of the request, which a translated message follows."""
    for constraint in Practice._meta.constraints:
        if constraint.name in _CONSTRAINT_HEADERS and message == str(
            constraint.violation_error_message
        ):
            return _CONSTRAINT_HEADERS[constraint.name]
    return ""


class ImportFileError(Exception):
    """The file as a whole cannot be read as a practices CSV; nothing was written."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            # Translators: where an error of an imported CSV file is; the column is named by
            # its header, which stays in English.
            where = gettext("row %(row)s, column %(column)s: %(message)s")
        else:
            where = gettext("row %(row)s: %(message)s")
        return where % {"row": self.row, "column": self.column, "message": self.message}


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
            # Translators: followed by what is wrong with the file, as a sentence that starts
            # in lower case.
            return gettext("Nothing was imported: %(problem)s") % {"problem": self.file_error}
        counts = {
            "count": self.error_count,
            "shown": len(self.errors),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.error_count:
            if len(self.errors) < self.error_count:
                return (
                    ngettext(
                        "Nothing was imported: %(count)s error in the file (the first %(shown)s "
                        "are listed).",
                        "Nothing was imported: %(count)s errors in the file (the first %(shown)s "
                        "are listed).",
                        self.error_count,
                    )
                    % counts
                )
            return (
                ngettext(
                    "Nothing was imported: %(count)s error in the file.",
                    "Nothing was imported: %(count)s errors in the file.",
                    self.error_count,
                )
                % counts
            )
        if self.dry_run:
            return (
                ngettext(
                    "Dry run, nothing was written: the import would create %(created)s practice, "
                    "update %(updated)s and leave %(unchanged)s unchanged.",
                    "Dry run, nothing was written: the import would create %(created)s practices, "
                    "update %(updated)s and leave %(unchanged)s unchanged.",
                    self.created,
                )
                % counts
            )
        return (
            ngettext(
                "Imported: %(created)s practice created, %(updated)s updated, %(unchanged)s "
                "unchanged.",
                "Imported: %(created)s practices created, %(updated)s updated, %(unchanged)s "
                "unchanged.",
                self.created,
            )
            % counts
        )

    def notes(self) -> list[str]:
        if self.dry_run:
            organisation = gettext(
                "Organisation %(name)s would be created: check its kind and region in the admin."
            )
            region = gettext(
                "Region %(name)s would be created: check its NUTS code and membership in the admin."
            )
        else:
            organisation = gettext(
                "Organisation %(name)s created: check its kind and region in the admin."
            )
            region = gettext(
                "Region %(name)s created: check its NUTS code and membership in the admin."
            )
        notes = [organisation % {"name": name} for name in self.created_organisations]
        notes += [region % {"name": name} for name in self.created_regions]
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
            gettext(
                "the file is UTF-16 text. Save it as “CSV UTF-8” (Excel) or as CSV with the "
                "character set “Unicode (UTF-8)” (LibreOffice)."
            )
        )
    if b"\x00" in head:
        raise ImportFileError(gettext("the file holds binary data: it is not a CSV file."))
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut in two at the end of `head`
            raise ImportFileError(
                gettext(
                    "the file is not UTF-8 text (byte %(byte)s on line %(line)s). Save it as "
                    "“CSV UTF-8” (Excel) or as CSV with the character set “Unicode (UTF-8)” "
                    "(LibreOffice)."
                )
                % {
                    "byte": f"{exc.object[exc.start]:#04x}",
                    "line": head.count(b"\n", 0, exc.start) + 1,
                }
            ) from None
    first_line = head.decode("utf-8", errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError(gettext("the file is empty; its first row must be the header."))
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
                gettext(
                    "row %(row)s is not UTF-8 text (byte %(byte)s). Save the file as “CSV UTF-8”."
                )
                % {"row": number, "byte": f"{exc.object[exc.start]:#04x}"}
            ) from None
        except csv.Error as exc:
            raise ImportFileError(
                gettext("row %(row)s is not valid CSV (%(error)s).") % {"row": number, "error": exc}
            ) from None

    @staticmethod
    def _header(record: list[str] | None) -> list[str]:
        if not record:
            raise ImportFileError(gettext("the file is empty; its first row must be the header."))
        headers = [cell.strip() for cell in record]
        unknown = [h for h in headers if h and h not in fmt.BY_HEADER]
        missing = [c.header for c in fmt.COLUMNS if c.required and c.header not in headers]
        if unknown or missing:
            names = {
                "unknown": ", ".join(f"“{_shown(h)}”" for h in unknown[:5]),
                "missing": ", ".join(f"“{h}”" for h in missing),
            }
            if len(unknown) > 5:
                names["unknown"] = ngettext(
                    # Translators: a list of column names cut short: “A”, “B” and 3 more.
                    "%(names)s and %(count)s more",
                    "%(names)s and %(count)s more",
                    len(unknown) - 5,
                ) % {"names": names["unknown"], "count": len(unknown) - 5}
            if unknown and missing:
                problem = gettext(
                    "the header row has unknown columns %(unknown)s and missing columns "
                    "%(missing)s."
                )
            elif unknown:
                problem = gettext("the header row has unknown columns %(unknown)s.")
            else:
                problem = gettext("the header row has missing columns %(missing)s.")
            expected = gettext(
                "The first row must name the columns as the export does: %(headers)s."
            ) % {"headers": ", ".join(fmt.HEADERS)}
            raise ImportFileError(f"{problem % names} {expected}")
        twice = sorted({h for h in headers if h and headers.count(h) > 1})
        if twice:
            raise ImportFileError(
                gettext("the header row names %(names)s more than once.")
                % {"names": ", ".join(f"“{h}”" for h in twice)}
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
                    ngettext(
                        "it has %(cells)s cells but the header names %(columns)s column.",
                        "it has %(cells)s cells but the header names %(columns)s columns.",
                        len(headers),
                    )
                    % {"cells": len(record), "columns": len(headers)},
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
                    RowError(
                        number, f"{index + 1}", gettext("this column has no header; remove it.")
                    )
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
                row.error(
                    "slug",
                    gettext("the slug made from the title, “%(slug)s”, is taken.")
                    % {"slug": practice.slug},
                )
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
                    row.error(
                        "slug",
                        gettext("“%(slug)s” is also on row %(row)s.")
                        % {"slug": slug, "row": self.seen[slug]},
                    )
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
            row.error(
                column.key,
                # Translators: the values a column accepts follow, as the CSV writes them.
                gettext("“%(value)s” is not one of %(choices)s.")
                % {"value": text.strip(), "choices": self._labels(choices)},
            )
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
            if column.kind == fmt.YEAR:
                message = gettext("“%(value)s” is not a year such as 2021.")
            else:
                message = gettext("“%(value)s” is not a whole number.")
            row.error(column.key, message % {"value": _shown(value)})

    @staticmethod
    def _date(practice: Practice, row: "_Row", column: fmt.Column) -> None:
        value = row.get(column.key).strip()
        try:
            setattr(practice, column.key, datetime.date.fromisoformat(value) if value else None)
        except ValueError:
            row.error(
                column.key,
                gettext("“%(value)s” is not a date like 2026-02-10.") % {"value": _shown(value)},
            )

    def _lead_organisation(self, practice: Practice, row: "_Row") -> None:
        if not row.has("lead_organisation"):
            return
        lead_slug = row.get("lead_organisation").strip()
        if not lead_slug:
            row.error("lead_organisation", gettext("every practice needs a lead organisation."))
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
            row.error("adapted_from", gettext("a practice cannot be adapted from itself."))
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
            self.result.add_error(
                RowError(
                    row.number, "", gettext("the database refused it: %(error)s") % {"error": exc}
                )
            )
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
        return _constraint_column(message)

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
            error(
                "original_language",
                gettext("“%(value)s” is not a language code such as es.")
                % {"value": _shown(value)},
            )
        else:
            practice.original_language = code

    @staticmethod
    def _published_at(practice: Practice, value: str, error) -> None:
        if not value:
            return
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            error(
                "published_at",
                gettext("“%(value)s” is not a time like 2026-02-10T09:30:00Z.")
                % {"value": _shown(value)},
            )
            return
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = moment

    def _relation(self, key: str, row: "_Row") -> set[int]:
        _relation_name, model = _RELATIONS[key]
        values = fmt.split(row.get(key))
        ids = set()
        if key in _VOCABULARIES:
            lookup = self.vocabularies[model]
            for value in values:
                pk = lookup.get(value.casefold())
                if pk is None:
                    row.error(key, _VOCABULARIES[key] % {"value": _shown(value)})
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
        is_organisation = model is Organisation
        shown = {"slug": _shown(slug)}
        if not self.create_missing:
            if is_organisation:
                message = gettext(
                    # Translators: “create missing organisations and regions” is the label of a box
                    # of the import page; --create-missing, the command's option, stays as it is.
                    "unknown organisation “%(slug)s”: add it in the admin first, or import with "
                    "“create missing organisations and regions” (--create-missing)."
                )
            else:
                message = gettext(
                    # Translators: as for an unknown organisation.
                    "unknown region “%(slug)s”: add it in the admin first, or import with "
                    "“create missing organisations and regions” (--create-missing)."
                )
            error(key, message % shown)
            return None
        names_column = {
            "lead_organisation": "lead_organisation_name",
            "partner_organisations": "partner_names",
            "regions": "region_names",
        }[key]
        if not name:
            if is_organisation:
                message = gettext(
                    # Translators: the column is named by its header, which stays in English.
                    "the organisation “%(slug)s” does not exist; to create it, give its name in "
                    "column %(column)s, in the same place."
                )
            else:
                message = gettext(
                    # Translators: the column is named by its header, which stays in English.
                    "the region “%(slug)s” does not exist; to create it, give its name in "
                    "column %(column)s, in the same place."
                )
            error(key, message % {**shown, "column": fmt.BY_KEY[names_column].header})
            return None
        if is_organisation:
            instance = Organisation(name=name, slug=slug, kind=Organisation.Kind.OTHER)
        else:
            if code.upper() not in countries:
                error(
                    key,
                    gettext(
                        # Translators: the column is named by its header, which stays in English.
                        "the region “%(slug)s” does not exist; to create it, give its country "
                        "code in column %(column)s, in the same place."
                    )
                    % {**shown, "column": fmt.BY_KEY["region_countries"].header},
                )
                return None
            instance = Region(name=name, slug=slug, country=code.upper())
        try:
            instance.full_clean()
        except ValidationError as exc:
            if is_organisation:
                message = gettext("the organisation “%(slug)s” cannot be created: %(error)s")
            else:
                message = gettext("the region “%(slug)s” cannot be created: %(error)s")
            error(key, message % {**shown, "error": exc.messages[0]})
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
                        gettext("no practice has the slug “%(slug)s”.") % {"slug": _shown(target)},
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
