"""PracticeText: SQLite's FTS5 table (0016) as an unmanaged model, so a search can join it under
the query's own alias and rank by bm25 (browse/search.py). No change to the database."""

import django.db.models.deletion
import practices.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('practices', '0016_search_everything'),
    ]

    operations = [
        migrations.CreateModel(
            name='PracticeText',
            fields=[
                ('practice', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='text', serialize=False, to='practices.practice')),
                ('document', practices.models.FtsDocumentField(db_column='practices_search_fts')),
            ],
            options={
                'db_table': 'practices_search_fts',
                'managed': False,
            },
        ),
    ]
