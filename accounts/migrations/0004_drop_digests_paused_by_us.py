"""Drop ``GoogleAccount.digests_paused_by_us``: "paused" lives on ``digests.Schedule`` alone.

``digests/0007_schedules`` reads the column to say who paused a schedule, so it runs first
(its ``run_before`` names this migration; accounts itself does not depend on digests).
Reversing adds the column back with its default (False): who paused is kept on the schedules.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_timezone_default_from_config"),
    ]

    operations = [
        migrations.RemoveField(model_name="googleaccount", name="digests_paused_by_us"),
    ]
