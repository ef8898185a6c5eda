"""Backup and restore, proven (README: Production): the demo catalogue with its history, dumped
with pg_dump and restored with pg_restore into a new database, gives the same CSV export, the same
history of a practice and the same rights to a member."""

import shutil
import subprocess
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection

from practices.exchange.export import iter_csv
from practices.models import Practice
from practices.workflow import roles
from tests.factories import PracticeFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore"),
    pytest.mark.django_db(transaction=True),  # pg_dump sees committed rows only
]


def snapshot():
    """What must survive: the CSV export, one practice's history, a member's rights."""
    practice = Practice.objects.get(slug="alma-catalonia")
    member = User.objects.get(username="backup-member")
    practices = Practice.objects.order_by("pk")
    return {
        "csv": b"".join(
            iter_csv(Practice.objects.published().order_by("pk"), base_url="https://x")
        ),
        "history": list(
            practice.history.order_by("history_id").values_list(
                "history_id", "history_type", "title", "status", "history_date"
            )
        ),
        "rights": [
            (p.slug, roles.can_view(member, p), roles.can_change(member, p)) for p in practices
        ],
        "organisations": sorted(roles.organisation_ids(member)),
    }


def pg(tool, *args):
    """Run one of PostgreSQL's client tools against the tests' server."""
    config = connection.settings_dict
    server = ["-h", config["HOST"] or "127.0.0.1", "-p", str(config["PORT"] or 5432)]
    subprocess.run([shutil.which(tool), *server, "-U", "postgres", *args], check=True)  # noqa: S603


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs PostgreSQL's client tools")
def test_a_dump_restores_the_catalogue_its_history_and_the_rights(tmp_path):
    # A transactional test starts from empty tables: the seed migrations' rows first.
    import_module("practices.migrations.0002_seed_vocabularies").seed(apps, None)
    roles.ensure_roles(apps)
    call_command("load_demo", verbosity=0)
    practice = Practice.objects.get(slug="alma-catalonia")
    practice.summary = practice.summary + " Edited after loading, for the history."
    practice.save()
    member = User.objects.create_user("backup-member", is_staff=True)
    member.groups.add(Group.objects.get(name="Member"))
    practice.lead_organisation.members.add(member)
    PracticeFactory(slug="backup-draft", lead_organisation=practice.lead_organisation)
    before = snapshot()
    assert len(before["history"]) >= 2
    assert ("backup-draft", True, True) in before["rights"]  # the member's own draft

    name = connection.settings_dict["NAME"]
    dump = tmp_path / "earlall.dump"
    pg("pg_dump", "--format=custom", "--file", str(dump), name)
    restored = f"{name}_restored"
    pg("dropdb", "--if-exists", restored)
    pg("createdb", restored)
    pg("pg_restore", "--no-owner", "--dbname", restored, str(dump))
    try:
        connection.close()
        connection.settings_dict["NAME"] = restored
        after = snapshot()
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        pg("dropdb", "--if-exists", restored)
    assert after == before
