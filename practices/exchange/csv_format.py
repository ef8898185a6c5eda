"""The CSV format of practices: one list of columns, shared by the export and the import.

The file is UTF-8 with a byte-order mark, comma-separated, CRLF line ends, quoted as RFC 4180
says (a field with a comma, a double quote or a line break is quoted, its quotes doubled), one
row per practice, with a header row of the readable names below. Cells that hold several values
join them with "; ". Years are numbers, dates ISO 8601 (`2026-02-10`), times ISO 8601 in UTC
(`2026-02-10T09:30:00+00:00`).

Formula injection (OWASP): a cell whose text begins with = + - @, a tab or a carriage return gets
a leading single quote, so a spreadsheet shows it as text and never runs it. A cell that begins
with a single quote gets one more, so the import can strip exactly one and give back the original
text, byte for byte.

Each column says once what it holds (`kind`): the export writes it, and the import reads it, by
that kind, in the order of `COLUMNS`, the one list of the columns and their order.

Columns marked `imported=False` are derived (countries, ongoing or completed, the public URL):
the import reads past them. Organisation and region names and the region countries are read only
to create organisations and regions that do not exist yet (`--create-missing`); the import finds
organisations and regions by slug and never renames them.
"""

from dataclasses import dataclass

from django.conf.global_settings import LANGUAGES
from django.utils import translation

from ..models import Practice

SEPARATOR = "; "

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
ESCAPE = "'"
_ESCAPED = FORMULA_TRIGGERS | {ESCAPE}


# What a column holds. The export writes, and the import reads, each kind one way.
TEXT = "text"  # text as it is
LINE = "line"  # one line of text; the import strips the blanks around it
CHOICE = "choice"  # one of a model field's choices: written as its label, read as label or value
YEAR = "year"  # a year (a whole number), empty for none
NUMBER = "number"  # a whole number, empty for none
DATE = "date"  # ISO 8601
TIME = "time"  # ISO 8601, in UTC
PARTNERS = "partners"  # one of the cells made from the partner organisations (`Column.part`)
REGIONS = "regions"  # one of the cells made from the regions (`Column.part`)
NAMES = "names"  # the names of vocabulary terms (target groups, themes, funding sources)
ONGOING = "ongoing"  # derived from the end year
URL = "url"  # derived from the slug


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    doc: str
    imported: bool = True
    required: bool = False
    kind: str = TEXT
    # The field of the export's rows this column is written from, when it is not `key`.
    source: str = ""
    # For PARTNERS and REGIONS: which of the cells made from the related rows this column holds.
    part: int = 0

    @property
    def field(self) -> str:
        return self.source or self.key


COLUMNS = [
    Column(
        "Slug",
        "slug",
        "The practice's address and the key the import updates by. Left empty in a file to "
        "import, it is made from the title.",
        required=True,
        kind=LINE,
    ),
    Column("Title", "title", "The title in English.", required=True),
    Column("Original title", "original_title", "The title in the original language."),
    Column("Summary", "summary", "At most 500 characters."),
    Column("Description", "description", "The full description."),
    Column(
        "Lead organisation", "lead_organisation_name", "Its name.", source="lead_organisation__name"
    ),
    Column(
        "Lead organisation slug",
        "lead_organisation",
        "The slug of the lead organisation; the import finds the organisation by it.",
        required=True,
        kind=LINE,
        source="lead_organisation__slug",
    ),
    Column(
        "Partner organisations",
        "partner_names",
        "Their names, in the order of the slugs.",
        kind=PARTNERS,
        source="export_partners",
        part=0,
    ),
    Column(
        "Partner organisation slugs",
        "partner_organisations",
        "Their slugs.",
        kind=PARTNERS,
        source="export_partners",
        part=1,
    ),
    Column(
        "Regions",
        "region_names",
        "Where it runs: the regions' names.",
        kind=REGIONS,
        source="export_regions",
        part=0,
    ),
    Column(
        "Region slugs",
        "regions",
        "The regions' slugs, in the same order as the names.",
        kind=REGIONS,
        source="export_regions",
        part=1,
    ),
    Column(
        "Region countries",
        "region_countries",
        "Each region's country as an ISO 3166 code, in the same order as the slugs.",
        kind=REGIONS,
        source="export_regions",
        part=2,
    ),
    Column(
        "Countries",
        "countries",
        "The countries of the regions, by name.",
        imported=False,
        kind=REGIONS,
        source="export_regions",
        part=3,
    ),
    Column(
        "Target groups",
        "target_groups",
        "Names (the import also takes slugs).",
        kind=NAMES,
        source="export_target_groups",
    ),
    Column(
        "Themes",
        "themes",
        "Names (the import also takes slugs).",
        kind=NAMES,
        source="export_themes",
    ),
    Column(
        "Funding sources",
        "funding_sources",
        "Names (the import also takes slugs).",
        kind=NAMES,
        source="export_funding_sources",
    ),
    Column("Kind", "kind", "Programme, Project, Service, Policy or Method or tool.", kind=CHOICE),
    Column(
        "Level",
        "level",
        "Level of implementation: Local, Regional, National, Cross-border or European.",
        kind=CHOICE,
    ),
    Column("Start year", "start_year", "A year such as 2021.", kind=YEAR),
    Column("End year", "end_year", "Empty while the practice is ongoing.", kind=YEAR),
    Column(
        "Ongoing or completed",
        "ongoing",
        "Ongoing if there is no end year or it is this year or later.",
        imported=False,
        kind=ONGOING,
        source="end_year",
    ),
    Column("People reached", "people_reached", "A whole number.", kind=NUMBER),
    Column("Resources and costs", "resources", ""),
    Column("Results and outcomes", "results", ""),
    Column("Success factors", "success_factors", ""),
    Column("Challenges and lessons", "challenges", ""),
    Column(
        "Evidence level",
        "evidence_level",
        "Not evaluated, Monitored, Evaluated or Independently evaluated.",
        kind=CHOICE,
    ),
    Column("How it was evaluated", "evaluation_note", ""),
    Column("Transferability", "transferability", "What another region needs to adopt it."),
    Column("Key lesson", "key_lesson", "At most 300 characters."),
    Column(
        "Adapted from",
        "adapted_from",
        "The slug of the published practice it was transferred from.",
        kind=LINE,
        source="export_adapted_from",
    ),
    Column("Website", "website", "", kind=LINE),
    Column("Organisation contact e-mail", "public_contact_email", "Shown publicly.", kind=LINE),
    Column("Contact person", "contact_name", ""),
    Column(
        "Contact person's e-mail",
        "contact_email",
        "Only where the person agreed to publish it; empty otherwise.",
        kind=LINE,
        source="export_contact_email",
    ),
    Column(
        "Original language",
        "original_language",
        "A language code such as es, nb or sv.",
        kind=LINE,
    ),
    Column(
        "Published at",
        "published_at",
        "When it was published (ISO 8601, UTC). Read only when the import creates a practice.",
        kind=TIME,
    ),
    Column("Last reviewed on", "last_reviewed_on", "A date such as 2026-02-10.", kind=DATE),
    Column("URL", "url", "The practice's public page.", imported=False, kind=URL, source="slug"),
]

HEADERS = [column.header for column in COLUMNS]
BY_HEADER = {column.header: column for column in COLUMNS}
BY_KEY = {column.key: column for column in COLUMNS}

# The cells of the ONGOING column.
ONGOING_CELL = "Ongoing"
COMPLETED_CELL = "Completed"

# Field name -> column header, for the model's validation messages.
FIELD_HEADERS = {column.key: column.header for column in COLUMNS}

LANGUAGE_CODES = {code for code, _name in LANGUAGES}


def neutralise(text: str) -> str:
    """The cell as written: OWASP's leading quote before anything a spreadsheet could run."""
    if text and text[0] in _ESCAPED:
        return ESCAPE + text
    return text


def cell(text: str) -> str:
    """One field as written: neutralised, then quoted as RFC 4180 says.

    A field is quoted when it holds a comma, a double quote, a CR or a LF, and its double quotes
    are doubled: what Python's csv module writes with QUOTE_MINIMAL, for less, as it runs for every
    cell of an export.
    """
    if text:
        if text[0] in _ESCAPED:
            text = ESCAPE + text
        if '"' in text:
            return '"' + text.replace('"', '""') + '"'
        if "," in text or "\n" in text or "\r" in text:
            return '"' + text + '"'
    return text


def line(cells) -> str:
    """One record: its fields written by `cell`, separated by commas, ended by CRLF."""
    return ",".join([cell(text) for text in cells]) + "\r\n"


def restore(text: str) -> str:
    """The inverse of `neutralise`: one leading quote is dropped where `neutralise` added it."""
    if len(text) > 1 and text[0] == ESCAPE and text[1] in _ESCAPED:
        return text[1:]
    return text


def join(values) -> str:
    return SEPARATOR.join(values)


def split(text: str) -> list[str]:
    """The values of a multi-valued cell; blanks around each value and empty values are dropped."""
    return [value.strip() for value in text.split(";") if value.strip()]


def choice_lookup(choices) -> dict[str, str]:
    """Label or value, any case -> value: the import takes "Cross-border" or "cross_border"."""
    lookup = {}
    for value, label in choices:
        lookup[str(value).casefold()] = value
        lookup[str(label).casefold()] = value
    return lookup


def choices(column: Column) -> list[tuple[str, str]]:
    """A CHOICE column's choices: its model field's (value, label) pairs, the labels in English
    whatever the page's language (the CSV format is the same in every language)."""
    with translation.override("en"):
        return [
            (value, str(label)) for value, label in Practice._meta.get_field(column.key).choices
        ]
