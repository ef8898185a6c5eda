"""Edits never overwrite each other silently (practices/workflow/conflicts.py): a save, a
workflow step or a restore from a page older than the practice's last change is refused, says
who changed what since, and keeps what the person typed for saving on top."""

import pytest
from django.urls import reverse

from practices.models import ExternalIdentifier, Practice, PracticeReference
from practices.workflow import conflicts, services
from tests.practices.test_roles import form_data

S = Practice.Status


def _url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def two_editors(user_factory, editor):
    from django.contrib.auth.models import Group

    other = user_factory(
        username="second", first_name="Sara", last_name="Second", is_staff=True, password=None
    )
    other.groups.add(Group.objects.get(name="Editor"))
    return editor, other


@pytest.fixture
def practice(practice_factory, region_factory, theme_factory):
    return practice_factory(
        title="Shared title",
        summary="Old summary",
        regions=[region_factory(name="Old region")],
        themes=[theme_factory(name="Old theme")],
    )


def _opened(practice, **changes):
    """The form as a person opened it now, with what they then typed."""
    data = form_data(practice)
    data["revision"] = conflicts.current_revision(practice.pk)
    return data, changes


def _post(client, practice, data, **changes):
    return client.post(_url("change", practice.pk), {**data, **changes})


def test_a_save_from_an_up_to_date_form_goes_through(client, editor, practice):
    client.force_login(editor)
    data, _ = _opened(practice)

    response = _post(client, practice, data, title="New title")

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "New title"


def test_a_stale_save_is_refused_naming_who_changed_what(client, two_editors, practice):
    first, second = two_editors
    form_of_first, _ = _opened(practice)
    client.force_login(second)
    _post(client, practice, _opened(practice)[0], summary="Second's summary")

    client.force_login(first)
    response = _post(client, practice, form_of_first, title="First's title")

    page = response.content.decode()
    assert response.status_code == 200
    practice.refresh_from_db()
    assert (practice.title, practice.summary) == ("Shared title", "Second's summary")
    assert "Not saved: someone changed this practice since you opened it" in page
    assert "Sara Second" in page
    assert "<strong>Summary</strong>: Old summary → Second&#x27;s summary" in page
    # What the first typed is kept, on top of the second's change.
    form = response.context["adminform"].form
    assert form["title"].value() == "First's title"
    assert form["summary"].value() == "Second's summary"


def test_saving_on_top_keeps_both_changes(client, two_editors, practice):
    first, second = two_editors
    form_of_first, _ = _opened(practice)
    client.force_login(second)
    _post(client, practice, _opened(practice)[0], summary="Second's summary")
    client.force_login(first)
    refused = _post(client, practice, form_of_first, title="First's title")

    shown = refused.context["conflict"]["latest"]
    again = dict(refused.context["adminform"].form.data.lists())
    response = client.post(
        _url("change", practice.pk),
        {**again, conflicts.SEEN_FIELD: shown, conflicts.ON_TOP: "Save"},
    )

    assert response.status_code == 302
    assert response["Location"] == _url("change", practice.pk)
    practice.refresh_from_db()
    assert (practice.title, practice.summary) == ("First's title", "Second's summary")
    assert practice.history.latest().history_user == first


def test_saving_on_top_is_refused_again_if_it_changed_once_more(client, two_editors, practice):
    first, second = two_editors
    form_of_first, _ = _opened(practice)
    client.force_login(second)
    _post(client, practice, _opened(practice)[0], summary="Second's summary")
    client.force_login(first)
    refused = _post(client, practice, form_of_first, title="First's title")
    client.force_login(second)
    practice.refresh_from_db()
    _post(client, practice, _opened(practice)[0], key_lesson="Yet another change")

    client.force_login(first)
    again = dict(refused.context["adminform"].form.data.lists())
    response = client.post(
        _url("change", practice.pk),
        {
            **again,
            conflicts.SEEN_FIELD: refused.context["conflict"]["latest"],
            conflicts.ON_TOP: "1",
        },
    )

    assert response.status_code == 200
    assert "Yet another change" in response.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Shared title"
    assert response.context["adminform"].form["key_lesson"].value() == "Yet another change"


def test_when_both_changed_a_field_the_page_says_so_and_keeps_mine(client, two_editors, practice):
    first, second = two_editors
    form_of_first, _ = _opened(practice)
    client.force_login(second)
    _post(client, practice, _opened(practice)[0], summary="Second's summary")

    client.force_login(first)
    response = _post(client, practice, form_of_first, summary="First's summary")

    assert "you changed it too" in response.content.decode()
    assert response.context["adminform"].form["summary"].value() == "First's summary"


def test_a_stale_save_keeps_relations_changed_by_either(
    client, two_editors, practice, region_factory, theme_factory
):
    first, second = two_editors
    new_region, new_theme = region_factory(name="New region"), theme_factory(name="New theme")
    form_of_first, _ = _opened(practice)
    client.force_login(second)
    _post(client, practice, _opened(practice)[0], regions=[new_region.pk])

    client.force_login(first)
    response = _post(client, practice, form_of_first, themes=[new_theme.pk])

    page = response.content.decode()
    assert "<strong>Regions</strong>: Old region → New region" in page
    form = response.context["adminform"].form
    assert [str(pk) for pk in form["regions"].value()] == [str(new_region.pk)]
    assert [str(pk) for pk in form["themes"].value()] == [str(new_theme.pk)]
    assert [r.name for r in practice.regions.all()] == ["New region"]
    assert [t.name for t in practice.themes.all()] == ["Old theme"]


def _with_references(data, rows, initial):
    data = dict(data)
    data["references-TOTAL_FORMS"] = len(rows)
    data["references-INITIAL_FORMS"] = initial
    for i, row in enumerate(rows):
        data |= {f"references-{i}-{k}": v for k, v in row.items()}
    return data


def test_a_stale_save_keeps_references_added_and_changed_by_either(client, two_editors, practice):
    first, second = two_editors
    kept = PracticeReference.objects.create(
        practice=practice, title="Report", url="https://example.org/a"
    )
    row = {
        "id": kept.pk,
        "practice": practice.pk,
        "title": "Report",
        "url": "https://example.org/a",
    }
    form_of_first = _with_references(_opened(practice)[0], [row], 1)
    client.force_login(second)
    response = _post(
        client,
        practice,
        _with_references(
            _opened(practice)[0], [row, {"title": "Second's link", "url": "https://b.example"}], 1
        ),
    )
    assert response.status_code == 302

    client.force_login(first)
    refused = _post(
        client,
        practice,
        _with_references(form_of_first, [{**row, "title": "Report (final)"}], 1),
    )

    assert "Practice reference “Second&#x27;s link” added" in refused.content.decode()
    again = dict(refused.context["adminform"].form.data.lists())
    again |= {
        conflicts.SEEN_FIELD: refused.context["conflict"]["latest"],
        conflicts.ON_TOP: "1",
    }
    saved = client.post(_url("change", practice.pk), again)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert sorted(practice.references.values_list("title", flat=True)) == [
        "Report (final)",
        "Second's link",
    ]


def test_a_member_is_refused_a_stale_save_too(client, make_member, editor, practice):
    member = make_member(practice.lead_organisation, first_name="Mia", last_name="Member")
    form_of_member, _ = _opened(practice)
    client.force_login(editor)
    _post(client, practice, _opened(practice)[0], description="The editor's description")

    client.force_login(member)
    response = _post(client, practice, form_of_member, description="The member's description")

    assert response.status_code == 200
    assert "you changed it too" in response.content.decode()
    practice.refresh_from_db()
    assert practice.description == "The editor's description"


def test_a_workflow_step_from_a_stale_page_is_refused(client, make_member, editor, practice):
    member = make_member(practice.lead_organisation)
    seen = conflicts.current_revision(practice.pk)
    client.force_login(editor)
    _post(client, practice, _opened(practice)[0], summary="Changed by the editor")

    client.force_login(member)
    response = client.post(
        _url("transition", practice.pk, "submit"), {"revision": seen}, follow=True
    )

    practice.refresh_from_db()
    assert practice.status == S.DRAFT
    assert "“Submit for review” did not happen. This practice was changed since" in (
        response.content.decode()
    )


def test_a_workflow_step_from_an_up_to_date_page_goes_through(client, make_member, practice):
    Practice.objects.filter(pk=practice.pk).update(status=S.SUBMITTED)
    member = make_member(practice.lead_organisation)
    client.force_login(member)

    client.post(
        _url("transition", practice.pk, "withdraw"),
        {"revision": conflicts.current_revision(practice.pk)},
    )

    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_a_restore_from_a_stale_version_page_is_refused(client, two_editors, practice):
    first, second = two_editors
    version_one = practice.history.latest().history_id
    client.force_login(second)
    _post(client, practice, _opened(practice)[0], title="Second's title")
    page = client.get(_url("simple_history", practice.pk, version_one)).content.decode()
    assert f'name="revision" value="{conflicts.current_revision(practice.pk)}"' in page
    seen = conflicts.current_revision(practice.pk)
    _post(client, practice, _opened(practice)[0], summary="Second's later summary")

    client.force_login(first)
    response = client.post(_url("restore", version_one), {"revision": seen}, follow=True)

    practice.refresh_from_db()
    assert practice.summary == "Second's later summary"
    assert "Not restored: This practice was changed since you opened this page" in (
        response.content.decode()
    )
    assert response.redirect_chain[-1][0] == _url("simple_history", practice.pk, version_one)

    fresh = client.post(
        _url("restore", version_one), {"revision": conflicts.current_revision(practice.pk)}
    )
    assert fresh.status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.summary) == ("Shared title", "Old summary")


def test_the_service_refuses_a_stale_restore(editor, practice):
    version_one = practice.history.latest().history_id
    practice.title = "Changed"
    practice.save()

    with pytest.raises(conflicts.StaleRevision) as refused:
        services.practice_restore_version(
            history_id=version_one, user=editor, seen_revision=version_one
        )

    assert "changed Title" in refused.value.messages[0]


def test_a_form_without_the_mark_saves_as_before(client, editor, practice):
    client.force_login(editor)

    response = client.post(_url("change", practice.pk), form_data(practice, title="No mark"))

    assert response.status_code == 302


def test_a_garbled_mark_is_a_form_error_not_a_crash(client, editor, practice):
    client.force_login(editor)

    response = client.post(
        _url("change", practice.pk), form_data(practice, title="Garbled", revision="x")
    )

    assert response.status_code == 200
    practice.refresh_from_db()
    assert practice.title == "Shared title"


def test_identifiers_deleted_by_someone_else_stay_deleted(client, two_editors, practice):
    first, second = two_editors
    ident = ExternalIdentifier.objects.create(practice=practice, scheme="other", value="X-1")
    row = {"id": ident.pk, "practice": practice.pk, "scheme": "other", "value": "X-1"}

    def with_ident(data, rows):
        data = dict(data)
        data["identifiers-TOTAL_FORMS"] = len(rows)
        data["identifiers-INITIAL_FORMS"] = len(rows)
        for i, r in enumerate(rows):
            data |= {f"identifiers-{i}-{k}": v for k, v in r.items()}
        return data

    form_of_first = with_ident(_opened(practice)[0], [row])
    client.force_login(second)
    _post(client, practice, with_ident(_opened(practice)[0], [{**row, "DELETE": "on"}]))
    assert not practice.identifiers.exists()

    client.force_login(first)
    refused = _post(client, practice, form_of_first, title="First's title")

    assert "deleted" in refused.content.decode()
    data = refused.context["adminform"].form.data
    assert data["identifiers-TOTAL_FORMS"] == "0"


def test_a_long_text_is_shown_where_it_changed(two_editors, practice):
    second = two_editors[1]
    practice.description = "A long opening that both versions share, word for word. " * 3 + "End."
    practice.save()
    seen = conflicts.current_revision(practice.pk)
    practice.description = practice.description.replace("End.", "A new ending.")
    practice._history_user = second
    practice.save()

    (edit,) = conflicts.changes_since(practice.pk, seen)

    (change,) = edit.changes
    assert change.old.endswith("End.")
    assert change.new.endswith("A new ending.")
    assert change.old.startswith("…")
