"""The vocabularies' names and descriptions per language (practices/translation.py): a column
per language, the English ones filled from today's names. The other languages: 0022.

The columns are added as plain nullable columns, each name column with its own unique index, in
the database; the state is modeltranslation's (unique names). Adding a unique column directly
would make SQLite rebuild the tables, which drops their triggers (the catalogue version, the
search) and breaks the search views that name them.
"""

from django.db import migrations, models

LANGUAGES = ["ca", "de", "en", "es", "eu", "fr", "it", "nb", "sv"]
MODELS = ["fundingsource", "targetgroup", "theme"]


def fill_english(apps, schema_editor):
    for model in ("TargetGroup", "Theme", "FundingSource"):
        for term in apps.get_model("practices", model).objects.all():
            term.name_en, term.description_en = term.name, term.description
            term.save(update_fields=["name_en", "description_en"])


def operations():
    found = []
    for model in MODELS:
        for code in LANGUAGES:
            found.append(
                migrations.AddField(
                    model_name=model,
                    name=f"description_{code}",
                    field=models.TextField(blank=True, null=True),
                )
            )
            name = f"name_{code}"
            found.append(
                migrations.SeparateDatabaseAndState(
                    state_operations=[
                        migrations.AddField(
                            model_name=model,
                            name=name,
                            field=models.CharField(max_length=120, null=True, unique=True),
                        )
                    ],
                    database_operations=[
                        migrations.AddField(
                            model_name=model,
                            name=name,
                            field=models.CharField(max_length=120, null=True),
                        ),
                        migrations.RunSQL(
                            f"CREATE UNIQUE INDEX practices_{model}_{name}_uniq "
                            f"ON practices_{model} ({name})",
                            f"DROP INDEX practices_{model}_{name}_uniq",
                        ),
                    ],
                )
            )
    return found


class Migration(migrations.Migration):
    dependencies = [("practices", "0020_facet_counts_sqlite")]

    operations = [*operations(), migrations.RunPython(fill_english, migrations.RunPython.noop)]
