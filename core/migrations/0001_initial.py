from django.db import migrations, models


class Migration(migrations.Migration):
    """ContentVersion moved here from cms: the table cms/migrations/0002 created is taken over
    as it is (state only), then renamed to this app's name in 0002."""

    initial = True

    dependencies = [
        ("cms", "0002_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("token", models.CharField(max_length=32)),
                        ("changed_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "content version",
                        "db_table": "cms_contentversion",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
