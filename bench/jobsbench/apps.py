from django.apps import AppConfig


class JobsBenchConfig(AppConfig):
    """Installed only in the benchmark's settings, so its job types exist nowhere else."""

    name = "bench.jobsbench"
    label = "jobsbench"
