"""The synthetic catalogue the benchmark runs on: practices generated from their number alone.

`load(N)` makes sure practices synthetic-000001 … synthetic-N exist, creating only the missing
ones, with 150 fictional regions and 600 organisations; it never deletes any. A practice's
content depends only on its number (a seeded random generator), so two databases loaded to the
same N hold the same practices. Rows are written in bulk (`bench.bulk`), and the facet counts
rebuilt once at the end rather than once per batch. Run it with `bench/load_synthetic.py`.
"""

import datetime
import random
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import batched

from django.db import connection, transaction

from bench.bulk import (
    LINK_FIELDS,
    PracticeTable,
    StagedPracticeTable,
    Stopwatch,
    analyze,
    store_batch,
)
from practices.browse import facet_counts
from practices.browse.search import fts_deferred
from practices.database import is_postgresql
from practices.models import FundingSource, Practice, TargetGroup, Theme
from regions.models import Organisation, Region

SYNTHETIC_PREFIX = "synthetic-"
SYNTHETIC_SEED = 20260212
# Dates are spread back from a fixed day, so a practice's content depends only on its number.
SYNTHETIC_EPOCH = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=datetime.UTC)
SYNTHETIC_YEARS = (2005, 2026)
BATCH_SIZE = 5000

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
    regions = _ensure_synthetic(Region, synthetic_regions())
    region_ids = dict(
        Region.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", "pk")
    )
    organisations = _ensure_synthetic(Organisation, synthetic_organisations(regions, region_ids))
    organisation_ids = dict(
        Organisation.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", "pk")
    )
    return [
        (organisation_ids[o.slug], o.name, o.region_id, regions[i % SYNTHETIC_REGIONS].name)
        for i, o in enumerate(organisations)
    ]


def _ensure_synthetic(model, objects: list) -> list:
    """Create those of `objects` whose slug is not taken yet; returns them all, in order."""
    existing = set(
        model.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True)
    )
    model.objects.bulk_create([o for o in objects if o.slug not in existing])
    return objects


def synthetic_regions() -> list[Region]:
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
    return regions


def synthetic_organisations(regions: list[Region], region_ids: dict[str, int]):
    """Four organisations per region, from eight templates (alternating halves by region)."""
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
    return organisations


class NotReady(Exception):
    """The database lacks what the synthetic practices refer to (its migrations' vocabularies)."""


def load(count: int, timings: dict | None = None) -> tuple[int, int]:
    """Make sure synthetic-000001 … synthetic-<count> exist, in one transaction; returns how many
    were created and how many exist. `timings`, if given, receives the seconds per phase."""
    timings = {} if timings is None else timings
    with transaction.atomic():
        # The facet counts are rebuilt once at the end, not once per inserted batch.
        with facet_counts.deferred(), fts_deferred():
            created = ensure_synthetic_practices(count, timings)
            deferred_until = time.monotonic()
        timings["facet counts"] = time.monotonic() - deferred_until
        committing = time.monotonic()
    timings["commit"] = time.monotonic() - committing
    if created and is_postgresql():
        analyze()  # outside the load's transaction: with VACUUM, index-only scans work at once
        timings["analyze"] = time.monotonic() - committing - timings["commit"]
    existing = Practice.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
    return created, existing


def ensure_synthetic_practices(count: int, timings: dict | None = None) -> int:
    """Make sure synthetic-000001 … synthetic-<count> exist; returns how many were created.

    Rows go in as plain tuples, in batches (COPY on PostgreSQL, executemany on SQLite): no model
    instances, no per-row query or validation; the database's constraints still check every row.
    The search vectors of each batch are then refreshed with one set-based INSERT.
    `timings`, if given, receives the seconds spent per phase.
    """
    if connection.vendor != "sqlite":
        return _ensure_synthetic_practices(count, timings)
    # A bigger page cache while loading keeps the indexes' pages in memory; the connection gets
    # its own setting back afterwards.
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
        raise NotReady("There are no target groups or themes: run `manage.py migrate` first.")
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


def build_synthetic_practice(number, organisations, region_ids, vocabularies):
    """Practice `number` and the ids of its relations; depends on nothing but the number.

    The parts below draw from one random generator, seeded by the number, in a fixed order:
    change the order and every synthetic practice changes.
    """
    rng = random.Random(SYNTHETIC_SEED * 10_000_019 + number)
    # 119 is coprime to the 600 organisations: numbers share a lead exactly when congruent.
    lead = organisations[(number * 119) % len(organisations)]
    adjective, (activity, theme_slug), (audience, group_slug), suffix = synthetic_title_parts(
        number
    )
    relations = _synthetic_relations(
        rng, lead, organisations, region_ids, vocabularies, group_slug, theme_slug
    )
    values = {
        "slug": synthetic_slug(number),
        "title": f"{adjective} {activity} for {audience} in {lead[3]}{suffix}",
        "lead_organisation_id": lead[0],
        **_synthetic_timeline(rng),
        **_synthetic_texts(rng, lead, activity, audience),
    }
    return values, relations


def _synthetic_relations(rng, lead, organisations, region_ids, vocabularies, group, theme):
    """Its target group and theme (those of its title) and a few more, funding, regions (the
    lead organisation's first) and partners."""
    lead_id, _name, lead_region_id, _region_name = lead
    target_groups = pick_with(
        rng, vocabularies["target_groups"], group, extra=1 if rng.random() < 0.7 else 0
    )
    themes = pick_with(rng, vocabularies["themes"], theme, extra=2)
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
    return {
        "regions": regions,
        "partner_organisations": partners,
        "target_groups": target_groups,
        "themes": themes,
        "funding_sources": funding,
    }


def _synthetic_timeline(rng) -> dict:
    """Its years, and where it is in the review workflow since when."""
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
    return {
        "start_year": start_year,
        "end_year": end_year,
        "status": status,
        "published_at": moment if published else None,
        "submitted_at": moment if status == "submitted" else None,
        "last_reviewed_on": moment.date() if published else None,
    }


def _synthetic_texts(rng, lead, activity, audience) -> dict:
    """What it says, and how it is classified."""
    _id, lead_name, _region_id, region_name = lead
    fill = {"activity": activity, "region": region_name}
    first, second, third = (s.format(**fill) for s in rng.sample(DESCRIPTION_SENTENCES, k=3))
    return {
        "summary": (
            f"{lead_name} offers a {activity} for {audience} in {region_name}. "
            f"{rng.choice(SUMMARY_TAILS)}"
        )[:500],
        "description": f"{first} {second}\n\n{third}",
        "kind": rng.choice(KINDS),
        "level": rng.choice(LEVELS),
        "resources": rng.choice(RESOURCES),
        "results": rng.choice(RESULTS),
        "success_factors": rng.choice(SUCCESS_FACTORS),
        "challenges": rng.choice(CHALLENGES),
        "evidence_level": rng.choice(EVIDENCE_LEVELS),
        "transferability": rng.choice(TRANSFERABILITY),
        "key_lesson": rng.choice(KEY_LESSONS),
    }


def pick_with(rng, vocabulary, slug, extra):
    """The term `slug` (if it exists) plus `extra` other random terms of the vocabulary."""
    ids = list(vocabulary.values())
    first = vocabulary.get(slug) or rng.choice(ids)
    others = [i for i in ids if i != first]
    return [first, *rng.sample(others, k=min(extra, len(others)))]
