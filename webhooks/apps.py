from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooki"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.events import public_content_changed

        from .delivery import on_public_content_changed

        public_content_changed.connect(on_public_content_changed, dispatch_uid="webhooks")
