"""Drop ``User.digest_preferences``: digest preferences live on ``digests.DigestPreferences``.

``digests/0006_preferences`` copies the JSON into that model's columns and
``digests/0007_schedules`` moves its ``schedule`` and ``paused`` keys onto ``digests.Schedule``;
both read the column, so both run first (their ``run_before`` names this migration; accounts
itself does not depend on digests). Reversing adds the column back holding ``{}``; reversing
those two digests migrations then writes the preferences back into it from their rows.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_drop_digests_paused_by_us"),
    ]

    operations = [
        migrations.RemoveField(model_name="user", name="digest_preferences"),
    ]
