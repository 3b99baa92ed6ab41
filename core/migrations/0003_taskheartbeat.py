from django.db import migrations, models


class Migration(migrations.Migration):
    """TaskHeartbeat moved here from search (case_search): its table is taken over as it is
    (state only), then renamed to this app's name in 0004."""

    dependencies = [
        ("core", "0002_content_version_table"),
        ("case_search", "0006_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TaskHeartbeat",
                    fields=[
                        ("task_id", models.UUIDField(primary_key=True, serialize=False)),
                        ("beat_at", models.DateTimeField()),
                    ],
                    options={"db_table": "case_search_taskheartbeat"},
                ),
            ],
            database_operations=[],
        ),
    ]
