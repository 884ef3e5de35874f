from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = "Digests"

    def ready(self) -> None:
        # Connecting Google starts digests; losing it stops them. accounts sends the signals
        # and never imports digests, so the dependency points one way.
        from accounts import signals
        from digests import schedules

        signals.google_connected.connect(
            schedules.on_google_connected, dispatch_uid="digests.google_connected"
        )
        signals.google_disconnected.connect(
            schedules.on_google_gone, dispatch_uid="digests.google_disconnected"
        )
        signals.google_needs_reauth.connect(
            schedules.on_google_gone, dispatch_uid="digests.google_needs_reauth"
        )
