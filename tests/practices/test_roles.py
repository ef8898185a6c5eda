"""Every role against every action on a practice, through the admin as a person would use it.

Actors: anonymous, a member of organisation A, a member of organisation B, an editor, a
superuser. The practice belongs to organisation A. "login" means sent to the login page, "no"
a refusal (403), "hidden" a 404 that names nothing.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from practices.models import Practice
from practices.workflow import roles, services
from practices.workflow.roles import ROLE_PERMISSIONS

S = Practice.Status
ACTORS = ["anonymous", "member_a", "member_b", "editor", "superuser"]


@pytest.fixture
def world(
    organisation_factory,
    practice_factory,
    target_group_factory,
    theme_factory,
    make_member,
    editor,
    user_factory,
):
    org_a, org_b = organisation_factory(name="Org A"), organisation_factory(name="Org B")
    users = {
        "anonymous": None,
        "member_a": make_member(org_a, username="member_a"),
        "member_b": make_member(org_b, username="member_b"),
        "editor": editor,
        "superuser": user_factory(username="root", is_staff=True, is_superuser=True, password=None),
    }

    def practice(status=S.DRAFT, **kwargs):
        if status in (S.PUBLISHED, S.ARCHIVED):
            kwargs.setdefault("published_at", timezone.now())
        return practice_factory(
            lead_organisation=org_a,
            status=status,
            target_groups=[target_group_factory()],
            themes=[theme_factory()],
            **kwargs,
        )

    return {"org_a": org_a, "org_b": org_b, "users": users, "practice": practice}


def _login(client, world, actor):
    user = world["users"][actor]
    if user is not None:
        client.force_login(user)


def _outcome(response):
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    return {200: "ok", 302: "ok", 403: "no", 404: "hidden"}.get(response.status_code, "error")


def _url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


def form_data(practice, **overrides):
    """What the admin change form posts for this practice, with `overrides` applied."""

    def ids(name):
        return [o.pk for o in getattr(practice, name).all()] if practice.pk else []

    data = {
        "title": practice.title,
        "original_title": practice.original_title,
        "slug": practice.slug,
        "summary": practice.summary,
        "description": practice.description,
        "lead_organisation": practice.lead_organisation_id,
        "partner_organisations": ids("partner_organisations"),
        "regions": ids("regions"),
        "adapted_from": practice.adapted_from_id or "",
        "target_groups": ids("target_groups"),
        "themes": ids("themes"),
        "kind": practice.kind,
        "level": practice.level,
        "funding_sources": ids("funding_sources"),
        "start_year": practice.start_year or "",
        "end_year": practice.end_year or "",
        "people_reached": practice.people_reached or "",
        "original_language": practice.original_language,
        "resources": practice.resources,
        "results": practice.results,
        "success_factors": practice.success_factors,
        "challenges": practice.challenges,
        "evidence_level": practice.evidence_level,
        "evaluation_note": practice.evaluation_note,
        "transferability": practice.transferability,
        "key_lesson": practice.key_lesson,
        "website": practice.website,
        "public_contact_email": practice.public_contact_email,
        "contact_name": practice.contact_name,
        "contact_email": practice.contact_email,
        "_save": "Save",
    }
    for prefix in ("references", "identifiers"):
        data |= {
            f"{prefix}-TOTAL_FORMS": 0,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# Each action: (set up and act) → (what the client got, whether the action took effect).


def act_add(client, world, actor):
    user = world["users"][actor]
    org = world["org_b"] if actor == "member_b" else world["org_a"]
    blank = Practice(lead_organisation=org, title=f"Added by {actor}", slug=f"added-{actor}")
    response = client.post(_url("add"), form_data(blank))
    return response, Practice.objects.filter(title=f"Added by {actor}", created_by=user).exists()


def act_view(client, world, actor):
    practice = world["practice"](title="Secret draft of A")
    response = client.get(_url("change", practice.pk))
    return response, response.status_code == 200 and b"Secret draft of A" in response.content


def act_change(client, world, actor):
    practice = world["practice"](title="Draft of A")
    response = client.post(_url("change", practice.pk), form_data(practice, title="Renamed"))
    practice.refresh_from_db()
    return response, practice.title == "Renamed"


def act_delete(client, world, actor):
    practice = world["practice"](status=S.ARCHIVED, title="Archived of A")
    response = client.post(_url("delete", practice.pk), {"post": "yes"})
    return response, not Practice.objects.filter(pk=practice.pk).exists()


def _step(status, name, target, comment=""):
    def act(client, world, actor):
        practice = world["practice"](status=status)
        response = client.post(_url("transition", practice.pk, name), {"comment": comment})
        practice.refresh_from_db()
        return response, practice.status == target

    return act


def act_restore(client, world, actor):
    practice = world["practice"](title="Original title")
    version = practice.history.latest().history_id
    Practice.objects.filter(pk=practice.pk).update(title="Vandalised")
    response = client.post(_url("restore", version))
    practice.refresh_from_db()
    return response, practice.title == "Original title"


def act_history(client, world, actor):
    practice = world["practice"](title="Draft of A with history")
    response = client.get(_url("history", practice.pk))
    return response, response.status_code == 200 and b"Draft of A with history" in response.content


ACTIONS = {
    "add": act_add,
    "view": act_view,
    "change": act_change,
    "delete": act_delete,
    "submit": _step(S.DRAFT, "submit", S.SUBMITTED),
    "withdraw": _step(S.SUBMITTED, "withdraw", S.DRAFT),
    "publish": _step(S.SUBMITTED, "publish", S.PUBLISHED),
    "request_changes": _step(S.SUBMITTED, "request_changes", S.DRAFT, "Add results."),
    "archive": _step(S.PUBLISHED, "archive", S.ARCHIVED),
    "reopen": _step(S.ARCHIVED, "reopen", S.DRAFT),
    "restore": act_restore,
    "history": act_history,
}

LOGIN = ("login", False)
NO = ("no", False)
HIDDEN = ("hidden", False)
DONE = ("ok", True)
EXPECTED = {
    "anonymous": dict.fromkeys(ACTIONS, LOGIN),
    "member_a": {
        "add": DONE,
        "view": DONE,
        "change": DONE,
        "delete": NO,
        "submit": DONE,
        "withdraw": DONE,
        "publish": NO,
        "request_changes": NO,
        "archive": NO,
        "reopen": NO,
        "restore": NO,
        "history": DONE,
    },
    # Another organisation's practice is not there at all for member B (they add their own).
    "member_b": {**dict.fromkeys(ACTIONS, HIDDEN), "add": DONE, "restore": NO},
    "editor": dict.fromkeys(ACTIONS, DONE),
    "superuser": dict.fromkeys(ACTIONS, DONE),
}
MATRIX = [(actor, action) for actor in ACTORS for action in ACTIONS]


@pytest.mark.parametrize(("actor", "action"), MATRIX)
def test_every_role_against_every_action(client, world, actor, action):
    _login(client, world, actor)

    response, happened = ACTIONS[action](client, world, actor)

    assert (_outcome(response), happened) == EXPECTED[actor][action]


@pytest.mark.parametrize("status", [S.SUBMITTED, S.PUBLISHED, S.ARCHIVED])
def test_a_member_sees_but_cannot_change_their_practice_once_it_left_draft(client, world, status):
    practice = world["practice"](status=status, title="Under review")
    client.force_login(world["users"]["member_a"])

    page = client.get(_url("change", practice.pk))
    post = client.post(_url("change", practice.pk), form_data(practice, title="Sneaky edit"))

    assert page.status_code == 200
    assert b"Under review" in page.content
    assert b'name="title"' not in page.content  # read-only: no input
    assert post.status_code == 403
    practice.refresh_from_db()
    assert practice.title == "Under review"


def test_an_editor_deletes_only_archived_practices(client, world):
    practice = world["practice"](status=S.PUBLISHED)
    client.force_login(world["users"]["editor"])

    response = client.post(_url("delete", practice.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_a_member_without_organisations_cannot_add(client, make_member):
    client.force_login(make_member())
    assert client.get(_url("add")).status_code == 403


def test_a_non_staff_user_is_sent_to_the_login(client, world, user_factory):
    client.force_login(user_factory(username="visitor"))
    practice = world["practice"]()
    response = client.get(_url("change", practice.pk))
    assert _outcome(response) == "login"


def test_a_user_with_no_role_sees_no_practices(client, world, user_factory):
    client.force_login(user_factory(username="staff_only", is_staff=True))
    practice = world["practice"]()
    assert client.get(_url("changelist")).status_code == 403
    assert client.get(_url("change", practice.pk)).status_code in (403, 404)


# The rules themselves.


def test_the_roles_hold_exactly_their_permissions(db):
    for role, by_app in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == {f"{app}.{c}" for app, codes in by_app.items() for c in codes}


def test_members_hold_no_delete_or_review_permission(db):
    member = Group.objects.get(name=roles.MEMBER)
    codenames = set(member.permissions.values_list("codename", flat=True))
    assert "delete_practice" not in codenames
    assert "review_practice" not in codenames


def test_ensure_roles_is_idempotent_and_repairs_a_group(db):
    editor_group = Group.objects.get(name=roles.EDITOR)
    editor_group.permissions.clear()

    assert roles.ensure_roles() == []
    assert roles.ensure_roles() == []

    assert editor_group.permissions.filter(codename="review_practice").exists()
    assert Group.objects.filter(name__in=[roles.MEMBER, roles.EDITOR]).count() == 2


def test_a_superuser_counts_as_an_editor(user_factory):
    root = user_factory(is_superuser=True, is_staff=True)
    assert roles.is_editor(root)


def test_an_inactive_editor_is_no_editor(editor):
    editor.is_active = False
    assert not roles.is_editor(editor)


def test_editor_emails_are_the_editors_or_else_the_superusers(user_factory, editor):
    user_factory(username="root", email="root@example.org", is_superuser=True)
    assert roles.editor_emails() == ["editor@example.org"]
    editor.groups.clear()
    assert roles.editor_emails() == ["root@example.org"]


def test_the_roles_exist_after_migrating(db):
    # The groups come from migration practices/0005, not from a fixture or a person.
    assert set(Group.objects.values_list("name", flat=True)) >= {"Member", "Editor"}


def test_delete_through_the_service_refuses_a_member(world):
    practice = world["practice"](status=S.ARCHIVED)
    with pytest.raises(services.PermissionDenied):
        services.practice_delete(practice=practice, user=world["users"]["member_a"])
    assert Practice.objects.filter(pk=practice.pk).exists()


# Demo accounts (`make run` runs create_demo_users after load_demo).


@pytest.fixture
def demo_organisations(organisation_factory, settings):
    from practices.demo_data import ORGANISATIONS

    # A fast hasher: the command sets a real password on each account.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return [organisation_factory(slug=entry["slug"]) for entry in ORGANISATIONS[:2]]


def _run_demo_users(*args):
    out = io.StringIO()
    call_command("create_demo_users", *args, stdout=out)
    return out.getvalue()


def _printed_logins(output):
    return dict(re.findall(r"^  (\S+)\s+(\S+)\s+\(", output, re.M))


def test_demo_users_are_an_admin_an_editor_and_a_member_per_demo_organisation(
    demo_organisations, organisation_factory
):
    not_demo = organisation_factory(slug="not-a-demo-organisation")

    logins = _printed_logins(_run_demo_users())

    expected = {"admin", "editor"} | {f"member-{o.slug}" for o in demo_organisations}
    assert set(logins) == expected
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    editor_user = User.objects.get(username="editor")
    assert roles.is_editor(editor_user)
    assert editor_user.is_staff
    for organisation in demo_organisations:
        member = User.objects.get(username=f"member-{organisation.slug}")
        assert member.is_staff
        assert not roles.is_editor(member)
        assert list(member.organisations.all()) == [organisation]
        assert member.check_password(logins[member.username])
    assert not not_demo.members.exists()


def test_demo_passwords_are_printed_once(demo_organisations):
    first = _printed_logins(_run_demo_users())

    second_output = _run_demo_users()

    assert _printed_logins(second_output) == {}
    assert "existed already" in second_output
    for password in first.values():
        assert password not in second_output
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(first["admin"])


def test_demo_reset_gives_new_passwords(demo_organisations):
    first = _printed_logins(_run_demo_users())

    second = _printed_logins(_run_demo_users("--reset"))

    assert set(second) == set(first)
    assert all(second[name] != first[name] for name in first)
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(second["admin"])
    assert not admin.check_password(first["admin"])


def test_demo_passwords_are_random(demo_organisations):
    logins = _printed_logins(_run_demo_users())
    assert len(set(logins.values())) == len(logins)
    assert all(len(password) >= 16 for password in logins.values())


def test_demo_users_without_demo_organisations_say_what_to_do(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    output = _run_demo_users()
    assert set(_printed_logins(output)) == {"admin", "editor"}
    assert "run `python manage.py load_demo`" in output


def test_a_demo_member_can_log_in_and_add_a_practice(client, demo_organisations):
    logins = _printed_logins(_run_demo_users())
    username = f"member-{demo_organisations[0].slug}"

    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": logins[username], "next": "/admin/"},
    )

    assert response.status_code == 302
    assert client.get(reverse("admin:practices_practice_add")).status_code == 200
