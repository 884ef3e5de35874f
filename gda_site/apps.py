from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "gda_site"
    verbose_name = "Site"

    def ready(self) -> None:
        from gda_site import checks  # noqa: F401  (registers the system checks)
