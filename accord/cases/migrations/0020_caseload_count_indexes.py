"""The indexes the caseload's count reads (docs/performance.md).

The count of "My cases" is worked out in three parts, one per role (selectors.caseload); each
part reads one person's index of open cases, which now also holds the deadline and the roles
before it, so PostgreSQL counts from the index alone instead of reading every open case of the
person. A council's cases index also holds the stage, for the caseload filtered by both.
As in 0019, PostgreSQL builds them CONCURRENTLY (writes to cases go on meanwhile), and a build
that fails part-way leaves an invalid index to drop before migrating again.
"""

from importlib import import_module

from django.db import migrations, models

_by_person = import_module("accord.cases.migrations.0019_open_cases_by_person")
AddIndexConcurrentlyOnPostgreSQL = _by_person.AddIndexConcurrentlyOnPostgreSQL

ROLES = ("coordinator", "adviser", "mediator")


class RemoveIndexConcurrentlyOnPostgreSQL(migrations.RemoveIndex):
    """RemoveIndex, dropped without locking out writes where the database can."""

    _how = staticmethod(AddIndexConcurrentlyOnPostgreSQL._how)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            index = from_state.models[app_label, self.model_name_lower].get_index_by_name(
                self.name
            )
            schema_editor.remove_index(model, index, **self._how(schema_editor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            index = to_state.models[app_label, self.model_name_lower].get_index_by_name(
                self.name
            )
            schema_editor.add_index(model, index, **self._how(schema_editor))


def covering(i: int, person: str) -> AddIndexConcurrentlyOnPostgreSQL:
    return AddIndexConcurrentlyOnPostgreSQL(
        model_name="case",
        index=models.Index(
            condition=models.Q(("state", "closed"), _negated=True),
            fields=["provider", person],
            include=[*ROLES[:i], "next_deadline_on"],
            name=f"case_open_{person}",
        ),
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("cases", "0019_open_cases_by_person")]

    operations = [
        *(
            op
            for i, person in enumerate(ROLES)
            for op in (
                RemoveIndexConcurrentlyOnPostgreSQL(model_name="case", name=f"case_open_{person}"),
                covering(i, person),
            )
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="case",
            index=models.Index(
                fields=["provider", "local_authority", "state"], name="cases_case_provide_c4a27b_idx"
            ),
        ),
        RemoveIndexConcurrentlyOnPostgreSQL(
            model_name="case", name="cases_case_provide_0dc69b_idx"
        ),
    ]
