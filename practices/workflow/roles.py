"""Who may do what with a practice: the two roles and the object-level rules the admin enforces.

- A **member** is a staff user in the Member group, linked to organisations through
  `Organisation.members`. Model permissions let them add and change practices; the rules below
  narrow that to their own organisations' practices (the lead organisation is theirs), and to
  changing drafts only. They never publish and never delete.
- An **editor** is a staff user in the Editor group. The group holds `practices.review_practice`,
  which is what every rule checks, so a superuser is an editor too.

The groups are created by migration practices/0005 and kept up to date by `ensure_roles()`,
which `manage.py create_demo_users` runs.
"""

import logging

from django.apps import apps as global_apps
from django.conf import settings
from django.db.models import Q

from ..models import Practice, Transition

logger = logging.getLogger(__name__)

MEMBER = "Member"
EDITOR = "Editor"
REVIEW_PERMISSION = "practices.review_practice"

# app label → codenames. Members need to view the vocabularies, regions and organisations
# because the practice form picks them through autocomplete, which asks for view permission.
_VOCABULARY_VIEW = ["view_targetgroup", "view_theme", "view_fundingsource"]
_INLINES_ALL = [
    f"{action}_{model}"
    for model in ("practicereference", "externalidentifier")
    for action in ("add", "change", "delete", "view")
]
ROLE_PERMISSIONS = {
    MEMBER: {
        "practices": [
            "add_practice",
            "change_practice",
            "view_practice",
            *_INLINES_ALL,
            *_VOCABULARY_VIEW,
        ],
        "regions": ["view_region", "view_organisation"],
    },
    EDITOR: {
        "practices": [
            "add_practice",
            "change_practice",
            "view_practice",
            "delete_practice",
            "review_practice",
            "add_targetgroup",
            "change_targetgroup",
            "add_theme",
            "change_theme",
            "add_fundingsource",
            "change_fundingsource",
            *_INLINES_ALL,
            *_VOCABULARY_VIEW,
        ],
        "regions": [
            "add_region",
            "change_region",
            "view_region",
            "add_organisation",
            "change_organisation",
            "view_organisation",
        ],
    },
}


def ensure_roles(apps=global_apps) -> list[str]:
    """Create the Member and Editor groups and give them exactly their permissions.

    Idempotent. `apps` is the migration state when a migration calls it. Returns the
    permissions that do not exist (yet), which it skips.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    missing = []
    for role, by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = Q(pk__in=[])
        for app_label, codenames in by_app.items():
            wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
        permissions = list(Permission.objects.filter(wanted).select_related("content_type"))
        found = {(p.content_type.app_label, p.codename) for p in permissions}
        missing += [
            f"{app_label}.{codename}"
            for app_label, codenames in by_app.items()
            for codename in codenames
            if (app_label, codename) not in found
        ]
        group.permissions.set(permissions)
    if missing:
        logger.warning("Roles: permissions not found, skipped: %s", ", ".join(missing))
    return missing


def is_editor(user) -> bool:
    return bool(user.is_active and user.has_perm(REVIEW_PERMISSION))


def organisation_ids(user) -> frozenset[int]:
    """The organisations the user acts for; cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_practices_organisation_ids", None)
    if cached is None:
        cached = frozenset(user.organisations.values_list("pk", flat=True))
        user._practices_organisation_ids = cached
    return cached


def is_own(user, practice: Practice) -> bool:
    return practice.lead_organisation_id in organisation_ids(user)


def visible_practices(user, queryset=None):
    """What the user may see in the admin: everything for an editor, else their organisations'."""
    if queryset is None:
        queryset = Practice.objects.all()
    if is_editor(user):
        return queryset
    return queryset.filter(lead_organisation__in=organisation_ids(user))


def can_view(user, practice: Practice) -> bool:
    if not (user.has_perm("practices.view_practice") or user.has_perm("practices.change_practice")):
        return False
    return is_editor(user) or is_own(user, practice)


def can_change(user, practice: Practice) -> bool:
    """Editors change anything; members change their own organisations' drafts only."""
    if not user.has_perm("practices.change_practice"):
        return False
    if is_editor(user):
        return True
    return is_own(user, practice) and practice.status == Practice.Status.DRAFT


def can_delete(user, practice: Practice) -> bool:
    """Archive first: only an archived practice can be deleted, and only by an editor.

    The deletion is recorded by the history, from which an editor can restore it.
    """
    return (
        is_editor(user)
        and user.has_perm("practices.delete_practice")
        and practice.status == Practice.Status.ARCHIVED
    )


def can_run(user, practice: Practice, transition: Transition) -> bool:
    """Whether this user may run this transition on this practice (whatever its status)."""
    if transition.reviewers_only:
        return is_editor(user)
    return can_view(user, practice) and (
        is_editor(user) or (is_own(user, practice) and user.has_perm("practices.change_practice"))
    )


def can_restore(user) -> bool:
    """Restoring an earlier or a deleted version is an editor's decision."""
    return is_editor(user) and user.has_perm("practices.change_practice")


def editor_emails() -> list[str]:
    """Where submissions are announced: the editors, or the superusers if there are none yet."""
    User = global_apps.get_model(settings.AUTH_USER_MODEL)
    active = User.objects.filter(is_active=True).exclude(email="")
    emails = list(
        active.filter(groups__name=EDITOR).order_by("email").values_list("email", flat=True)
    )
    if not emails:
        emails = list(
            active.filter(is_superuser=True).order_by("email").values_list("email", flat=True)
        )
    return sorted(set(emails))


def can_propose(user, practice: Practice) -> bool:
    """A member changes their organisation's published practice by proposing changes, which
    an editor publishes (practices/workflow/revisions.py); editors edit it directly."""
    return (
        not is_editor(user)
        and user.has_perm("practices.change_practice")
        and is_own(user, practice)
        and practice.status == Practice.Status.PUBLISHED
    )


def can_see_proposals(user, practice: Practice) -> bool:
    """Proposed changes are the business of the practice's organisations and of the editors."""
    return can_view(user, practice)
