"""`siteSettings`: the settings of the site the request is for."""

import graphene
from grapple.helpers import register_graphql_schema
from grapple.registry import registry

from core.visibility import audience

from .models import SiteSettings


def site_settings_type():
    return registry.settings[SiteSettings]


@register_graphql_schema
class SiteSettingsQuery:
    site_settings = graphene.Field(
        graphene.NonNull(site_settings_type),
        description="Contact details, footer and social links of this site (empty until "
        "an editor fills them in).",
    )

    def resolve_site_settings(root, info):
        site = audience().site
        # Read only: an API request never writes (the admin creates the row).
        return SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
