"""Where a member's practices stand, for the admin home: counts by state, the editors' comments.

Read-only, one query for the counts; the admin's template tag (practices/templatetags/
practices_admin.py) adds the labels and links.
"""

from django.db.models import Count, Q

from ..models import Practice
from . import roles

S = Practice.Status

# Each state a member's practice can be in, as a filter over their practices. A draft with an
# editor's comment is "changes requested", not one of the drafts: the states do not overlap.
STATES = {
    "drafts": Q(status=S.DRAFT, review_comment=""),
    "changes_requested": Q(status=S.DRAFT) & ~Q(review_comment=""),
    "waiting": Q(status=S.SUBMITTED),
    "published": Q(status=S.PUBLISHED),
    "archived": Q(status=S.ARCHIVED),
}


def practice_counts(user) -> dict[str, int]:
    """How many of the user's organisations' practices are in each of STATES."""
    return roles.visible_practices(user).aggregate(
        **{state: Count("pk", filter=condition) for state, condition in STATES.items()}
    )


def changes_requested(user, limit: int = 5):
    """The practices sent back with a comment, most recently changed first."""
    return (
        roles.visible_practices(user)
        .filter(STATES["changes_requested"])
        .order_by("-updated_at", "-pk")
        .only("pk", "title", "review_comment")[:limit]
    )


def pending_proposals(user) -> int | None:
    """How many proposed changes to the user's published practices wait for review.

    The hook for proposals (issue 13, item 3): None while there are none in this code, and the
    admin home then leaves the line out; a count (0 included) shows it.
    """
    return None
