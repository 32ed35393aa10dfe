from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = "Organizacje"

    def ready(self):
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import published

        from . import (
            schema,  # noqa: F401  (registers the root GraphQL fields)
            tasks,
        )
        from .models import Organization
        from .permissions import OrganizationPermissionPolicy

        # Before any admin view asks (Wagtail would otherwise make its default).
        register_permission_policy(Organization, OrganizationPermissionPolicy(Organization))
        tasks.connect()
        published.connect(_logo_goes_public, sender=Organization, dispatch_uid="organization-logo")


def _logo_goes_public(sender, instance, **kwargs):
    from .accounts import publish_logo

    publish_logo(instance)
