"""The workflow in the model layer and its services: transitions, dates, completeness, rights."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from practices.models import (
    TRANSITIONS,
    IncompletePractice,
    Practice,
    PracticeSearch,
    TransitionNotAllowed,
)
from practices.workflow import services

S = Practice.Status

# The workflow as the issue describes it, written out independently of the model's table.
ALLOWED = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "withdraw"): S.DRAFT,
    (S.SUBMITTED, "publish"): S.PUBLISHED,
    (S.ARCHIVED, "publish"): S.PUBLISHED,
    (S.SUBMITTED, "request_changes"): S.DRAFT,
    (S.PUBLISHED, "request_changes"): S.DRAFT,
    (S.DRAFT, "archive"): S.ARCHIVED,
    (S.SUBMITTED, "archive"): S.ARCHIVED,
    (S.PUBLISHED, "archive"): S.ARCHIVED,
    (S.ARCHIVED, "reopen"): S.DRAFT,
}
ALL = list(itertools.product(S, TRANSITIONS))
FORBIDDEN = [pair for pair in ALL if pair not in ALLOWED]


@pytest.fixture
def complete(practice_factory, target_group_factory, theme_factory):
    """complete(status=...): a practice that passes the completeness check."""

    def make(**kwargs):
        if kwargs.get("status") in (S.PUBLISHED, S.ARCHIVED):
            kwargs.setdefault("published_at", timezone.now())
        return practice_factory(
            target_groups=[target_group_factory()], themes=[theme_factory()], **kwargs
        )

    return make


def test_the_table_has_exactly_the_designed_transitions():
    table = {(source, name): t.target for name, t in TRANSITIONS.items() for source in t.sources}
    assert table == ALLOWED


@pytest.mark.parametrize(("status", "name"), list(ALLOWED))
def test_an_allowed_transition_moves_the_practice(complete, editor, status, name):
    practice = complete(status=status)

    services.practice_transition(practice=practice, user=editor, name=name, comment="Fix it.")

    practice.refresh_from_db()
    assert practice.status == ALLOWED[(status, name)]


@pytest.mark.parametrize(("status", "name"), FORBIDDEN)
def test_a_forbidden_transition_is_refused_and_changes_nothing(complete, editor, status, name):
    practice = complete(status=status)
    before = practice.updated_at

    with pytest.raises(TransitionNotAllowed) as excinfo:
        services.practice_transition(practice=practice, user=editor, name=name, comment="x")

    assert "is not possible for a practice that is" in excinfo.value.messages[0]
    practice.refresh_from_db()
    assert practice.status == status
    assert practice.updated_at == before


def test_the_refusal_says_what_the_status_is_and_what_it_should_be(complete):
    practice = complete(status=S.DRAFT)
    with pytest.raises(TransitionNotAllowed) as excinfo:
        practice.check_transition("publish")
    assert excinfo.value.messages == [
        "“Publish” is not possible for a practice that is draft; only for one that is "
        "submitted for review, archived."
    ]


def test_an_unknown_step_is_refused(complete, editor):
    practice = complete()
    with pytest.raises(TransitionNotAllowed, match="no “explode” step"):
        services.practice_transition(practice=practice, user=editor, name="explode")


def test_available_transitions_follow_the_status(complete):
    assert [t.name for t in complete(status=S.SUBMITTED).available_transitions()] == [
        "withdraw",
        "publish",
        "request_changes",
        "archive",
    ]
    assert [t.name for t in complete(status=S.ARCHIVED).available_transitions()] == [
        "publish",
        "reopen",
    ]


# Dates and fields each step sets.


def test_submitting_records_when_and_by_whom(complete, make_member):
    practice = complete()
    member = make_member(practice.lead_organisation)

    services.practice_transition(practice=practice, user=member, name="submit")

    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
    assert practice.submitted_by == member
    assert timezone.now() - practice.submitted_at < datetime.timedelta(minutes=1)


def test_publishing_sets_the_publication_and_review_dates_and_clears_the_comment(complete, editor):
    practice = complete(status=S.SUBMITTED, review_comment="Earlier remark")

    services.practice_transition(practice=practice, user=editor, name="publish")

    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED
    assert practice.published_at is not None
    assert practice.last_reviewed_on == timezone.localdate()
    assert practice.review_comment == ""
    assert Practice.objects.published().filter(pk=practice.pk).exists()


def test_republishing_keeps_the_first_publication_date(complete, editor):
    first = timezone.now() - datetime.timedelta(days=400)
    practice = complete(status=S.ARCHIVED, published_at=first, last_reviewed_on=None)

    services.practice_transition(practice=practice, user=editor, name="publish")

    practice.refresh_from_db()
    assert practice.published_at == first
    assert practice.last_reviewed_on == timezone.localdate()


def test_requesting_changes_stores_the_comment_and_returns_to_draft(complete, editor):
    practice = complete(status=S.SUBMITTED)

    services.practice_transition(
        practice=practice, user=editor, name="request_changes", comment="  Add the results.  "
    )

    practice.refresh_from_db()
    assert practice.status == S.DRAFT
    assert practice.review_comment == "Add the results."


def test_requesting_changes_without_a_comment_is_refused(complete, editor):
    practice = complete(status=S.SUBMITTED)

    with pytest.raises(ValidationError) as excinfo:
        services.practice_transition(
            practice=practice, user=editor, name="request_changes", comment="   "
        )

    assert excinfo.value.message_dict == {
        "review_comment": ["Say what needs to change, so the submitter knows what to do."]
    }
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_a_published_practice_sent_back_leaves_the_public_site(complete, editor):
    practice = complete(status=S.PUBLISHED)

    services.practice_transition(
        practice=practice, user=editor, name="request_changes", comment="Update the figures."
    )

    assert not Practice.objects.published().filter(pk=practice.pk).exists()


def test_each_step_is_recorded_in_the_history_with_who_and_why(complete, editor):
    practice = complete(status=S.SUBMITTED)

    services.practice_transition(practice=practice, user=editor, name="publish")

    record = practice.history.latest()
    assert record.status == S.PUBLISHED
    assert record.history_user == editor
    assert record.history_change_reason == "Publish"


# Completeness.


def test_an_empty_draft_lists_everything_it_misses(practice_factory):
    practice = practice_factory(
        summary="", description="", start_year=None, regions=[], target_groups=[]
    )
    assert practice.missing_for_submission() == [
        "Add a summary: two or three sentences on what the practice does.",
        "Add a description of how the practice works.",
        "Give the year the practice started.",
        "Add at least one region where the practice runs.",
        "Add at least one target group.",
        "Add at least one theme.",
    ]


def test_a_complete_practice_misses_nothing(complete):
    assert complete().missing_for_submission() == []


def test_an_unsaved_practice_misses_its_relations(practice_factory):
    practice = practice_factory.build()
    assert "Add at least one region where the practice runs." in (practice.missing_for_submission())


def test_blank_text_counts_as_missing(complete):
    practice = complete(summary="   ")
    assert practice.missing_for_submission() == [
        "Add a summary: two or three sentences on what the practice does."
    ]


def test_submitting_an_incomplete_draft_says_what_is_missing_and_keeps_it_a_draft(
    practice_factory, make_member
):
    practice = practice_factory(summary="")
    member = make_member(practice.lead_organisation)

    with pytest.raises(IncompletePractice) as excinfo:
        services.practice_transition(practice=practice, user=member, name="submit")

    assert excinfo.value.messages == [
        "Add a summary: two or three sentences on what the practice does.",
        "Add at least one target group.",
        "Add at least one theme.",
    ]
    practice.refresh_from_db()
    assert practice.status == S.DRAFT
    assert practice.submitted_at is None


def test_publishing_checks_completeness_again(complete, editor):
    practice = complete(status=S.SUBMITTED)
    practice.themes.clear()

    with pytest.raises(IncompletePractice, match="theme"):
        services.practice_transition(practice=practice, user=editor, name="publish")

    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


# Who may run which step (the admin tests cover the same through HTTP).


@pytest.mark.parametrize("name", ["publish", "request_changes", "archive"])
def test_a_member_cannot_run_an_editors_step_on_their_own_practice(complete, make_member, name):
    practice = complete(status=S.SUBMITTED)
    member = make_member(practice.lead_organisation)

    with pytest.raises(PermissionDenied):
        services.practice_transition(practice=practice, user=member, name=name, comment="x")

    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_a_member_cannot_submit_another_organisations_practice(
    complete, make_member, organisation_factory
):
    practice = complete()
    outsider = make_member(organisation_factory())

    with pytest.raises(PermissionDenied):
        services.practice_transition(practice=practice, user=outsider, name="submit")

    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_a_member_can_withdraw_their_submission(complete, make_member):
    practice = complete(status=S.SUBMITTED)
    member = make_member(practice.lead_organisation)

    services.practice_transition(practice=practice, user=member, name="withdraw")

    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_a_step_on_a_practice_deleted_meanwhile_says_so(complete, editor):
    practice = complete(status=S.SUBMITTED)
    Practice.objects.filter(pk=practice.pk).delete()

    with pytest.raises(ValidationError, match="no longer exists"):
        services.practice_transition(practice=practice, user=editor, name="publish")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search vector exists on PostgreSQL only"
)
def test_a_step_refreshes_the_search_vector(complete, editor):
    practice = complete(status=S.SUBMITTED, title="Youth guarantee in Trøndelag")
    PracticeSearch.objects.filter(practice=practice).delete()

    services.practice_transition(practice=practice, user=editor, name="publish")

    search = PracticeSearch.objects.get(practice=practice)
    assert search.published_at == Practice.objects.get(pk=practice.pk).published_at
