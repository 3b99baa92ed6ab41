from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_taskheartbeat"),
        ("case_search", "0008_taskheartbeat_moves_to_core"),
    ]

    operations = [
        migrations.AlterModelTable(name="taskheartbeat", table=None),
    ]
