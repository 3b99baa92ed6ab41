from django.db import migrations


class Migration(migrations.Migration):
    """TaskHeartbeat now lives in core (core/migrations/0003 takes over the table)."""

    dependencies = [
        ("case_search", "0007_index_carries_labels"),
        ("core", "0003_taskheartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TaskHeartbeat")],
            database_operations=[],
        ),
    ]
