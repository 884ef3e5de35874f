"""Several schedules per person, from the one in ``User.digest_preferences``.

Each user gets one Schedule named "Digests" from ``digest_preferences["schedule"]``, their
time zone and ``deliver_email``; ``paused`` moves onto it (by "Google disconnected" when
``GoogleAccount.digests_paused_by_us`` says the pause was ours, else by "you"), and the keys
``schedule`` and ``paused`` leave the JSON. The user's recurring digest job is re-keyed to the
new schedule (``"<cron> #schedule-<id>"``); leftovers of earlier schedules are deleted.
"""

import django.db.models.deletion
import jobs.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


DIGEST_JOB = "digest.send"
DEFAULT_CRON = "0 8,17 * * 1-5"


def json_to_schedules(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    GoogleAccount = apps.get_model("accounts", "GoogleAccount")
    Schedule = apps.get_model("digests", "Schedule")
    Job = apps.get_model("jobs", "Job")
    ours = set(
        GoogleAccount.objects.filter(digests_paused_by_us=True).values_list("user_id", flat=True)
    )
    now = timezone.now()
    for user in User.objects.all().iterator():
        prefs = dict(user.digest_preferences or {})
        cron = " ".join(str(prefs.pop("schedule", "") or DEFAULT_CRON).split())
        paused = prefs.pop("paused", False) is True
        by = ("Google disconnected" if user.pk in ours else "you") if paused else ""
        schedule = Schedule.objects.create(
            user=user,
            name="Digests",
            cron=cron,
            timezone=user.timezone,
            channel="web" if prefs.get("deliver_email") is False else "email",
            paused=paused,
            paused_by=by,
            paused_reason="Paused before schedules were moved" if paused else "",
            paused_at=now if paused else None,
        )
        recurring = Job.objects.filter(user=user, type=DIGEST_JOB).exclude(schedule="")
        current = recurring.filter(schedule=cron).first()
        recurring.exclude(pk=getattr(current, "pk", None)).delete()
        if current is not None:
            current.schedule = f"{cron} #schedule-{schedule.pk}"
            current.payload = {"manual": False, "schedule_id": schedule.pk}
            current.save(update_fields=["schedule", "payload"])
        user.digest_preferences = prefs
        user.save(update_fields=["digest_preferences"])


def schedules_to_json(apps, schema_editor):
    """Back to one schedule: the user's first, with its pause."""
    User = apps.get_model("accounts", "User")
    Schedule = apps.get_model("digests", "Schedule")
    Job = apps.get_model("jobs", "Job")
    for user in User.objects.all().iterator():
        first = Schedule.objects.filter(user=user).order_by("created_at", "pk").first()
        if first is None:
            continue
        user.digest_preferences = {
            **(user.digest_preferences or {}),
            "schedule": first.cron,
            "paused": first.paused,
        }
        user.save(update_fields=["digest_preferences"])
        key = f"{first.cron} #schedule-{first.pk}"
        recurring = Job.objects.filter(user=user, type=DIGEST_JOB).exclude(schedule="")
        recurring.exclude(schedule=key).delete()
        recurring.filter(schedule=key).update(schedule=first.cron, payload={"manual": False})


class Migration(migrations.Migration):

    # It reads GoogleAccount.digests_paused_by_us, which accounts/0004 drops, and
    # User.digest_preferences, which accounts/0005 drops.
    run_before = [
        ("accounts", "0004_drop_digests_paused_by_us"),
        ("accounts", "0005_drop_user_digest_preferences"),
    ]

    dependencies = [
        ('digests', '0006_preferences'),
        ('accounts', '0003_timezone_default_from_config'),
        ('jobs', '0002_scheduler_heartbeat'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Schedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80)),
                ('cron', models.CharField(help_text="Five-field cron expression, read in the schedule's time zone.", max_length=80, validators=[jobs.models.validate_schedule])),
                ('timezone', models.CharField(max_length=64, validators=[jobs.models.validate_timezone])),
                ('channel', models.CharField(choices=[('email', 'By email, and kept here'), ('web', 'Only here, no email')], default='email', max_length=10)),
                ('paused', models.BooleanField(default=False)),
                ('paused_by', models.CharField(blank=True, choices=[('', 'nobody'), ('you', 'you'), ('unsubscribe link', 'the unsubscribe link'), ('Google disconnected', 'Google disconnected'), ('staff', 'staff')], default='', max_length=32)),
                ('paused_reason', models.CharField(blank=True, default='', max_length=300)),
                ('paused_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='schedules', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('paused', False), ('paused_at__isnull', True), ('paused_by', '')), models.Q(('paused', True), ('paused_at__isnull', False), models.Q(('paused_by', ''), _negated=True)), _connector='OR'), name='digests_schedule_paused_consistent')],
            },
        ),
        migrations.RunPython(json_to_schedules, schedules_to_json),
    ]
