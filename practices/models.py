from typing import NamedTuple

from django.conf import settings
from django.conf.global_settings import LANGUAGES
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from practices.slug_urls import slug_url
from regions.models import Organisation, Region, TimeStampedModel

from .database import is_postgresql
from .json_rows import json_rows

FIRST_YEAR = 1950
LAST_YEAR = 2100


def this_year() -> int:
    """The year that decides whether a practice is ongoing: today's in the site's time zone
    (TIME_ZONE), one clock for the pages, the filters, the facet counts, the cache and the CSV."""
    return timezone.localdate().year


def ongoing_condition(year: int | None = None) -> Q:
    """A practice is ongoing while it has no end year, or one this year or later."""
    return Q(end_year__isnull=True) | Q(end_year__gte=this_year() if year is None else year)


def is_ongoing(end_year: int | None, year: int | None = None) -> bool:
    """`ongoing_condition` for one end year, in Python."""
    return end_year is None or end_year >= (this_year() if year is None else year)


class Vocabulary(TimeStampedModel):
    """A small, editor-curated list of terms that practices are tagged with."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # `name` and `description` stay the English ones (the CSV, the search and slugs read
        # them): modeltranslation would write the active language's into them.
        with translation.override(settings.LANGUAGE_CODE):
            super().save(*args, **kwargs)


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def get_absolute_url(self):
        return slug_url("practices:target_group", self.slug)


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_absolute_url(self):
        return slug_url("practices:theme", self.slug)


class FundingSource(Vocabulary):
    """Where the money comes from: ESF+, Erasmus+, ALMA, national or regional budgets, own funds.

    A small model rather than choices: programmes come and go with each EU programming period
    and editors add a new one (with its description and website) without a code change or a
    migration; practices are often co-funded, so a practice has several.
    """

    class Scope(models.TextChoices):
        EU = "eu", pgettext_lazy("funding scope", "European Union")
        NATIONAL = "national", pgettext_lazy("funding scope", "National")
        REGIONAL = "regional", pgettext_lazy("funding scope", "Regional or local")
        OWN = "own", pgettext_lazy("funding scope", "Own funds")
        PRIVATE = "private", pgettext_lazy("funding scope", "Private or philanthropic")

    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.EU)
    website = models.URLField(_("website"), blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")


def translated_columns(model, name) -> list[str]:
    """The columns of `model`'s field `name` in the active language and English, where
    modeltranslation gives it a column per language (practices/translation.py)."""
    columns = {f.name for f in model._meta.concrete_fields}
    wanted = (build_localized_fieldname(name, code) for code in (get_language(), "en"))
    return sorted({column for column in wanted if column in columns})


def in_language(field: str = "name", path: str = ""):
    """SQL for a vocabulary's `field` in the active language, the English one where it has
    none (`path`: the lookup to the term, "theme__"): for queries that read names in bulk, the
    facets' vocabularies and the cards' JSON (practices/translation.py has the columns)."""
    localized = build_localized_fieldname(field, get_language())
    return Coalesce(NullIf(F(f"{path}{localized}"), models.Value("")), F(f"{path}{field}"))


def linked_rows(relation, **fields):
    """What the outer practice's many-to-many `relation` links, as one JSON list by name
    (json_rows), read through the relation's table: `fields` maps each key to a field of the
    linked row. A practice card and a practice page both read their terms this way. A
    vocabulary's "name" is the one in the active language (English where it has none), and its
    columns in that language and English come too: modeltranslation reads them on an instance
    made from the row (`from_json_rows`), which would otherwise cost a query per term."""
    field = Practice._meta.get_field(relation)
    column = field.m2m_reverse_field_name()
    lookups = {key: f"{column}__{lookup}" for key, lookup in fields.items()}
    translated = translated_columns(field.related_model, "name") if "name" in fields else []
    if translated:
        lookups["name"] = in_language("name", f"{column}__")
        lookups.update({name: f"{column}__{name}" for name in translated})
    return json_rows(
        getattr(Practice, relation).through.objects.filter(practice=models.OuterRef("pk")),
        order_by=["name"],
        **lookups,
    )


# A practice's own fields in the open data's list (PracticeQuerySet.for_record).
RECORD_FIELDS = (
    "slug",
    "title",
    "original_title",
    "original_language",
    "summary",
    "kind",
    "level",
    "start_year",
    "end_year",
    "evidence_level",
    "published_at",
    "last_reviewed_on",
)


# Addresses under /practices/ that are pages of their own, not practices.
RESERVED_SLUGS = frozenset({"overview"})


def validate_practice_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            gettext("“%(value)s” is the address of a page of the catalogue: choose another."),
            code="reserved",
            params={"value": value},
        )


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)

    def for_list(self):
        """What a practice card shows (templates/includes/practice_results.html), in one query:
        the lead organisation joined, and the names of the practice's regions, target groups and
        themes as JSON lists in its row (`regions_json`, `target_groups_json`, `themes_json`:
        [{"name": ...}] by name). Prefetching them cost three queries, and building a model
        instance per related row cost the page more than the database did. The long texts and
        the search vector stay in the database."""
        return (
            self.select_related("lead_organisation")
            .only(
                "title",
                "slug",
                "summary",
                "kind",
                "start_year",
                "end_year",
                "published_at",
                "lead_organisation__name",
            )
            .annotate(
                regions_json=linked_rows("regions", name="name"),
                target_groups_json=linked_rows("target_groups", name="name"),
                themes_json=linked_rows("themes", name="name"),
            )
        )

    def for_record(self):
        """What the open data's list of practices gives of each (practices/exchange/api.py), in
        one query, as `for_list` does for a card: the lead organisation joined, and each
        relation as a JSON list in the row (`<name>_json`, by name)."""
        term = {"slug": "slug", "name": "name"}
        return (
            self.select_related("lead_organisation")
            .only(*RECORD_FIELDS, "lead_organisation__slug", "lead_organisation__name")
            .annotate(
                regions_json=linked_rows(
                    "regions", **term, country="country", nuts_code="nuts_code"
                ),
                partners_json=linked_rows("partner_organisations", **term),
                target_groups_json=linked_rows("target_groups", **term),
                themes_json=linked_rows("themes", **term),
                funding_sources_json=linked_rows("funding_sources", **term),
            )
        )

    def for_detail(self, related=4):
        """What a practice page shows, in one query: the public page and the admin's preview use
        it, so the preview is what the public will see. Each relation, and the `related`
        practices, come as a JSON list in the practice's row (`<name>_json`, made instances by
        views.practice_detail_context): a query for each cost the page more in Django than in
        the database. Only published practices are listed as origin, adaptations and related."""
        this = models.OuterRef("pk")
        published = Practice.objects.published()

        term = {"id": "id", "name": "name", "slug": "slug"}

        # A linked practice's address, with its lead organisation.
        practice_link = {
            "id": "id",
            "title": "title",
            "slug": "slug",
            "lead_organisation__id": "lead_organisation_id",
            "lead_organisation__name": "lead_organisation__name",
            "lead_organisation__region__id": "lead_organisation__region_id",
            "lead_organisation__region__name": "lead_organisation__region__name",
        }

        # The newest published practices sharing a target group AND a theme with this one (or
        # either, if it has terms of one kind only). The candidates' query walks the newest-first
        # index and stops after `related` rows however large the catalogue. Per candidate, this
        # practice's terms are looked up in the candidate's (an EXISTS inside the EXISTS): a
        # plain EXISTS on the candidate's terms lets PostgreSQL hash every practice sharing a
        # term, tens of thousands, before the walk. From inside the candidates' query, this
        # practice is OuterRef(OuterRef("pk")); from inside its EXISTS, one level further.
        def shares(relation, column):
            through = getattr(Practice, relation).through.objects
            own = through.filter(practice=models.OuterRef(models.OuterRef(this)))
            candidate_has = through.filter(
                practice=models.OuterRef(models.OuterRef("pk")),
                **{column: models.OuterRef(column)},
            )
            shared = own.filter(models.Exists(candidate_has))
            return models.Exists(shared) | ~models.Exists(own), models.Exists(own)

        shares_group, has_groups = shares("target_groups", "targetgroup")
        shares_theme, has_themes = shares("themes", "theme")
        related_ids = (
            published.exclude(pk=models.OuterRef(this))
            .filter(shares_group, shares_theme, has_groups | has_themes)
            .order_by("-published_at", "-pk")
            .values("pk")[:related]
        )

        return self.select_related("lead_organisation__region").annotate(
            regions_json=linked_rows(
                "regions",
                **term,
                country="country",
                nuts_code="nuts_code",
                latitude="latitude",
                longitude="longitude",
            ),
            partners_json=linked_rows(
                "partner_organisations",
                **term,
                region__id="region_id",
                region__name="region__name",
            ),
            target_groups_json=linked_rows("target_groups", **term),
            themes_json=linked_rows("themes", **term),
            funding_sources_json=linked_rows("funding_sources", **term),
            references_json=json_rows(
                PracticeReference.objects.filter(practice=this),
                order_by=["-date", "title"],
                id="id",
                title="title",
                url="url",
                date="date",
            ),
            identifiers_json=json_rows(
                ExternalIdentifier.objects.filter(practice=this),
                order_by=["scheme", "value"],
                id="id",
                scheme="scheme",
                value="value",
            ),
            adapted_from_json=json_rows(
                published.filter(pk=models.OuterRef("adapted_from_id")),
                order_by=[],
                **practice_link,
            ),
            adaptations_json=json_rows(
                published.filter(adapted_from=this),
                order_by=["title"],
                **practice_link,
            ),
            related_json=json_rows(
                Practice.objects.filter(pk__in=related_ids),
                order_by=["-published_at", "-id"],
                published_at="published_at",
                **practice_link,
            ),
        )

    def refresh_search_vectors(self):
        """Recompute the full-text vector of these practices (PostgreSQL only): their rows of
        PracticeSearch, created if missing, with the database's `practices_search_vector`
        (migration 0011: the weights, the unaccenting). Triggers keep the vectors current
        after any write (migration 0012); the services still call this after theirs, which
        costs a fraction of a millisecond a practice and would restore a missing row.
        """
        if not is_postgresql():
            return 0
        ids = list(self.values_list("pk", flat=True))
        if not ids:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(SEARCH_VECTOR_UPSERT_SQL, [ids])
            return cursor.rowcount


SEARCH_CONFIG = "english"

# A practice's row of practices_search, computed by the database: `practices_search_vector(p)`
# (migration 0011) is the vector's one definition, in the SEARCH_CONFIG configuration that
# queries use; triggers fill the row when the practice is inserted and follow its publication.
SEARCH_VECTOR_UPSERT_SQL = (
    "INSERT INTO practices_search (practice_id, vector, published_at) "
    "SELECT p.id, practices_search_vector(p), "
    "CASE WHEN p.status = 'published' THEN p.published_at END "
    "FROM practices_practice AS p WHERE p.id = ANY(%s) "
    "ON CONFLICT (practice_id) DO UPDATE "
    "SET vector = EXCLUDED.vector, published_at = EXCLUDED.published_at"
)


def with_published_practice_count(regions):
    """Regions annotated with `published_practice_count`: drafts are nobody else's business, not
    even as a number (the public regions page and the region admin). It lives here because
    `regions` knows nothing of practices."""
    return regions.annotate(
        published_practice_count=models.Count(
            "practices",
            filter=Q(practices__status=Practice.Status.PUBLISHED),
            distinct=True,
        )
    )


# What submitting (and publishing) needs: each field, with the sentence that asks for it (in
# English; `missing_by_field` gives it in the active language).
SUBMISSION_NEEDS = {
    "summary": gettext_noop("Add a summary: two or three sentences on what the practice does."),
    "description": gettext_noop("Add a description of how the practice works."),
    "kind": gettext_noop("Choose what kind of practice it is (programme, project, ...)."),
    "level": gettext_noop("Choose the level of implementation (local, regional, ...)."),
    "start_year": gettext_noop("Give the year the practice started."),
    "regions": gettext_noop("Add at least one region where the practice runs."),
    "target_groups": gettext_noop("Add at least one target group."),
    "themes": gettext_noop("Add at least one theme."),
    "evidence_level": gettext_noop(
        "Choose how far it has been evaluated (“Not evaluated” is an answer too)."
    ),
}
SUBMISSION_NEEDS_RELATIONS = {"regions", "target_groups", "themes"}


class Practice(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("practice status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("practice status", "Submitted for review")
        PUBLISHED = "published", pgettext_lazy("practice status", "Published")
        ARCHIVED = "archived", pgettext_lazy("practice status", "Archived")

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        PROJECT = "project", _("Project")
        SERVICE = "service", _("Service")
        POLICY = "policy", _("Policy")
        METHOD = "method", _("Method or tool")

    class Level(models.TextChoices):
        LOCAL = "local", pgettext_lazy("level of implementation", "Local")
        REGIONAL = "regional", pgettext_lazy("level of implementation", "Regional")
        NATIONAL = "national", pgettext_lazy("level of implementation", "National")
        CROSS_BORDER = "cross_border", pgettext_lazy("level of implementation", "Cross-border")
        EUROPEAN = "european", pgettext_lazy("level of implementation", "European")

    class EvidenceLevel(models.TextChoices):
        NOT_EVALUATED = "not_evaluated", pgettext_lazy("evidence level", "Not evaluated")
        MONITORED = "monitored", pgettext_lazy("evidence level", "Monitored")
        EVALUATED = "evaluated", pgettext_lazy("evidence level", "Evaluated")
        INDEPENDENTLY_EVALUATED = (
            "independently_evaluated",
            pgettext_lazy("evidence level", "Independently evaluated"),
        )

    title = models.CharField(_("title"), max_length=200)
    original_title = models.CharField(
        _("title in the original language"), max_length=200, blank=True, default=""
    )
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        validators=[validate_practice_slug],
        help_text=_("The address of the practice; it never changes."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=500,
        blank=True,
        default="",
        help_text=_("Plain text, at most 500 characters."),
    )
    description = models.TextField(_("description"), blank=True, default="")

    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_practices",
        verbose_name=_("lead organisation"),
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        related_name="partner_practices",
        blank=True,
        verbose_name=_("partner organisations"),
    )
    regions = models.ManyToManyField(
        Region,
        related_name="practices",
        blank=True,
        verbose_name=_("regions"),
        help_text=_("Where it runs."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="practices", blank=True, verbose_name=_("target groups")
    )
    themes = models.ManyToManyField(
        Theme, related_name="practices", blank=True, verbose_name=_("themes")
    )
    funding_sources = models.ManyToManyField(
        FundingSource, related_name="practices", blank=True, verbose_name=_("funding sources")
    )

    # blank: a draft may leave them unchosen (the admin form offers no default); submitting
    # needs them (SUBMISSION_NEEDS). The defaults serve imports and code that create practices.
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.PROGRAMME, blank=True
    )
    level = models.CharField(
        _("level of implementation"),
        max_length=16,
        choices=Level.choices,
        default=Level.REGIONAL,
        blank=True,
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Leave empty while the practice is ongoing."),
    )
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)

    resources = models.TextField(_("resources and costs"), blank=True, default="")
    results = models.TextField(_("results and outcomes"), blank=True, default="")
    success_factors = models.TextField(_("success factors"), blank=True, default="")
    challenges = models.TextField(
        _("challenges and lessons"),
        blank=True,
        default="",
        help_text=_("What did not work, and what you learnt: failures teach most."),
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=32,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
        blank=True,
    )
    evaluation_note = models.TextField(_("how it was evaluated"), blank=True, default="")
    transferability = models.TextField(
        _("transferability"),
        blank=True,
        default="",
        help_text=_("What another region needs to adopt it."),
    )
    key_lesson = models.CharField(
        _("key lesson"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("A short, quotable principle."),
    )
    adapted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
        verbose_name=_("adapted from"),
        help_text=_("The practice in this catalogue it was transferred from."),
    )

    website = models.URLField(_("website"), blank=True, default="")
    public_contact_email = models.EmailField(
        _("organisation contact e-mail"), blank=True, default="", help_text=_("Shown publicly.")
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True, default="")
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True, default="")
    contact_email_is_public = models.BooleanField(
        _("show the contact person's e-mail publicly"), default=False
    )
    original_language = models.CharField(
        _("language of the original"),
        max_length=8,
        # Django's own catalogues translate the names of the languages.
        choices=[(code, _(name)) for code, name in LANGUAGES],
        default="en",
    )

    status = models.CharField(
        pgettext_lazy("of a practice", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    review_comment = models.TextField(
        _("review comment"),
        blank=True,
        default="",
        help_text=_("The editor's comment when changes were requested."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_practices",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_practices",
        verbose_name=_("submitted by"),
        help_text=_("Who last submitted it for review; told of the editors' decision."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        m2m_fields=[partner_organisations, regions, target_groups, themes, funding_sources],
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "-pk"]
        # Editors hold it (the Editor group, see practices/workflow/roles.py); members do not.
        permissions = [("review_practice", "Can review, publish and archive practices")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="practice_end_not_before_start",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.UniqueConstraint(
                Lower("title"),
                "lead_organisation",
                name="practice_unique_title_per_lead_organisation",
                violation_error_message=_(
                    "This organisation already has a practice with this title."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="practice_published_has_published_at",
                violation_error_message=_("A published practice needs a publication time."),
            ),
        ]
        indexes = [
            # The public list, newest first: WHERE status = 'published' ORDER BY published_at DESC.
            models.Index(
                fields=["status", "-published_at", "-id"], name="practice_status_published_idx"
            ),
            # Sorting the public list by title.
            models.Index(fields=["status", "title"], name="practice_status_title_idx"),
            # Sorting and filtering by start year, and the ongoing/completed filter on end year.
            models.Index(fields=["status", "start_year"], name="practice_status_start_idx"),
            models.Index(fields=["status", "end_year"], name="practice_status_end_idx"),
            # The editors' review queue: WHERE status = 'submitted' ORDER BY submitted_at.
            models.Index(fields=["status", "submitted_at"], name="practice_status_submitted_idx"),
            # The facet counts' base (browse/facets.py): every published practice's id with
            # the single-column facets, read by an index-only scan instead of the wide table.
            # INCLUDE is PostgreSQL's; SQLite makes it a plain partial index on id.
            models.Index(
                fields=["id"],
                include=["kind", "level", "evidence_level", "start_year", "end_year"],
                condition=Q(status="published"),
                name="practice_published_facets_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("practices:detail", self.slug)

    @property
    def is_ongoing(self):
        return is_ongoing(self.end_year)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def visible_contact_email(self):
        """The personal e-mail, only where its owner agreed to publish it."""
        return self.contact_email if self.contact_email_is_public else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = gettext(
                "The end year (%(end)s) cannot be before the start year (%(start)s)."
            ) % {"end": self.end_year, "start": self.start_year}
        if self.start_year and self.start_year > this_year() + 5:
            errors["start_year"] = gettext("The start year is too far in the future.")
        if self.contact_email_is_public and not self.contact_email:
            errors["contact_email"] = gettext(
                "Give the e-mail you agreed to publish, or untick the box."
            )
        if self.adapted_from_id and self.pk and self.adapted_from_id == self.pk:
            errors["adapted_from"] = gettext("A practice cannot be adapted from itself.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Practice, self.title)
        super().save(*args, **kwargs)

    # The workflow. The table is TRANSITIONS below; who may run which transition is decided in
    # practices/workflow/roles.py, and practices/workflow/services.py saves, records and notifies.

    def available_transitions(self) -> list["Transition"]:
        """The transitions the workflow allows from the current status, whoever asks."""
        return [t for t in TRANSITIONS.values() if self.status in t.sources]

    def check_transition(self, name: str) -> "Transition":
        """The named transition, if the current status allows it; TransitionNotAllowed if not."""
        transition = TRANSITIONS.get(name)
        if transition is None:
            raise TransitionNotAllowed(
                gettext("There is no “%(step)s” step in the workflow.") % {"step": name}
            )
        if self.status not in transition.sources:
            allowed = ", ".join(
                str(self.Status(source).label).lower() for source in transition.sources
            )
            raise TransitionNotAllowed(
                # Translators: %(status)s and %(allowed)s are statuses of a practice (“draft”,
                # “submitted for review, published”), in lower case.
                gettext(
                    "“%(step)s” is not possible for a practice that is %(status)s; only for one "
                    "that is %(allowed)s."
                )
                % {
                    "step": transition.label,
                    "status": self.get_status_display().lower(),
                    "allowed": allowed,
                }
            )
        return transition

    def missing_for_submission(self) -> list[str]:
        """What a practice still lacks before review, one plain sentence per gap.

        A draft may be incomplete; submitting and publishing require all of this.
        """
        return list(self.missing_by_field().values())

    def missing_by_field(self, values=None) -> dict[str, str]:
        """`missing_for_submission` keyed by the field that lacks (SUBMISSION_NEEDS' order).

        `values` (field name → value, as a form holds it) stands in for the practice's own
        values where given, so a form can be judged before it is saved.
        """
        values = values or {}
        saved = self.pk is not None

        def filled(name):
            if name in values:
                value = values[name]
            elif name in SUBMISSION_NEEDS_RELATIONS:
                return saved and getattr(self, name).exists()
            else:
                value = getattr(self, name)
            if hasattr(value, "exists"):
                return value.exists()
            if isinstance(value, str):
                return bool(value.strip())
            return value not in (None, [], ())

        return {
            name: gettext(message) for name, message in SUBMISSION_NEEDS.items() if not filled(name)
        }

    def apply_transition(self, name: str, *, by=None, comment: str = "", now=None) -> None:
        """Move to the transition's target status and set its dates, without saving.

        Raises TransitionNotAllowed, IncompletePractice or ValidationError (a missing comment).
        """
        transition = self.check_transition(name)
        comment = comment.strip()
        if transition.needs_comment and not comment:
            raise ValidationError(
                {
                    "review_comment": gettext(
                        "Say what needs to change, so the submitter knows what to do."
                    )
                }
            )
        if transition.checks_completeness:
            missing = self.missing_for_submission()
            if missing:
                raise IncompletePractice(missing)
        now = now or timezone.now()
        self.status = transition.target
        if name == "submit":
            self.submitted_at = now
            self.submitted_by = by
        elif name == "publish":
            # The first publication date stays: re-publishing after a correction or an archive
            # does not make an old practice look new. The review date says it was checked again.
            self.published_at = self.published_at or now
            self.last_reviewed_on = timezone.localdate(now)
            self.review_comment = ""
        elif name == "request_changes":
            self.review_comment = comment


class PracticeSearch(models.Model):
    """A practice's full-text vector, in a narrow table of its own (PostgreSQL; empty on SQLite).

    A search reads the vector of every practice it matches, and ranks them: read from the
    practice's own wide row, that dominated a search's time (README, performance). Triggers
    (migration 0011) keep one row per practice from its insertion on, and `published_at` equal
    to the practice's while it is published and NULL otherwise, whatever writes the practice.
    So the published practices are exactly the rows with a `published_at`, and a search with
    no other filter is answered from this table alone (filters.Selection.searches_alone,
    search.search_rows). The vector follows every write it depends on (the practice's texts,
    its partners and regions, their names), by triggers (migration 0012).
    """

    practice = models.OneToOneField(
        Practice, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    # Written by the database (practices_search_vector), never by the ORM.
    vector = SearchVectorField()
    published_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "practices_search"  # named in triggers and in SEARCH_VECTOR_UPSERT_SQL
        # Not a page of its own: the GIN index on `vector` is PostgreSQL's (migration 0011).
        verbose_name = "practice search vector"

    def __str__(self):
        return f"Search vector of practice {self.practice_id}"


class FtsDocumentField(models.TextField):
    """The hidden column of an FTS5 table that bears the table's name: `match` is its lookup
    (`<alias>.<table> MATCH %s`), and bm25 reads it (browse/search.py)."""


@FtsDocumentField.register_lookup
class FtsMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class PracticeText(models.Model):
    """A practice's words in SQLite's FTS5 table (migration 0016; none on PostgreSQL), kept by
    triggers. A model only so that a search can join it under whatever alias the query gives it
    and rank by bm25 in the same pass (browse/search.py); never written by the ORM."""

    practice = models.OneToOneField(
        Practice,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        related_name="text",
        db_constraint=False,
    )
    document = FtsDocumentField(db_column="practices_search_fts")

    class Meta:
        managed = False
        db_table = "practices_search_fts"

    def __str__(self):
        return f"Words of practice {self.practice_id}"


class TransitionNotAllowed(ValidationError):
    """A status change the workflow does not allow from the current status."""


class IncompletePractice(ValidationError):
    """A practice submitted or published while content is missing; `.messages` lists it."""


class Transition(NamedTuple):
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    # Only users with practices.review_practice (editors) may run it.
    reviewers_only: bool
    needs_comment: bool = False
    checks_completeness: bool = False


# Every status change a practice can make. A member changes a published practice by proposing
# changes (PracticeRevision, practices/workflow/revisions.py): it stays online while they are
# reviewed. An editor can still send a published practice back to draft with a comment
# (request_changes), which takes it off the public site until it is republished.
_S = Practice.Status
TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit",
            # Translators: the steps of the review workflow, as buttons and in messages.
            pgettext_lazy("workflow step", "Submit for review"),
            sources=(_S.DRAFT,),
            target=_S.SUBMITTED,
            reviewers_only=False,
            checks_completeness=True,
        ),
        Transition(
            "withdraw",
            pgettext_lazy("workflow step", "Withdraw from review"),
            sources=(_S.SUBMITTED,),
            target=_S.DRAFT,
            reviewers_only=False,
        ),
        Transition(
            "publish",
            pgettext_lazy("workflow step", "Publish"),
            sources=(_S.SUBMITTED, _S.ARCHIVED),
            target=_S.PUBLISHED,
            reviewers_only=True,
            checks_completeness=True,
        ),
        Transition(
            "request_changes",
            pgettext_lazy("workflow step", "Request changes"),
            sources=(_S.SUBMITTED, _S.PUBLISHED),
            target=_S.DRAFT,
            reviewers_only=True,
            needs_comment=True,
        ),
        Transition(
            "archive",
            pgettext_lazy("workflow step", "Archive"),
            sources=(_S.DRAFT, _S.SUBMITTED, _S.PUBLISHED),
            target=_S.ARCHIVED,
            reviewers_only=True,
        ),
        Transition(
            "reopen",
            pgettext_lazy("workflow step", "Reopen as a draft"),
            sources=(_S.ARCHIVED,),
            target=_S.DRAFT,
            reviewers_only=True,
        ),
    )
}
del _S


def unique_slug(model, text, max_length=200):
    """A slug from `text`, with -2, -3, … appended if it is taken (or names a page of its own)."""
    base = slugify(text)[:max_length].strip("-") or "practice"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class PracticeReference(models.Model):
    """A dated link to a source, an evaluation or material about the practice."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="references",
        verbose_name=_("practice"),
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)

    # Recorded so that deleting and restoring a practice brings its references back.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("practice reference")
        verbose_name_plural = _("practice references")
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title


class ExternalIdentifier(models.Model):
    class Scheme(models.TextChoices):
        ERASMUS_PLUS = "erasmus_plus", _("Erasmus+ project number")
        ESF_PLUS = "esf_plus", _("ESF+ programme code")
        CORDIS = "cordis", _("CORDIS project ID")
        OTHER = "other", pgettext_lazy("identifier scheme", "Other")

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="identifiers",
        verbose_name=_("practice"),
    )
    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    value = models.CharField(_("value"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external identifier")
        verbose_name_plural = _("external identifiers")
        ordering = ["scheme", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "scheme", "value"], name="identifier_unique_per_practice"
            )
        ]

    def __str__(self):
        return f"{self.get_scheme_display()}: {self.value}"


class PracticeRevision(TimeStampedModel):
    """Changes a member proposes to a published practice, kept beside it until an editor
    publishes them (practices/workflow/revisions.py says why they live here and not in
    practices_practice).

    `content` is the practice as proposed and `base` the practice as it was when the proposal
    started, in the same shape (revisions.snapshot): publishing applies what differs between the
    two, so an editor's correction made meanwhile to another field stays.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("proposed changes status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("proposed changes status", "Submitted for review")
        PUBLISHED = "published", pgettext_lazy("proposed changes status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposed changes status", "Withdrawn")

    OPEN = (Status.DRAFT, Status.SUBMITTED)

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("practice")
    )
    status = models.CharField(
        pgettext_lazy("of proposed changes", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    content = models.JSONField()
    base = models.JSONField()
    # Moves with every save of the proposal: its form's mark against overwriting (conflicts.py).
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(
        _("review comment"),
        blank=True,
        default="",
        help_text=_("The editor's comment when changes were requested."),
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            # One proposal at a time per practice: members of one organisation share it.
            models.UniqueConstraint(
                fields=["practice"],
                condition=Q(status__in=["draft", "submitted"]),
                name="practice_revision_one_open_per_practice",
                violation_error_message=_("This practice already has proposed changes open."),
            ),
        ]
        indexes = [
            # The editors' review queue: WHERE status = 'submitted' ORDER BY submitted_at.
            models.Index(fields=["status", "submitted_at"], name="revision_status_submitted_idx"),
        ]

    def __str__(self):
        return gettext("Proposed changes to %(practice)s") % {"practice": self.practice}


# Accounts (invitations) live in their own module; imported here so the app's models see them.
from practices.accounts.models import Invitation  # noqa: E402, F401
