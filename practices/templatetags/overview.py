"""{% picture name heading %}: one picture of the overview in its figure (overview/figure.html)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..browse.views import picture_template

register = template.Library()


@register.simple_tag(takes_context=True)
def picture(context, name, heading):
    overview = context["overview"]
    template_name, picture_context = picture_template(overview, name)
    svg = render_to_string(
        template_name,
        {
            **picture_context,
            "id": name,
            "sprite": context.get("sprite"),
            "list_url": context.get("list_url", ""),
        },
    )
    return render_to_string(
        "overview/figure.html",
        {
            "id": name,
            "heading": heading,
            "svg": mark_safe(svg),  # noqa: S308 - our own template's output, escaped there
            "table": context["tables"][name],
            "list_query": context.get("list_query", ""),
        },
    )
