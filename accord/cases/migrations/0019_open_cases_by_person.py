"""Each person's open cases, indexed for "My cases" (docs/performance.md).

On PostgreSQL the indexes are built CONCURRENTLY, so a service migrating a large live database
keeps taking writes to its cases while they are built (a few seconds each at 1,000,000 cases);
that cannot run inside a transaction, hence `atomic = False`. Should a build fail part-way,
PostgreSQL leaves the index marked invalid: drop it (`DROP INDEX CONCURRENTLY case_open_…`)
and migrate again. SQLite builds them as usual.
"""

from django.conf import settings
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgreSQL(migrations.AddIndex):
    """AddIndex, built without locking out writes where the database can."""

    @staticmethod
    def _how(schema_editor) -> dict[str, bool]:
        return {"concurrently": True} if schema_editor.connection.vendor == "postgresql" else {}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index, **self._how(schema_editor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index, **self._how(schema_editor))


def open_cases_by(person: str) -> AddIndexConcurrentlyOnPostgreSQL:
    """The provider's open cases of one person: its coordinator, adviser or mediator."""
    return AddIndexConcurrentlyOnPostgreSQL(
        model_name="case",
        index=models.Index(
            condition=models.Q(("state", "closed"), _negated=True),
            fields=["provider", person],
            name=f"case_open_{person}",
        ),
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0018_name_search_column"),
        ("organisations", "0005_merge_parallel_work_2"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [open_cases_by(person) for person in ("coordinator", "adviser", "mediator")]
