"""Changing a published practice keeps it online (practices/workflow/revisions.py): a member's
proposal waits beside the practice, goes through review, and replaces the public version only
when an editor publishes it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from practices.models import Practice, PracticeReference, PracticeRevision
from practices.workflow import revisions
from tests.practices.test_roles import form_data

S = Practice.Status
R = PracticeRevision.Status


def _url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def live(practice_factory, region_factory, target_group_factory, theme_factory):
    """A published, complete practice with a reference."""
    practice = practice_factory(
        published=True,
        title="Job clubs",
        summary="The public summary.",
        regions=[region_factory(name="Old region")],
        target_groups=[target_group_factory(name="Jobless youth")],
        themes=[theme_factory(name="Job clubs theme")],
    )
    PracticeReference.objects.create(
        practice=practice, title="Evaluation", url="https://example.org/eval"
    )
    return practice


@pytest.fixture
def member(make_member, live):
    return make_member(live.lead_organisation, first_name="Mia", last_name="Member")


def _proposal_data(practice, **changes):
    """The proposal form as a member posts it: the practice's values, the reference as a row
    filled from the proposal, and their changes."""
    data = form_data(practice, **changes)
    data.pop("lead_organisation")
    data.pop("slug")
    data |= {
        "references-TOTAL_FORMS": 1,
        "references-INITIAL_FORMS": 0,
        "references-0-title": "Evaluation",
        "references-0-url": "https://example.org/eval",
    }
    data["revision"] = changes.get("revision", 0)
    data |= {k: v for k, v in changes.items() if k.startswith("references-")}
    return data


def _propose(client, practice, submit=False, **changes):
    data = _proposal_data(practice, **changes)
    if submit:
        data["_submit_proposal"] = "1"
    else:
        data.pop("_save", None)
        data["_continue"] = "1"
    return client.post(_url("propose", practice.pk), data)


def _public_page(client, practice):
    return client.get(practice.get_absolute_url()).content.decode()


def test_a_member_sees_a_propose_link_on_their_published_practice(client, member, live):
    client.force_login(member)

    page = client.get(_url("change", live.pk)).content.decode()

    assert "Propose changes" in page
    assert _url("propose", live.pk) in page


def test_the_proposal_form_is_filled_from_the_published_practice(client, member, live):
    client.force_login(member)

    response = client.get(_url("propose", live.pk))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["summary"].value() == "The public summary."
    assert "What you change here is a proposal" in response.content.decode()
    assert 'value="Evaluation"' in response.content.decode()


def test_a_proposal_leaves_the_public_version_unchanged(client, member, live, region_factory):
    new_region = region_factory(name="New region")
    client.force_login(member)

    response = _propose(
        client, live, submit=True, summary="The proposed summary.", regions=[new_region.pk]
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == _url("proposal", live.pk)
    live.refresh_from_db()
    assert live.summary == "The public summary."
    assert [r.name for r in live.regions.all()] == ["Old region"]
    revision = PracticeRevision.objects.get(practice=live)
    assert revision.status == R.SUBMITTED
    assert revision.content["fields"]["summary"] == "The proposed summary."
    assert revision.content["relations"]["regions"] == [new_region.pk]
    assert revision.content["references"] == [
        {"title": "Evaluation", "url": "https://example.org/eval", "date": None}
    ]
    client.logout()
    page = _public_page(client, live)
    assert "The public summary." in page
    assert "The proposed summary." not in page


def test_a_draft_proposal_can_be_edited_again_and_shows_its_values(client, member, live):
    client.force_login(member)
    _propose(client, live, summary="First try.")

    response = client.get(_url("propose", live.pk))

    assert response.context["adminform"].form["summary"].value() == "First try."
    assert PracticeRevision.objects.get().status == R.DRAFT


def test_an_editor_publishes_a_proposal_and_the_public_page_shows_it(
    client, member, editor, live, region_factory
):
    new_region = region_factory(name="New region")
    client.force_login(member)
    _propose(
        client,
        live,
        submit=True,
        summary="The proposed summary.",
        regions=[new_region.pk],
        **{"references-0-title": "Evaluation (2025)"},
    )
    client.force_login(editor)
    queue = client.get(_url("review_queue")).content.decode()
    assert "Proposed changes to published practices" in queue
    assert "Summary, Regions, Practice references" in queue
    review = client.get(_url("proposal", live.pk)).content.decode()
    assert "The public summary." in review
    assert "The proposed summary." in review
    revision = PracticeRevision.objects.get()

    response = client.post(
        _url("proposal_step", live.pk, "publish"), {"revision": revision.version}
    )

    assert response.status_code == 302
    live.refresh_from_db()
    assert live.summary == "The proposed summary."
    assert live.status == S.PUBLISHED
    assert [r.name for r in live.regions.all()] == ["New region"]
    assert list(live.references.values_list("title", flat=True)) == ["Evaluation (2025)"]
    latest = live.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Published the changes proposed by Mia Member"
    assert PracticeRevision.objects.get().status == R.PUBLISHED
    client.logout()
    assert "The proposed summary." in _public_page(client, live)


def test_publishing_keeps_an_editors_correction_made_meanwhile(client, member, editor, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="The proposed summary.")
    Practice.objects.filter(pk=live.pk).update(key_lesson="Corrected by an editor")
    live.refresh_from_db()
    live.save()  # recorded

    revision = revisions.proposal_step(practice=live, user=editor, name="publish")

    live.refresh_from_db()
    assert revision.status == R.PUBLISHED
    assert (live.summary, live.key_lesson) == ("The proposed summary.", "Corrected by an editor")


def test_an_editor_requests_changes_and_the_member_sees_the_comment(client, member, editor, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="Too short.")
    client.force_login(editor)

    client.post(
        _url("proposal_step", live.pk, "request_changes"),
        {"comment": "Say who runs the clubs.", "revision": PracticeRevision.objects.get().version},
    )

    revision = PracticeRevision.objects.get()
    assert (revision.status, revision.review_comment) == (R.DRAFT, "Say who runs the clubs.")
    client.force_login(member)
    page = client.get(_url("propose", live.pk)).content.decode()
    assert "Say who runs the clubs." in page
    live.refresh_from_db()
    assert live.summary == "The public summary."


def test_a_member_withdraws_a_proposal(client, member, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="Never mind.")

    client.post(
        _url("proposal_step", live.pk, "withdraw"),
        {"revision": PracticeRevision.objects.get().version},
    )

    assert PracticeRevision.objects.get().status == R.WITHDRAWN
    assert revisions.open_revision(live) is None


def test_a_submitted_proposal_cannot_be_edited_until_withdrawn(client, member, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="Submitted.")

    page = client.get(_url("propose", live.pk))
    post = _propose(
        client, live, summary="Sneaky.", revision=PracticeRevision.objects.get().version
    )

    assert page.status_code == 302
    assert page["Location"] == _url("proposal", live.pk)
    assert post.status_code == 302
    assert PracticeRevision.objects.get().content["fields"]["summary"] == "Submitted."


# Rights.


def test_a_member_of_another_organisation_sees_no_proposal(
    client, make_member, organisation_factory, member, live
):
    client.force_login(member)
    _propose(client, live, submit=True, summary="Ours.")
    stranger = make_member(organisation_factory())
    client.force_login(stranger)

    assert client.get(_url("proposal", live.pk)).status_code == 404
    assert client.get(_url("propose", live.pk)).status_code == 404
    assert client.post(_url("proposal_step", live.pk, "withdraw")).status_code == 404


def test_a_member_cannot_publish_their_proposal(client, member, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="Mine.")

    response = client.post(
        _url("proposal_step", live.pk, "publish"),
        {"revision": PracticeRevision.objects.get().version},
    )

    assert response.status_code == 403
    live.refresh_from_db()
    assert live.summary == "The public summary."


def test_only_a_published_practice_takes_proposals(client, make_member, practice_factory):
    draft = practice_factory()
    member = make_member(draft.lead_organisation)
    client.force_login(member)

    assert client.get(_url("propose", draft.pk)).status_code == 403
    with pytest.raises(PermissionDenied):
        revisions.save_proposal(
            practice=draft, user=member, content=revisions.snapshot(draft), seen_version=None
        )


def test_editors_edit_directly_and_do_not_propose(client, editor, live):
    client.force_login(editor)

    assert client.get(_url("propose", live.pk)).status_code == 403


def test_one_open_proposal_per_practice(member, live):
    revisions.save_proposal(
        practice=live, user=member, content=revisions.snapshot(live), seen_version=None
    )

    with pytest.raises(ValidationError):
        PracticeRevision(practice=live, content={}, base={}, status=R.DRAFT).full_clean()


# Two members on one proposal.


def test_a_stale_proposal_form_is_refused_and_keeps_what_was_typed(
    client, make_member, member, live
):
    colleague = make_member(live.lead_organisation, first_name="Carl", last_name="Colleague")
    client.force_login(colleague)
    _propose(client, live, summary="Carl's summary.")

    client.force_login(member)
    response = _propose(client, live, summary="Mia's summary.", revision=0)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Carl Colleague changed these proposed changes since you opened this page" in page
    assert response.context["adminform"].form["summary"].value() == "Mia's summary."
    assert PracticeRevision.objects.get().content["fields"]["summary"] == "Carl's summary."


def test_a_stale_publish_is_refused(client, member, editor, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="Version one.")
    seen = PracticeRevision.objects.get().version
    revisions.proposal_step(practice=live, user=member, name="withdraw")
    _propose(client, live, submit=True, summary="Version two.")

    client.force_login(editor)
    response = client.post(
        _url("proposal_step", live.pk, "publish"), {"revision": seen}, follow=True
    )

    assert "“Publish” did not happen." in response.content.decode()
    live.refresh_from_db()
    assert live.summary == "The public summary."


# The public read path does not see a pending proposal.


def test_lists_csv_and_counts_are_unchanged_while_a_proposal_waits(
    client, member, live, region_factory, theme_factory
):
    new_region = region_factory(name="Proposed region", country="FI")
    new_theme = theme_factory(name="Proposed theme", slug="proposed-theme")

    def public_state():
        client.logout()
        listing = client.get("/practices/").content.decode()
        csv = b"".join(client.get("/practices/export.csv").streaming_content).decode()
        theme_page = client.get(new_theme.get_absolute_url())
        search = client.get("/practices/?q=Zanzibar").content.decode()
        return listing, csv, theme_page.status_code, search

    before = public_state()
    client.force_login(member)
    _propose(
        client,
        live,
        submit=True,
        title="Zanzibar clubs",
        summary="Zanzibar summary.",
        regions=[new_region.pk],
        themes=[new_theme.pk],
    )
    after = public_state()

    assert after == before
    assert "Zanzibar clubs" not in after[0] + after[1] + after[3]
    assert "No practice matches" in after[3] or "0 practices" in after[3]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM practices_search WHERE practice_id = %s "
                "AND vector @@ plainto_tsquery('english', 'Zanzibar')",
                [live.pk],
            )
            assert cursor.fetchone()[0] == 0


def test_the_review_shows_only_what_the_proposal_changes_against_the_public_version(
    client, member, editor, live
):
    client.force_login(member)
    _propose(client, live, submit=True, summary="The proposed summary.")
    Practice.objects.filter(pk=live.pk).update(key_lesson="Corrected by an editor")

    client.force_login(editor)
    response = client.get(_url("proposal", live.pk))

    rows = [(d.label, d.public, d.proposed) for d in response.context["differences"]]
    assert rows == [("Summary", "The public summary.", "The proposed summary.")]


def test_an_editor_is_told_of_a_waiting_proposal_on_the_practice(client, member, editor, live):
    client.force_login(member)
    _propose(client, live, submit=True, summary="The proposed summary.")

    client.force_login(editor)
    page = client.get(_url("change", live.pk)).content.decode()

    assert "are waiting for review" in page
    assert "Review the proposed changes" in page


def test_a_gap_the_published_version_already_had_does_not_block_a_proposal(
    client, member, editor, live
):
    Practice.objects.filter(pk=live.pk).update(start_year=None)
    live.refresh_from_db()
    client.force_login(member)
    _propose(client, live, submit=True, summary="The proposed summary.", start_year="")

    revision = revisions.proposal_step(practice=live, user=editor, name="publish")

    live.refresh_from_db()
    assert revision.status == R.PUBLISHED
    assert live.summary == "The proposed summary."


def test_a_proposal_that_removes_what_is_needed_is_not_published(client, member, editor, live):
    client.force_login(member)
    _propose(client, live, submit=True, themes=[])

    with pytest.raises(ValidationError) as refused:
        revisions.proposal_step(practice=live, user=editor, name="publish")

    assert "Add at least one theme." in refused.value.messages
    assert live.themes.count() == 1
    assert PracticeRevision.objects.get().status == R.SUBMITTED


def test_open_proposals_are_counted_for_their_organisation_and_the_editors(
    client, make_member, organisation_factory, member, editor, live
):
    client.force_login(member)
    _propose(client, live, summary="A draft proposal.")
    stranger = make_member(organisation_factory())

    assert revisions.open_proposals(member).count() == 1
    assert revisions.open_proposals(editor).count() == 1
    assert revisions.open_proposals(stranger).count() == 0
