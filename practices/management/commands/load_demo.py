"""`manage.py load_demo`: the demo catalogue.

The demo content is plain data in `practices/demo_data.py`. Loading it is idempotent: rows are
found by slug and written only where they differ, so a second run changes nothing (no new
history records, no new `updated_at`). The synthetic catalogue for scale work is the
benchmark's: `bench/load_synthetic.py`.
"""

import datetime
import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.signals import post_save

from practices import demo_data
from practices.database import analyze_catalogue
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

# The practice's many-to-many relations, each read in one query for all the demo practices.
LINK_FIELDS = [field.name for field in Practice._meta.many_to_many]


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (regions, organisations and practices; running it again changes "
        "nothing). For thousands of generated practices, see bench/load_synthetic.py."
    )

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        with transaction.atomic():
            tallies = load_demo_content()
        if any(tally.created or tally.updated for tally in tallies.values()):
            analyze_catalogue(vacuum=True)  # plans fit the new rows at once
        if verbosity >= 1:
            for name, tally in tallies.items():
                self.stdout.write(f"{name}: {tally}")
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s.")
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
    """Create or update the demo rows; returns what happened per model. Call in a transaction.

    Each model's existing demo rows are read in one query (and the practices' relations in one
    query per relation), so a run that changes nothing costs a handful of queries.
    """
    tallies = {"Regions": Tally(), "Organisations": Tally(), "Practices": Tally()}
    regions = load_demo_regions(tallies["Regions"])
    organisations = load_demo_organisations(regions, tallies["Organisations"])
    practices = load_demo_practices(regions, organisations, tallies["Practices"])
    Practice.objects.filter(pk__in=[p.pk for p in practices.values()]).refresh_search_vectors()
    return tallies


def load_demo_regions(tally: Tally) -> dict[str, Region]:
    existing = Region.objects.in_bulk([e["slug"] for e in demo_data.REGIONS], field_name="slug")
    regions = {}
    for entry in demo_data.REGIONS:
        values = {key: entry.get(key, "") for key in ("name", "country", "nuts_code", "website")}
        values["description"] = entry.get("description", "")
        values["is_member"] = entry.get("is_member", False)
        values["latitude"] = entry.get("latitude")
        values["longitude"] = entry.get("longitude")
        region, created, changed = upsert(Region, entry["slug"], values, existing)
        tally.count(created, changed)
        regions[entry["slug"]] = region
    return regions


def load_demo_organisations(regions, tally: Tally) -> dict[str, Organisation]:
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
        tally.count(created, changed)
        organisations[entry["slug"]] = organisation
    return organisations


def load_demo_practices(regions, organisations, tally: Tally) -> dict[str, Practice]:
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
        tally.count(created, changed)
        practices[entry["slug"]] = practice
    return practices


def load_demo_practice(entry, regions, organisations, vocabularies, loaded, existing):
    slug = entry["slug"]
    unknown = set(entry) - PRACTICE_KEYS
    if unknown:
        raise CommandError(f"Demo practice {slug!r}: unknown keys {sorted(unknown)}.")
    values = {
        name: entry.get(name, Practice._meta.get_field(name).get_default())
        for name in PRACTICE_FIELDS
    }
    [lead] = pick(entry, organisations, [entry["lead"]], "organisation")
    values["lead_organisation_id"] = lead.pk
    values["adapted_from_id"] = (
        pick(entry, loaded, [entry["adapted_from"]], "earlier practice")[0].pk
        if entry.get("adapted_from")
        else None
    )
    values["published_at"] = at_demo_time(entry.get("published_on"))
    values["submitted_at"] = at_demo_time(entry.get("submitted_on"))

    # History: one record with the final state, relations included, rather than one per step
    # (simple-history would record every save and every many-to-many change separately).
    practice, created, changed = upsert(Practice, slug, values, existing, history=False)
    changed |= sync_demo_relations(practice, entry, regions, organisations, vocabularies)
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


def sync_demo_relations(practice, entry, regions, organisations, vocabularies) -> bool:
    """The practice's relations, references and identifiers as the entry has them; whether any
    of them changed."""
    relations = {
        practice.partner_organisations: [
            o.pk for o in pick(entry, organisations, entry.get("partners", []), "organisation")
        ],
        practice.regions: [r.pk for r in pick(entry, regions, entry.get("regions", []), "region")],
        practice.target_groups: pick(
            entry, vocabularies["target group"], entry.get("target_groups", []), "target group"
        ),
        practice.themes: pick(entry, vocabularies["theme"], entry.get("themes", []), "theme"),
        practice.funding_sources: pick(
            entry, vocabularies["funding source"], entry.get("funding", []), "funding source"
        ),
    }
    changed = False
    for manager, wanted in relations.items():
        changed |= sync_m2m(manager, wanted)
    changed |= sync_children(
        practice, "references", ("title", "url", "date"), entry.get("references", [])
    )
    changed |= sync_children(
        practice, "identifiers", ("scheme", "value"), entry.get("identifiers", [])
    )
    return changed


def pick(entry, mapping, keys, what):
    """The rows a demo practice names, or a clear error naming the practice and the key."""
    try:
        return [mapping[key] for key in keys]
    except KeyError as error:
        raise CommandError(
            f"Demo practice {entry['slug']!r}: unknown {what} {error.args[0]!r} "
            "(are the migrations applied?)."
        ) from None


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
