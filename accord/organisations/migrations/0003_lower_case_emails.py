"""Signing in is not case-sensitive: every stored email address is lower-cased. Two accounts
whose addresses differ only in case cannot both keep theirs, so the migration stops and names
them rather than merging or dropping anyone (a person must decide which account stays)."""

from django.db import migrations


def lower_case_emails(apps, schema_editor):
    User = apps.get_model("organisations", "User")
    seen: dict[str, str] = {}
    clashes = []
    for email in User.objects.order_by("pk").values_list("email", flat=True):
        lowered = email.strip().lower()
        if lowered in seen:
            clashes.append(f"{seen[lowered]} and {email}")
        seen[lowered] = email
    if clashes:
        raise RuntimeError(
            "These accounts have email addresses that differ only in capitals: "
            + "; ".join(clashes)
            + ". Change or remove one of each pair, then migrate again."
        )
    for user in User.objects.all():
        lowered = user.email.strip().lower()
        if lowered != user.email:
            User.objects.filter(pk=user.pk).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_service_setup")]

    operations = [migrations.RunPython(lower_case_emails, migrations.RunPython.noop)]
