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

Columns marked `imported=False` are derived (countries, ongoing or completed, the public URL):
the import reads past them. Organisation and region names and the region countries are read only
to create organisations and regions that do not exist yet (`--create-missing`); the import finds
organisations and regions by slug and never renames them.
"""

from dataclasses import dataclass

from django.conf.global_settings import LANGUAGES
from django_countries import countries

from ..models import Practice

SEPARATOR = "; "

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
ESCAPE = "'"
_ESCAPED = FORMULA_TRIGGERS | {ESCAPE}


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    doc: str
    imported: bool = True
    required: bool = False


COLUMNS = [
    Column(
        "Slug",
        "slug",
        "The practice's address and the key the import updates by. Left empty in a file to "
        "import, it is made from the title.",
        required=True,
    ),
    Column("Title", "title", "The title in English.", required=True),
    Column("Original title", "original_title", "The title in the original language."),
    Column("Summary", "summary", "At most 500 characters."),
    Column("Description", "description", "The full description."),
    Column("Lead organisation", "lead_organisation_name", "Its name."),
    Column(
        "Lead organisation slug",
        "lead_organisation",
        "The slug of the lead organisation; the import finds the organisation by it.",
        required=True,
    ),
    Column("Partner organisations", "partner_names", "Their names, in the order of the slugs."),
    Column("Partner organisation slugs", "partner_organisations", "Their slugs."),
    Column("Regions", "region_names", "Where it runs: the regions' names."),
    Column("Region slugs", "regions", "The regions' slugs, in the same order as the names."),
    Column(
        "Region countries",
        "region_countries",
        "Each region's country as an ISO 3166 code, in the same order as the slugs.",
    ),
    Column("Countries", "countries", "The countries of the regions, by name.", imported=False),
    Column("Target groups", "target_groups", "Names (the import also takes slugs)."),
    Column("Themes", "themes", "Names (the import also takes slugs)."),
    Column("Funding sources", "funding_sources", "Names (the import also takes slugs)."),
    Column("Kind", "kind", "Programme, Project, Service, Policy or Method or tool."),
    Column(
        "Level",
        "level",
        "Level of implementation: Local, Regional, National, Cross-border or European.",
    ),
    Column("Start year", "start_year", "A year such as 2021."),
    Column("End year", "end_year", "Empty while the practice is ongoing."),
    Column(
        "Ongoing or completed",
        "ongoing",
        "Ongoing if there is no end year or it is this year or later.",
        imported=False,
    ),
    Column("People reached", "people_reached", "A whole number."),
    Column("Resources and costs", "resources", ""),
    Column("Results and outcomes", "results", ""),
    Column("Success factors", "success_factors", ""),
    Column("Challenges and lessons", "challenges", ""),
    Column(
        "Evidence level",
        "evidence_level",
        "Not evaluated, Monitored, Evaluated or Independently evaluated.",
    ),
    Column("How it was evaluated", "evaluation_note", ""),
    Column("Transferability", "transferability", "What another region needs to adopt it."),
    Column("Key lesson", "key_lesson", "At most 300 characters."),
    Column(
        "Adapted from",
        "adapted_from",
        "The slug of the published practice it was transferred from.",
    ),
    Column("Website", "website", ""),
    Column("Organisation contact e-mail", "public_contact_email", "Shown publicly."),
    Column("Contact person", "contact_name", ""),
    Column(
        "Contact person's e-mail",
        "contact_email",
        "Only where the person agreed to publish it; empty otherwise.",
    ),
    Column("Original language", "original_language", "A language code such as es, nb or sv."),
    Column(
        "Published at",
        "published_at",
        "When it was published (ISO 8601, UTC). Read only when the import creates a practice.",
    ),
    Column("Last reviewed on", "last_reviewed_on", "A date such as 2026-02-10."),
    Column("URL", "url", "The practice's public page.", imported=False),
]

HEADERS = [column.header for column in COLUMNS]
BY_HEADER = {column.header: column for column in COLUMNS}
BY_KEY = {column.key: column for column in COLUMNS}

ONGOING = "Ongoing"
COMPLETED = "Completed"

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
    are doubled: what Python's csv module writes with QUOTE_MINIMAL, at a third of the cost.
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


def country_name(code: str) -> str:
    return str(countries.name(code)) or code


def choice_lookup(choices) -> dict[str, str]:
    """Label or value, any case -> value: the import takes "Cross-border" or "cross_border"."""
    lookup = {}
    for value, label in choices:
        lookup[str(value).casefold()] = value
        lookup[str(label).casefold()] = value
    return lookup


KIND_LABELS = dict(Practice.Kind.choices)
LEVEL_LABELS = dict(Practice.Level.choices)
EVIDENCE_LABELS = dict(Practice.EvidenceLevel.choices)
