"""What the admin index shows above the apps: the review queue for editors, requests for
changes for members."""

from django import template
from django.urls import reverse

from ..models import Practice
from ..workflow import roles

register = template.Library()


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
    changes = (
        roles.visible_practices(user)
        .filter(status=Practice.Status.DRAFT)
        .exclude(review_comment="")
        .count()
    )
    return {"changes_requested": changes, "changes_url": f"{changelist}?review=changes"}
