"""The vocabularies' names and descriptions in every language (django-modeltranslation).

modeltranslation rather than django-parler: the translations are columns of the vocabulary's own
table (`name_es`, `name_eu`, ...), so the list's cards, the facets and the search read a term's
name in the visitor's language from the row they already read, with no join per language.
Editors edit them in the admin, beside the English name; a missing one falls back to English.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname

from .models import FundingSource, TargetGroup, Theme


@register(TargetGroup)
@register(Theme)
@register(FundingSource)
class VocabularyTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)  # the English name; the others fall back to it


def in_language(field: str = "name"):
    """SQL for a vocabulary's `field` in the active language, the English one where it has
    none: for queries that read names in bulk (the facets' vocabularies, the cards' JSON)."""
    return Coalesce(
        NullIf(F(build_localized_fieldname(field, get_language())), Value("")), F(field)
    )
