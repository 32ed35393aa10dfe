"""`redirect(path)`: where an old address leads now, from Wagtail's redirects
(made by editors, and by Wagtail whenever a page is renamed or moved), so that
the portal can follow a renamed page with a 301 instead of showing a 404.

The same rule as the HTML site's (core.middleware.PublicRedirectMiddleware):
a redirect to a page leads there only while that page is public; one to a page
that was unpublished or restricted since answers null, as if there were none.
"""

import graphene
from grapple.helpers import register_graphql_schema
from grapple.types.interfaces import get_page_interface

from core.middleware import find_redirect, leads_to_public
from core.portal import page_path, public_url


class RedirectType(graphene.ObjectType):
    """Where an old address of this site leads now."""

    old_path = graphene.String(
        required=True, description="The old path, as Wagtail stores it (no trailing slash)."
    )
    url = graphene.String(
        required=True,
        description="Where to send the reader: a public page's URL (by the API's rule for "
        "URLs) or the address an editor gave.",
    )
    is_permanent = graphene.Boolean(
        required=True, description="Permanent (answer 301) or temporary (answer 302)."
    )
    page = graphene.Field(
        get_page_interface,
        description="The page it leads to; null when it leads to another address.",
    )

    class Meta:
        name = "Redirect"


@register_graphql_schema
class RedirectQuery:
    redirect = graphene.Field(
        RedirectType,
        path=graphene.String(
            required=True,
            description='A path on this site that the portal could not find, e.g. "/o-nas/".',
        ),
        description="Where an old or renamed address leads now; null if it leads nowhere public.",
    )

    def resolve_redirect(root, info, path):
        request = info.context
        found = find_redirect(request, path)
        if found is None or not leads_to_public(found):
            return None
        page = None
        if found.redirect_page_id:
            page = found.redirect_page.specific
            url = public_url(page_path(page, request), request)
        elif found.redirect_link:
            link = found.redirect_link
            url = public_url(link, request) if link.startswith("/") else link
        else:
            return None
        return RedirectType(
            old_path=found.old_path, url=url, is_permanent=found.is_permanent, page=page
        )
