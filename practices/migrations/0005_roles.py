"""The Member and Editor groups with their permissions (see practices/workflow/roles.py).

Permissions are normally created after `migrate` finishes; they are created here first so that
the groups can hold them on a fresh database. `manage.py create_demo_users` runs the same
`ensure_roles()` again, which also picks up permissions added by later migrations.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)

    from practices.workflow.roles import ensure_roles

    ensure_roles(apps)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Member", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_workflow_submitted_by_and_inline_history"),
        ("regions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
