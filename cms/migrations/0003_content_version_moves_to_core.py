from django.db import migrations


class Migration(migrations.Migration):
    """ContentVersion now lives in core (core/migrations/0001 takes over the table)."""

    dependencies = [
        ("cms", "0002_content_version"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
