"""A practice page's structured data (schema.org JSON-LD), for search engines and harvesters.

The type is `CreativeWork`: a practice page is a documented account of an initiative (what was
done, for whom, where, with what result), and schema.org has no type for a policy practice.
`Project` would name the initiative itself, but it is still a pending type that search engines
do not read; `CreativeWork` is core, so `spatialCoverage` (the regions), `about` (the target
groups and themes as `DefinedTerm`s), `creator` (the lead organisation), `contributor` (the
partners) and `isBasedOn` (the practice it was adapted from) all apply and are understood.
"""

import json

from django.urls import reverse

SCHEMA = "https://schema.org"


def practice_json_ld(context: dict) -> dict:
    """The JSON-LD of a practice page, from its page context (views.practice_detail_context),
    with the site's own addresses as paths: `absolute` completes them per request."""
    practice = context["practice"]

    def organisation(org):
        return {"@type": "Organization", "name": org.name}

    def term(item, url_name, kind):
        return {
            "@type": "DefinedTerm",
            "name": item.name,
            "url": reverse(url_name, args=[item.slug]),
            "inDefinedTermSet": kind,
        }

    data = {
        "@context": SCHEMA,
        "@type": "CreativeWork",
        "@id": practice.get_absolute_url(),
        "url": practice.get_absolute_url(),
        "name": practice.title,
        "headline": practice.title[:110],
        "description": practice.summary,
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "creator": organisation(practice.lead_organisation),
        "contributor": [organisation(org) for org in context["partners"]],
        "spatialCoverage": [
            {
                "@type": "Place",
                "name": region.name,
                "address": {"@type": "PostalAddress", "addressCountry": region.country.code},
                "url": region.get_absolute_url(),
            }
            for region in context["regions"]
        ],
        "about": [
            *(term(t, "practices:target_group", "Target groups") for t in context["target_groups"]),
            *(term(t, "practices:theme", "Themes") for t in context["themes"]),
        ],
        "keywords": [t.name for t in context["funding_sources"]],
        "publisher": {"@type": "Organization", "name": "EARLALL", "url": "https://www.earlall.eu/"},
    }
    if practice.original_title:
        data["alternateName"] = practice.original_title
    if practice.published_at:
        data["datePublished"] = practice.published_at.date().isoformat()
    if practice.last_reviewed_on:
        data["dateModified"] = practice.last_reviewed_on.isoformat()
    if practice.start_year:
        end = practice.end_year or ""
        data["temporalCoverage"] = f"{practice.start_year}/{end or '..'}"
    if context["adapted_from"]:
        data["isBasedOn"] = context["adapted_from"].get_absolute_url()
    return {key: value for key, value in data.items() if value not in ([], "")}


def absolute(data, base: str):
    """`data` with the site's own paths made addresses on `base` (`https://host`)."""
    if isinstance(data, dict):
        return {key: absolute(value, base) for key, value in data.items()}
    if isinstance(data, list):
        return [absolute(value, base) for value in data]
    if isinstance(data, str) and data.startswith("/"):
        return base + data
    return data


def script_text(data) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped, as
    django's json_script does, so no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
