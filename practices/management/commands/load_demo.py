"""`manage.py load_demo`: the demo catalogue, plus `--synthetic N` generated practices for scale.

The demo content is plain data in `practices/demo_data.py`. Loading it is idempotent: rows are
found by slug and written only where they differ, so a second run changes nothing (no new
history records, no new `updated_at`). Synthetic practices are generated deterministically from
their number, bulk-inserted, and never duplicated: `--synthetic N` makes sure practices
`synthetic-000001` … `synthetic-N` exist, creating only the missing ones.
"""

import datetime
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import batched

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from practices import demo_data
from practices.browse import facet_counts
from practices.models import (
    ExternalIdentifier,
    FundingSource,
    Practice,
    PracticeReference,
    TargetGroup,
    Theme,
)
from regions.models import Organisation, Region

# Publication and submission dates in the data are days; they are stored at this time of day.
DEMO_TIME_OF_DAY = datetime.time(10, 0, tzinfo=datetime.UTC)

# The scalar Practice fields the demo data sets; a field left out of an entry gets its default.
PRACTICE_FIELDS = [
    "title",
    "original_title",
    "summary",
    "description",
    "kind",
    "level",
    "start_year",
    "end_year",
    "resources",
    "results",
    "success_factors",
    "challenges",
    "evidence_level",
    "evaluation_note",
    "transferability",
    "key_lesson",
    "website",
    "public_contact_email",
    "contact_name",
    "contact_email",
    "contact_email_is_public",
    "original_language",
    "status",
    "last_reviewed_on",
]
PRACTICE_KEYS = {
    "slug",
    "lead",
    "partners",
    "regions",
    "target_groups",
    "themes",
    "funding",
    "adapted_from",
    "published_on",
    "submitted_on",
    "references",
    "identifiers",
    *PRACTICE_FIELDS,
}

MAX_SYNTHETIC = 2_000_000


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (regions, organisations and practices; running it again changes "
        "nothing). With --synthetic N, also make sure N generated practices exist, for scale work."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N generated practices (synthetic-000001 …) exist; "
            "only the missing ones are created.",
        )

    def handle(self, *args, synthetic=0, verbosity=1, **options):
        if not 0 <= synthetic <= MAX_SYNTHETIC:
            raise CommandError(f"--synthetic takes a number from 0 to {MAX_SYNTHETIC:,}.")
        say = self.stdout.write if verbosity >= 1 else (lambda *a, **k: None)

        started = time.monotonic()
        with transaction.atomic():
            tallies = load_demo_content()
        for name, tally in tallies.items():
            say(f"{name}: {tally}")
        say(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s."))

        if synthetic:
            started = time.monotonic()
            timings = {}
            with transaction.atomic():
                # The facet counts are rebuilt once at the end, not once per inserted batch.
                with facet_counts.deferred():
                    created = ensure_synthetic_practices(synthetic, timings)
                    deferred_until = time.monotonic()
                timings["facet counts"] = time.monotonic() - deferred_until
                committing = time.monotonic()
            timings["commit"] = time.monotonic() - committing
            if created and connection.vendor == "postgresql":
                analyze()
                timings["analyze"] = time.monotonic() - committing - timings["commit"]
            if verbosity >= 2:
                for phase, seconds in timings.items():
                    say(f"  {phase}: {seconds:.1f} s")
            existing = Practice.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
            say(
                self.style.SUCCESS(
                    f"Synthetic practices: {created:,} created, {existing:,} exist "
                    f"({time.monotonic() - started:.1f} s)."
                )
            )
            if existing > synthetic:
                say(
                    f"More than {synthetic:,} synthetic practices exist already; this command "
                    "never deletes any."
                )


# --- The demo content -------------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, created, changed):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def __str__(self):
        total = self.created + self.updated + self.unchanged
        return (
            f"{total} ({self.created} created, {self.updated} updated, {self.unchanged} unchanged)"
        )


def load_demo_content() -> dict[str, Tally]:
    """Create or update the demo rows; returns what happened per model. Call in a transaction."""
    tallies = {"Regions": Tally(), "Organisations": Tally(), "Practices": Tally()}

    # Each model's existing demo rows in one query (and the practices' relations in one query
    # per relation), so a run that changes nothing costs a handful of queries.
    existing = Region.objects.in_bulk([e["slug"] for e in demo_data.REGIONS], field_name="slug")
    regions = {}
    for entry in demo_data.REGIONS:
        values = {key: entry.get(key, "") for key in ("name", "country", "nuts_code", "website")}
        values["description"] = entry.get("description", "")
        values["is_member"] = entry.get("is_member", False)
        region, created, changed = upsert(Region, entry["slug"], values, existing)
        tallies["Regions"].count(created, changed)
        regions[entry["slug"]] = region

    existing = Organisation.objects.in_bulk(
        [e["slug"] for e in demo_data.ORGANISATIONS], field_name="slug"
    )
    organisations = {}
    for entry in demo_data.ORGANISATIONS:
        values = {
            "name": entry["name"],
            "kind": entry["kind"],
            "region_id": regions[entry["region"]].pk if entry["region"] else None,
            "website": entry.get("website", ""),
        }
        organisation, created, changed = upsert(Organisation, entry["slug"], values, existing)
        tallies["Organisations"].count(created, changed)
        organisations[entry["slug"]] = organisation

    vocabularies = {
        "target group": dict(TargetGroup.objects.values_list("slug", "pk")),
        "theme": dict(Theme.objects.values_list("slug", "pk")),
        "funding source": dict(FundingSource.objects.values_list("slug", "pk")),
    }
    existing = {
        practice.slug: practice
        for practice in Practice.objects.filter(
            slug__in=[e["slug"] for e in demo_data.PRACTICES]
        ).prefetch_related(
            *LINK_FIELDS,
            models.Prefetch("references", PracticeReference.objects.order_by("pk")),
            models.Prefetch("identifiers", ExternalIdentifier.objects.order_by("pk")),
        )
    }
    practices = {}
    for entry in demo_data.PRACTICES:
        practice, created, changed = load_demo_practice(
            entry, regions, organisations, vocabularies, practices, existing
        )
        tallies["Practices"].count(created, changed)
        practices[entry["slug"]] = practice

    Practice.objects.filter(pk__in=[p.pk for p in practices.values()]).refresh_search_vectors()
    return tallies


def load_demo_practice(entry, regions, organisations, vocabularies, loaded, existing):
    slug = entry["slug"]
    unknown = set(entry) - PRACTICE_KEYS
    if unknown:
        raise CommandError(f"Demo practice {slug!r}: unknown keys {sorted(unknown)}.")

    def pick(mapping, keys, what):
        try:
            return [mapping[key] for key in keys]
        except KeyError as error:
            raise CommandError(
                f"Demo practice {slug!r}: unknown {what} {error.args[0]!r} "
                "(are the migrations applied?)."
            ) from None

    values = {
        name: entry.get(name, Practice._meta.get_field(name).get_default())
        for name in PRACTICE_FIELDS
    }
    values["lead_organisation_id"] = pick(organisations, [entry["lead"]], "organisation")[0].pk
    values["adapted_from_id"] = (
        pick(loaded, [entry["adapted_from"]], "earlier practice")[0].pk
        if entry.get("adapted_from")
        else None
    )
    values["published_at"] = at_demo_time(entry.get("published_on"))
    values["submitted_at"] = at_demo_time(entry.get("submitted_on"))

    # History: one record with the final state, relations included, rather than one per step
    # (simple-history would record every save and every many-to-many change separately).
    practice, created, changed = upsert(Practice, slug, values, existing, history=False)

    relations = {
        practice.partner_organisations: [
            o.pk for o in pick(organisations, entry.get("partners", []), "organisation")
        ],
        practice.regions: [r.pk for r in pick(regions, entry.get("regions", []), "region")],
        practice.target_groups: pick(
            vocabularies["target group"], entry.get("target_groups", []), "target group"
        ),
        practice.themes: pick(vocabularies["theme"], entry.get("themes", []), "theme"),
        practice.funding_sources: pick(
            vocabularies["funding source"], entry.get("funding", []), "funding source"
        ),
    }
    for manager, wanted in relations.items():
        changed |= sync_m2m(manager, wanted)
    changed |= sync_children(
        practice, "references", ("title", "url", "date"), entry.get("references", [])
    )
    changed |= sync_children(
        practice, "identifiers", ("scheme", "value"), entry.get("identifiers", [])
    )
    del practice.skip_history_when_saving
    if changed:
        post_save.send(
            sender=Practice,
            instance=practice,
            created=created,
            update_fields=None,
            raw=False,
            using=practice._state.db,
        )
    return practice, created, changed


def at_demo_time(day):
    return datetime.datetime.combine(day, DEMO_TIME_OF_DAY) if day else None


def upsert(model, slug, values, existing, *, history=True):
    """The row with this slug, created or brought up to date; saved only if something differs.

    Returns (object, created, changed). Every write is validated with full_clean() first.
    `existing` maps slugs to the rows already there. With history=False the object comes back
    marked to skip simple-history's records.
    """
    obj = existing.get(slug)
    created = obj is None
    if created:
        obj = model(slug=slug, **values)
    if not history:
        obj.skip_history_when_saving = True
    if not created:
        differing = [name for name, value in values.items() if getattr(obj, name) != value]
        if not differing:
            return obj, False, False
        for name in differing:
            setattr(obj, name, values[name])
    obj.full_clean()
    obj.save()
    return obj, created, True


def sync_m2m(manager, wanted_ids) -> bool:
    """Make the relation hold exactly these ids; touch nothing (no history) when it does."""
    if {obj.pk for obj in manager.all()} == set(wanted_ids):
        return False
    manager.set(wanted_ids)
    return True


def sync_children(practice, related_name, fields, wanted_rows) -> bool:
    """Replace the practice's references (or identifiers) when they differ from the data."""
    manager = getattr(practice, related_name)
    wanted = [tuple(row) for row in wanted_rows]
    if [tuple(getattr(child, f) for f in fields) for child in manager.all()] == wanted:
        return False
    manager.all().delete()
    for row in wanted:
        child = manager.model(practice=practice, **dict(zip(fields, row, strict=True)))
        child.full_clean()
        child.save()
    return True


# --- Synthetic practices for scale work -------------------------------------------------------

SYNTHETIC_PREFIX = "synthetic-"
SYNTHETIC_SEED = 20260212
# Dates are spread back from a fixed day, so a practice's content depends only on its number.
SYNTHETIC_EPOCH = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=datetime.UTC)
SYNTHETIC_YEARS = (2005, 2026)
BATCH_SIZE = 5000
LINK_FIELDS = ["regions", "partner_organisations", "target_groups", "themes", "funding_sources"]

# Fictional region names: one root per country, six compass prefixes = 150 regions.
REGION_ROOTS = [
    ("Valmora", "IT"),
    ("Kestrand", "NO"),
    ("Ardenvale", "BE"),
    ("Lindholm", "SE"),
    ("Marisca", "ES"),
    ("Oberhain", "DE"),
    ("Rosvald", "DK"),
    ("Talvikki", "FI"),
    ("Corvenne", "FR"),
    ("Baltrava", "LT"),
    ("Dunmore", "IE"),
    ("Velika Brana", "HR"),
    ("Žalenov", "CZ"),
    ("Sárvas", "HU"),
    ("Porto Alvar", "PT"),
    ("Kalmeri", "EE"),
    ("Ostrova", "PL"),
    ("Dravlje", "SI"),
    ("Helmsand", "NL"),
    ("Lazarești", "RO"),
    ("Thessaria", "GR"),
    ("Brennach", "AT"),
    ("Ørnevik", "NO"),
    ("Krasovo", "BG"),
    ("Tatrany", "SK"),
]
REGION_PREFIXES = ["North", "South", "East", "West", "Upper", "Lower"]

# Four organisations per region, from eight templates (alternating halves by region).
ORGANISATION_TEMPLATES = [
    ("{region} Employment Service", Organisation.Kind.PUBLIC_EMPLOYMENT_SERVICE),
    ("{region} Adult Education Centre", Organisation.Kind.EDUCATION_PROVIDER),
    ("{region} Inclusion Association", Organisation.Kind.ASSOCIATION),
    ("{region} District Council", Organisation.Kind.MUNICIPALITY),
    ("{region} Regional Authority", Organisation.Kind.REGIONAL_AUTHORITY),
    ("{region} Vocational College", Organisation.Kind.EDUCATION_PROVIDER),
    ("{region} Social Enterprise Cooperative", Organisation.Kind.EMPLOYER),
    ("{region} Youth Guidance Centre", Organisation.Kind.OTHER),
]
SYNTHETIC_REGIONS = len(REGION_ROOTS) * len(REGION_PREFIXES)
SYNTHETIC_ORGANISATIONS = 4 * SYNTHETIC_REGIONS

# Title parts: 12 adjectives x 15 activities x 12 audiences = 2,160 distinct titles per lead
# organisation, which keeps titles unique beyond a million practices (synthetic_title_parts).
ADJECTIVES = [
    "Inclusive",
    "Regional",
    "Community",
    "Second-chance",
    "Local",
    "Digital",
    "Green",
    "Integrated",
    "Flexible",
    "Intensive",
    "Cross-sector",
    "Open",
]
ACTIVITIES = [
    ("apprenticeship pathway", "work-based-learning-and-apprenticeships"),
    ("job coaching", "inclusive-and-supported-employment"),
    ("career guidance service", "guidance-and-counselling"),
    ("skills academy", "upskilling-and-reskilling"),
    ("mentoring scheme", "guidance-and-counselling"),
    ("work placement programme", "work-based-learning-and-apprenticeships"),
    ("reskilling course", "upskilling-and-reskilling"),
    ("skills validation service", "validation-of-prior-learning"),
    ("employer partnership", "employer-engagement"),
    ("learning mobility scheme", "learning-mobility"),
    ("digital skills training", "digital-skills"),
    ("job retention support", "retention-in-work"),
    ("traineeship programme", "work-based-learning-and-apprenticeships"),
    ("skills alliance", "regional-skills-partnerships"),
    ("outreach service", "guidance-and-counselling"),
]
AUDIENCES = [
    ("young people not in employment, education or training", "neets"),
    ("young people leaving school", "young-people"),
    ("adults with low formal education", "adults-with-low-formal-education"),
    ("jobseekers with disabilities", "persons-with-disabilities"),
    ("newly arrived migrants", "migrants-and-refugees"),
    ("refugees", "migrants-and-refugees"),
    ("long-term unemployed people", "long-term-unemployed"),
    ("older workers", "older-workers"),
    ("women returning to work", "women"),
    ("people outside the labour market", "people-outside-the-labour-market"),
    ("early school leavers", "neets"),
    ("workers whose jobs are changing", "older-workers"),
]
TITLE_SPACE = len(ADJECTIVES) * len(ACTIVITIES) * len(AUDIENCES)
KINDS = Practice.Kind.values
LEVELS = Practice.Level.values
EVIDENCE_LEVELS = Practice.EvidenceLevel.values

SUMMARY_TAILS = [
    "It combines personal guidance with practical experience at local employers.",
    "Participants follow an individual plan towards employment or further training.",
    "Employers help design the training and offer work placements.",
    "Support continues during the first months in a new job.",
    "Courses are modular and fit around work and caring responsibilities.",
    "Skills gained outside formal education are recognised along the way.",
]
DESCRIPTION_SENTENCES = [
    "Participants meet a personal adviser who helps them set realistic goals for employment "
    "or further training.",
    "The {activity} combines short training modules with practical experience at local employers.",
    "Guidance sessions take place in community centres, libraries and schools, close to where "
    "people live.",
    "Employers are involved from the start, helping to design tasks and offering work placements.",
    "Each participant follows an individual learning plan that builds on skills gained outside "
    "formal education.",
    "Mentors accompany participants during the first months in a new job, when the risk of "
    "dropping out is highest.",
    "Courses are modular, so that people can combine learning with work or caring "
    "responsibilities.",
    "The service cooperates closely with the public employment service and social services in "
    "{region}.",
    "Digital tools support job matching, online learning and keeping in touch between meetings.",
    "Apprenticeship places are negotiated with small and medium-sized enterprises in the area.",
    "Validation of prior learning lets participants shorten their training and gain recognised "
    "qualifications.",
    "A short preparation phase builds confidence, basic skills and language skills before "
    "placements begin.",
    "Outreach workers contact people who are not registered with any service.",
    "Partners meet regularly to review progress and adjust the offer to labour market needs.",
    "Some participants spend a period abroad through a learning mobility exchange.",
    "Workplace adjustments are agreed with employers so that the job fits the person.",
    "Training covers vocational skills as well as communication, teamwork and problem solving.",
]
RESULTS = [
    "Most participants moved into employment, an apprenticeship or further education.",
    "Employers who took part once tended to offer places again.",
    "Participants reported more confidence and clearer plans for their working life.",
    "The approach was taken up by neighbouring municipalities.",
    "Fewer participants dropped out than in earlier, classroom-based courses.",
    "Recognised qualifications opened better-paid jobs for many participants.",
]
SUCCESS_FACTORS = [
    "One named contact person for each participant and each employer.",
    "Close cooperation between employment, education and social services.",
    "Flexible timing that fits participants' lives.",
    "Employers involved in designing the training.",
    "Staff who spend their time at workplaces rather than in offices.",
]
CHALLENGES = [
    "Reaching people who are not registered with any service took longer than planned.",
    "Short project funding made it hard to keep experienced staff.",
    "Small employers had little time to take part; a simpler agreement helped.",
    "Transport to training sites was a barrier in rural areas.",
    "Participants with weak literacy needed more time than the course allowed.",
]
TRANSFERABILITY = [
    "Needs a partnership of employment services, training providers and employers.",
    "Can be adapted by any region with an adult education provider and willing employers.",
    "Requires funding for staff time more than for equipment.",
    "Works best where employers are organised in local networks.",
]
RESOURCES = [
    "A coordinator, advisers or coaches, and training rooms provided by partners.",
    "Trainers, mentors and a budget for travel and workplace adjustments.",
    "Staff time from the partners and modest funding for materials.",
]
KEY_LESSONS = [
    "Start from what people can do.",
    "Place first, then train.",
    "Employers listen to employers.",
    "Meet people where they already are.",
    "Support does not stop on the first day of the job.",
    "Small steps, measured often.",
]


def synthetic_slug(number: int) -> str:
    return f"{SYNTHETIC_PREFIX}{number:06d}"


def synthetic_title_parts(number: int):
    """(adjective, (activity, theme slug), (audience, target group slug), suffix) for a practice.

    The resulting title is unique for the practice's lead organisation, so the unique constraint
    holds: practices share a lead organisation exactly when their numbers are congruent modulo
    the organisation count (see build_synthetic_practice), so they differ in `rank`; scrambling
    the rank with a multiplier coprime to TITLE_SPACE keeps it one-to-one, and a counter
    separates the wrap-arounds beyond TITLE_SPACE ranks (over a million practices).
    """
    rank, residue = divmod(number, SYNTHETIC_ORGANISATIONS)
    t = (rank * 1031 + residue * 7) % TITLE_SPACE
    adjective = ADJECTIVES[t % len(ADJECTIVES)]
    activity = ACTIVITIES[(t // len(ADJECTIVES)) % len(ACTIVITIES)]
    audience = AUDIENCES[t // (len(ADJECTIVES) * len(ACTIVITIES))]
    suffix = f" ({rank // TITLE_SPACE + 1})" if rank >= TITLE_SPACE else ""
    return adjective, activity, audience, suffix


def ensure_synthetic_regions_and_organisations():
    """The synthetic regions and organisations, created where missing; returns the organisations
    as (pk, name, region pk, region name) tuples in their fixed order."""
    existing_regions = set(
        Region.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True)
    )
    regions = []
    for index in range(SYNTHETIC_REGIONS):
        root, country = REGION_ROOTS[index // len(REGION_PREFIXES)]
        regions.append(
            Region(
                slug=f"{SYNTHETIC_PREFIX}region-{index + 1:03d}",
                name=f"{REGION_PREFIXES[index % len(REGION_PREFIXES)]} {root}",
                country=country,
                description="A generated region for scale testing; it does not exist.",
            )
        )
    Region.objects.bulk_create([r for r in regions if r.slug not in existing_regions])
    region_ids = dict(
        Region.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", "pk")
    )

    existing_organisations = set(
        Organisation.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list(
            "slug", flat=True
        )
    )
    organisations = []
    for index in range(SYNTHETIC_ORGANISATIONS):
        region_index = index % SYNTHETIC_REGIONS
        region = regions[region_index]
        template, kind = ORGANISATION_TEMPLATES[
            (2 * (index // SYNTHETIC_REGIONS) + region_index % 2) % len(ORGANISATION_TEMPLATES)
        ]
        organisations.append(
            Organisation(
                slug=f"{SYNTHETIC_PREFIX}org-{index + 1:04d}",
                name=template.format(region=region.name),
                kind=kind,
                region_id=region_ids[region.slug],
            )
        )
    Organisation.objects.bulk_create(
        [o for o in organisations if o.slug not in existing_organisations]
    )
    organisation_ids = dict(
        Organisation.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", "pk")
    )
    return [
        (organisation_ids[o.slug], o.name, o.region_id, regions[i % SYNTHETIC_REGIONS].name)
        for i, o in enumerate(organisations)
    ]


def ensure_synthetic_practices(count: int, timings: dict | None = None) -> int:
    """Make sure synthetic-000001 … synthetic-<count> exist; returns how many were created.

    Rows go in as plain tuples, in batches (COPY on PostgreSQL, executemany on SQLite): no model
    instances, no per-row query or validation; the database's constraints still check every row.
    The search vectors of each batch are then refreshed with one set-based INSERT.
    `timings`, if given, receives the seconds spent per phase.
    """
    if connection.vendor != "sqlite":
        return _ensure_synthetic_practices(count, timings)
    # A bigger page cache while loading keeps the indexes' pages in memory (about three times
    # faster on a file database); the connection gets its own setting back afterwards.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")  # in KiB: 256 MiB
    try:
        return _ensure_synthetic_practices(count, timings)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _ensure_synthetic_practices(count, timings):
    timings = {} if timings is None else timings
    clock = Stopwatch(timings)
    organisations = ensure_synthetic_regions_and_organisations()
    region_ids = sorted({o[2] for o in organisations})
    vocabularies = {
        "target_groups": dict(TargetGroup.objects.order_by("slug").values_list("slug", "pk")),
        "themes": dict(Theme.objects.order_by("slug").values_list("slug", "pk")),
        "funding_sources": dict(FundingSource.objects.order_by("slug").values_list("slug", "pk")),
    }
    if not (vocabularies["target_groups"] and vocabularies["themes"]):
        raise CommandError("There are no target groups or themes: run `manage.py migrate` first.")
    existing = set(
        Practice.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True)
    )
    missing = [n for n in range(1, count + 1) if synthetic_slug(n) not in existing]
    if not missing:
        return 0
    table = StagedPracticeTable() if StagedPracticeTable.usable() else PracticeTable()
    clock.lap("setup")

    def build_batch(numbers):
        practices, links = [], {name: [] for name in LINK_FIELDS}
        for number in numbers:
            values, relations = build_synthetic_practice(
                number, organisations, region_ids, vocabularies
            )
            practices.append(values)
            for name, ids in relations.items():
                links[name].append(ids)
        return practices, links

    # The next batch is generated in a thread while the database stores the current one.
    with ThreadPoolExecutor(max_workers=1) as generator:
        batches = list(batched(missing, BATCH_SIZE))
        upcoming = generator.submit(build_batch, batches[0])
        for index in range(len(batches)):
            practices, links = upcoming.result()
            if index + 1 < len(batches):
                upcoming = generator.submit(build_batch, batches[index + 1])
            clock.lap("waiting for the generator")
            store_batch(table, practices, links, clock)
    return len(missing)


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
        return connection.vendor == "postgresql"

    def __init__(self):
        super().__init__(with_ids=True)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        # The insert trigger computes each practice's search row (migration 0011).
        self.copy_back = (
            f"INSERT INTO {quote(self.table)} ({columns}) "  # noqa: S608
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


def build_synthetic_practice(number, organisations, region_ids, vocabularies):
    """Practice `number` and the ids of its relations; depends on nothing but the number."""
    rng = random.Random(SYNTHETIC_SEED * 10_000_019 + number)
    # 119 is coprime to the 600 organisations: numbers share a lead exactly when congruent.
    lead_id, lead_name, lead_region_id, region_name = organisations[
        (number * 119) % len(organisations)
    ]
    adjective, (activity, theme_slug), (audience, group_slug), suffix = synthetic_title_parts(
        number
    )
    title = f"{adjective} {activity} for {audience} in {region_name}{suffix}"

    target_groups = pick_with(
        rng, vocabularies["target_groups"], group_slug, extra=1 if rng.random() < 0.7 else 0
    )
    themes = pick_with(rng, vocabularies["themes"], theme_slug, extra=2)
    funding = rng.sample(
        list(vocabularies["funding_sources"].values()),
        k=min(rng.choice((0, 1, 1, 2)), len(vocabularies["funding_sources"])),
    )
    regions = [lead_region_id] + [
        r for r in rng.sample(region_ids, k=rng.choice((0, 0, 1, 2))) if r != lead_region_id
    ]
    partners = [
        o[0] for o in rng.sample(organisations, k=rng.choice((0, 1, 1, 2))) if o[0] != lead_id
    ]

    start_year = rng.randint(*SYNTHETIC_YEARS)
    end_year = None
    if start_year < SYNTHETIC_YEARS[1] and rng.random() < 0.45:
        end_year = min(start_year + rng.randint(1, 6), SYNTHETIC_YEARS[1])

    roll = rng.random()
    status = (
        "published"
        if roll < 0.90
        else "draft"
        if roll < 0.96
        else "submitted"
        if roll < 0.98
        else "archived"
    )
    moment = SYNTHETIC_EPOCH - datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
    published = status in ("published", "archived")

    fill = {"activity": activity, "region": region_name}
    first, second, third = (s.format(**fill) for s in rng.sample(DESCRIPTION_SENTENCES, k=3))
    description = f"{first} {second}\n\n{third}"
    values = {
        "slug": synthetic_slug(number),
        "title": title,
        "summary": (
            f"{lead_name} offers a {activity} for {audience} in {region_name}. "
            f"{rng.choice(SUMMARY_TAILS)}"
        )[:500],
        "description": description,
        "lead_organisation_id": lead_id,
        "kind": rng.choice(KINDS),
        "level": rng.choice(LEVELS),
        "start_year": start_year,
        "end_year": end_year,
        "resources": rng.choice(RESOURCES),
        "results": rng.choice(RESULTS),
        "success_factors": rng.choice(SUCCESS_FACTORS),
        "challenges": rng.choice(CHALLENGES),
        "evidence_level": rng.choice(EVIDENCE_LEVELS),
        "transferability": rng.choice(TRANSFERABILITY),
        "key_lesson": rng.choice(KEY_LESSONS),
        "status": status,
        "published_at": moment if published else None,
        "submitted_at": moment if status == "submitted" else None,
        "last_reviewed_on": moment.date() if published else None,
    }
    relations = {
        "regions": regions,
        "partner_organisations": partners,
        "target_groups": target_groups,
        "themes": themes,
        "funding_sources": funding,
    }
    return values, relations


def pick_with(rng, vocabulary, slug, extra):
    """The term `slug` (if it exists) plus `extra` other random terms of the vocabulary."""
    ids = list(vocabulary.values())
    first = vocabulary.get(slug) or rng.choice(ids)
    others = [i for i in ids if i != first]
    return [first, *rng.sample(others, k=min(extra, len(others)))]


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
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )


def analyze():
    """Fresh planner statistics after a bulk load, so the filters' query plans fit the data."""
    tables = [Practice._meta.db_table, Region._meta.db_table, Organisation._meta.db_table]
    tables += [
        Practice._meta.get_field(name).remote_field.through._meta.db_table for name in LINK_FIELDS
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
