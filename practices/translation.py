"""The vocabularies' names and descriptions in every language (django-modeltranslation).

modeltranslation rather than django-parler: the translations are columns of the vocabulary's own
table (`name_es`, `name_eu`, ...), so the list's cards, the facets and the search read a term's
name in the visitor's language from the row they already read, with no join per language.
Editors edit them in the admin, beside the English name; a missing one falls back to English.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import FundingSource, TargetGroup, Theme


@register(TargetGroup)
@register(Theme)
@register(FundingSource)
class VocabularyTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)  # the English name; the others fall back to it
