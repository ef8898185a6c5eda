"""The filter panel as a person sees it: the facets' checkboxes, the chips of the active filters
and the sort menu, and the filters in a few words (an overview's title, a feed's). Rendering
only: the counts come from facets.py."""

from dataclasses import dataclass
from html import escape  # as django.utils.html.escape, without its lazy-string checks
from itertools import groupby

from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from .facets import FacetOption
from .filters import SORT_CHOICES, PracticeFilter, shorten
from .vocabularies import FACET_LABELS, FACETS


class _Counts(dict):
    """An option's number of practices as the panel writes it, worked out once per number."""

    def __missing__(self, count: int) -> str:
        # Translators: an option's number of practices in the filter panel; the words in the
        # span are for screen readers only.
        text = ngettext(
            '%(count)s<span class="visually-hidden"> practice</span>',
            '%(count)s<span class="visually-hidden"> practices</span>',
            count,
        ) % {"count": count}
        self[count] = text
        return text


def _option_html(name: str, option: FacetOption, counts: _Counts) -> str:
    value = escape(option.value)
    element_id = f"f-{escape(name)}-{value}"
    empty = " is-empty" if option.disabled else ""
    checked = " checked" if option.selected else ""
    disabled = " disabled" if option.disabled else ""
    return (
        f'<li class="facet__option{empty}"><input type="checkbox" id="{element_id}" '
        f'name="{escape(name)}" value="{value}" form="practice-filters"{checked}{disabled}>'
        f'<label for="{element_id}">{escape(str(option.label))} <span class="count">'
        f"{counts[option.count]}</span></label></li>"
    )


def _options_html(name: str, options, counts: _Counts) -> str:
    items = "\n".join(_option_html(name, option, counts) for option in options)
    return f'<ul class="facet__options">\n{items}\n</ul>'


def render_facet_panel(facets) -> str:
    """The filter panel's facets as HTML: a <details> per facet, a checkbox per option, regions
    grouped by country. Built here rather than by a template loop: a region facet alone has
    hundreds of options, which a template renders far more slowly."""
    parts = []
    counts = _Counts()
    for facet in facets:
        chosen = facet.selected_count
        label = escape(str(facet.label))
        if facet.name == "region":
            groups = []
            for country, options in groupby(facet.options, key=lambda o: o.group):
                groups.append(
                    f'<fieldset class="facet__group">\n<legend>{escape(country)}</legend>\n'
                    f"{_options_html(facet.name, options, counts)}\n</fieldset>"
                )
            body = "\n".join(groups)
        else:
            body = _options_html(facet.name, facet.options, counts)
        badge = ""
        if chosen:
            # Translators: how many options of a filter are ticked, beside its heading.
            chosen_text = ngettext("%(count)s chosen", "%(count)s chosen", chosen)
            badge = f' <span class="facet__chosen">{chosen_text % {"count": chosen}}</span>'
        parts.append(
            f'<details class="facet"{" open" if chosen else ""}>\n'
            f"<summary>{label}{badge}</summary>\n"
            f'<fieldset class="facet__body">\n'
            f'<legend class="visually-hidden">{label}</legend>\n{body}\n</fieldset>\n</details>'
        )
    return mark_safe("\n".join(parts))  # noqa: S308 - every value above is escaped


@dataclass
class Chip:
    """An active filter, shown as a removable chip: `query` is the page without it."""

    name: str  # the parameter
    label: str
    value: str
    query: str


def filter_chips(filterset: PracticeFilter, facets, hidden=()) -> list[Chip]:
    """One chip per active filter value, with the query string that removes just that value."""
    params = filterset.query_params(exclude=hidden)
    labels = {
        facet.name: {option.value: option.label for option in facet.options} for facet in facets
    }
    chips = []
    for name, values in params.lists():
        if name == "sort":
            continue
        for value in values:
            rest = params.copy()
            rest.setlist(name, [v for v in values if v != value])
            label, shown = _chip_text(filterset, labels, name, value)
            chips.append(Chip(name, str(label), str(shown), rest.urlencode()))
    return chips


def _chip_text(filterset, labels, name, value) -> tuple[str, str]:
    if name == "q":
        return gettext("Search"), quoted(shorten(value, 60))
    if name == "start_from":
        return (
            pgettext("a filter's chip: the start year", "Started"),
            pgettext("a filter's chip, after “Started:”", "in %(year)s or later") % {"year": value},
        )
    if name == "start_to":
        return (
            pgettext("a filter's chip: the start year", "Started"),
            pgettext("a filter's chip, after “Started:”", "in %(year)s or earlier")
            % {"year": value},
        )
    if name == "organisation":
        return gettext("Organisation"), filterset.organisation_names.get(value, value)
    spec = FACETS[name]
    label = spec.label if spec.chip is None else spec.chip  # "Ongoing", "Kind: Project"
    return label, labels[name].get(value, value)


def quoted(text: str) -> str:
    """What a person typed, in the language's quotation marks: “youth”."""
    # Translators: a search's words, quoted; use your language's quotation marks.
    return pgettext("quoted search", "“%(text)s”") % {"text": text}


def sort_options(filterset) -> dict:
    """The sort menu: its first, empty choice is the default order (relevance when searching,
    else newest), so a new search is ranked by relevance unless another order was picked."""
    searching = bool(filterset.cleaned_data.get("q"))
    default = "relevance" if searching else "newest"
    labels = dict(SORT_CHOICES)
    choices = [("", labels[default])] + [
        (value, label)
        for value, label in SORT_CHOICES
        if value != default and (searching or value != "relevance")
    ]
    current = filterset.sort_order
    return {"sort_choices": choices, "sort_selected": "" if current == default else current}


def list_description(filterset) -> str:
    """ "NEETs, Spain": the filters in use, in the order of the address; "" for none."""
    cleaned = filterset.cleaned_data
    vocabularies = filterset.vocabularies
    names = []
    for name, value in cleaned.items():
        if name in ("sort",) or value in ([], None, ""):
            continue
        if name == "q":
            names.append(quoted(value))
        elif name == "country":
            names.extend(vocabularies.country_names.get(code, code) for code in value)
        elif name in vocabularies.by_slug:
            terms = vocabularies.by_slug[name]
            names.extend(terms[slug].name for slug in value if slug in terms)
        elif name == "organisation":
            names.extend(filterset.organisation_names.get(slug, slug) for slug in value)
        elif name == "start_from":
            # Translators: a list's start years in a few words ("NEETs, Spain, from 2015").
            names.append(pgettext("start years", "from %(year)s") % {"year": value})
        elif name == "start_to":
            names.append(pgettext("start years", "to %(year)s") % {"year": value})
        elif isinstance(value, list):
            choices = dict(filterset.filters[name].extra.get("choices") or ())
            names.extend(str(choices.get(v, v)) for v in value)
        else:
            names.append(f"{FACET_LABELS.get(name, name)} {value}")
    return ", ".join(names)
