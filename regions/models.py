import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override as translation_override
from django_countries import countries
from django_countries.fields import CountryField


def country_name(code: str) -> str:
    """The name of an ISO 3166 code in the active language (the code itself if unknown): the one
    source for the pages, the filters and the CSV. Remembered, as django-countries is slow."""
    return _country_name(code, get_language())


@functools.lru_cache(maxsize=1024)
def _country_name(code, language):  # the language is part of the key: names are translated
    return str(countries.name(code)) or code


# Each European country's name in its own language(s), beside the English one, so that a search
# for "España" or "Sverige" finds the practices there (the search's country names, migration
# practices/0016).
ENDONYMS = {
    "AD": "Andorra",
    "AL": "Shqipëria",
    "AT": "Österreich",
    "BA": "Bosna i Hercegovina",
    "BE": "België Belgique Belgien",
    "BG": "България Bulgaria",
    "CH": "Schweiz Suisse Svizzera",
    "CY": "Κύπρος Kıbrıs",  # noqa: RUF001 - Turkish dotless i
    "CZ": "Česko Česká republika",
    "DE": "Deutschland",
    "DK": "Danmark",
    "EE": "Eesti",
    "ES": "España Espanya Espainia",
    "FI": "Suomi",
    "FR": "France",
    "GB": "United Kingdom",
    "GR": "Ελλάδα Ellada",
    "HR": "Hrvatska",
    "HU": "Magyarország",
    "IE": "Éire",
    "IS": "Ísland",
    "IT": "Italia",
    "LI": "Liechtenstein",
    "LT": "Lietuva",
    "LU": "Lëtzebuerg Luxembourg",
    "LV": "Latvija",
    "ME": "Crna Gora",
    "MK": "Северна Македонија",
    "MT": "Malta",
    "NL": "Nederland",
    "NO": "Norge Noreg",
    "PL": "Polska",
    "PT": "Portugal",
    "RO": "România",
    "RS": "Srbija Србија",
    "SE": "Sverige",
    "SI": "Slovenija",
    "SK": "Slovensko",
    "TR": "Türkiye",
    "UA": "Україна Ukraina",
    "XK": "Kosova Kosovo",
}


def country_search_names(code: str) -> str:
    """A country's names for the search: English (as django-countries has it), its own, and
    its name in each language of the interface ("Espagne", "Spanien"), so a visitor finds it
    in theirs."""
    names = []
    for language in ("en", *(language for language, _name in settings.LANGUAGES)):
        with translation_override(language):
            names.append(str(countries.name(code)) or code)
    names.insert(1, ENDONYMS.get(code, ""))
    return " ".join(dict.fromkeys(" ".join(names).split())).strip()


# NUTS codes: the country code, then one to three alphanumeric levels (NO06, ES51, SE232).
NUTS_CODE_PATTERN = r"^[A-Z]{2}[A-Z0-9]{1,3}$"


class TimeStampedModel(models.Model):
    """Creation and last-change times; the base of every model with an editorial life.

    It lives here because `regions` is the lowest app: `practices` builds on it, never the reverse.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class RegionQuerySet(models.QuerySet):
    def members(self):
        return self.filter(is_member=True)


class Region(TimeStampedModel):
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("English name as the region uses it, e.g. “Trøndelag”."),
    )
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    country = CountryField(_("country"))
    nuts_code = models.CharField(
        _("NUTS code"),
        max_length=5,
        blank=True,
        default="",
        validators=[
            RegexValidator(
                NUTS_CODE_PATTERN,
                _(
                    "A NUTS code is two capital letters then one to three letters or digits, "
                    "e.g. NO06, ES51 or SE232."
                ),
            )
        ],
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    website = models.URLField(_("website"), blank=True)
    is_member = models.BooleanField(
        _("member of the network"),
        default=False,
        help_text=_("Is this region an EARLALL member?"),
    )
    # Where the maps put the region's point (regions/maps.py): its seat, in WGS 84 degrees.
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Where maps show the region, e.g. its capital: 63.43 for Trondheim."),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("East of Greenwich is positive: 10.40 for Trondheim."),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nuts_code"],
                condition=~Q(nuts_code=""),
                name="region_unique_nuts_code_where_set",
                violation_error_message=_("Another region already has this NUTS code."),
            ),
            models.CheckConstraint(
                condition=Q(nuts_code="") | Q(nuts_code__regex=NUTS_CODE_PATTERN),
                name="region_nuts_code_format",
                violation_error_message=_(
                    "A NUTS code is two capital letters then one to three letters or digits."
                ),
            ),
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="region_unique_name_per_country",
                violation_error_message=_("This country already has a region with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.nuts_code = (self.nuts_code or "").strip().upper()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                gettext("Give both the latitude and the longitude, or neither."),
                code="half_a_location",
            )


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        REGIONAL_AUTHORITY = "regional_authority", _("Regional authority")
        MUNICIPALITY = "municipality", _("Municipality")
        PUBLIC_EMPLOYMENT_SERVICE = "public_employment_service", _("Public employment service")
        ASSOCIATION = "association", _("Association or NGO")
        EDUCATION_PROVIDER = "education_provider", _("Education or training provider")
        EMPLOYER = "employer", _("Employer or social enterprise")
        NETWORK = "network", _("European network")
        OTHER = "other", pgettext_lazy("kind of organisation", "Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("region"),
        help_text=_("Where it is based; empty for Europe-wide networks."),
    )
    website = models.URLField(_("website"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="organisations",
        blank=True,
        verbose_name=_("members"),
        help_text=_("Staff who submit practices on behalf of this organisation."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "region",
                name="organisation_unique_name_per_region",
                violation_error_message=_(
                    "This region already has an organisation with this name."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def country(self):
        return self.region.country if self.region_id else None
