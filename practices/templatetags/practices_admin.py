"""What the admin index shows above the apps: the review queue for editors; for members, their
practices by state (practices/workflow/overview.py)."""

from django import template
from django.urls import reverse
from django.utils.translation import ngettext, ngettext_lazy

from ..models import Practice
from ..workflow import overview, roles

register = template.Library()

# The admin home's lines for a member: state, the changelist filter it links to, the label
# (its number goes in as "count", which also chooses the plural form).
_MEMBER_LINES = [
    ("drafts", "review=drafts", ngettext_lazy("%(count)d draft", "%(count)d drafts", "count")),
    (
        "waiting",
        "status__exact=submitted",
        ngettext_lazy(
            "%(count)d practice waiting for review",
            "%(count)d practices waiting for review",
            "count",
        ),
    ),
    (
        "changes_requested",
        "review=changes",
        ngettext_lazy(
            "%(count)d practice with changes requested",
            "%(count)d practices with changes requested",
            "count",
        ),
    ),
    (
        "published",
        "status__exact=published",
        ngettext_lazy("%(count)d published practice", "%(count)d published practices", "count"),
    ),
    (
        "archived",
        "status__exact=archived",
        ngettext_lazy("%(count)d archived practice", "%(count)d archived practices", "count"),
    ),
]


@register.simple_tag(takes_context=True)
def practice_work_summary(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return None
    changelist = reverse("admin:practices_practice_changelist")
    if roles.is_editor(user):
        return {
            "waiting": Practice.objects.filter(status=Practice.Status.SUBMITTED).count(),
            "queue_url": reverse("admin:practices_practice_review_queue"),
        }
    if not user.has_perm("practices.view_practice"):
        return None
    counts = overview.practice_counts(user)
    lines = [
        {
            "state": state,
            "count": counts[state],
            "label": label % {"count": counts[state]},
            "url": f"{changelist}?{query}",
        }
        for state, query, label in _MEMBER_LINES
    ]
    proposals = overview.pending_proposals(user)
    if proposals is not None:
        lines.append(
            {
                "state": "proposals",
                "count": proposals,
                "label": ngettext(
                    "%(count)d proposed change waiting for review",
                    "%(count)d proposed changes waiting for review",
                    proposals,
                )
                % {"count": proposals},
                "url": "",
            }
        )
    total = sum(counts.values())
    return {
        "member": True,
        "lines": lines,
        "total": total,
        "changes": overview.changes_requested(user) if counts["changes_requested"] else [],
        "more_changes": max(counts["changes_requested"] - 5, 0),
        "changes_url": f"{changelist}?review=changes",
        "add_url": reverse("admin:practices_practice_add")
        if user.has_perm("practices.add_practice") and roles.organisation_ids(user)
        else "",
    }
