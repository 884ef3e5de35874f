from django.apps import AppConfig


class ProcappConfig(AppConfig):
    name = "tests.jobs.procapp"
    label = "jobs_procapp"
    default_auto_field = "django.db.models.BigAutoField"
