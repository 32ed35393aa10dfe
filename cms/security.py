"""The Content-Security-Policy middleware: django-csp's, with one allowance for
the admin, whose Wagtail templates carry inline scripts (their configuration,
written by Wagtail without a nonce). The public HTML, the feeds and the API keep
the strict policy of CONTENT_SECURITY_POLICY."""

from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.conf import settings
from django.urls import reverse

# Admin views that render the site's own templates (drafts, revisions,
# previews): the page's HTML (embeds included) gets the public's strict policy.
SITE_HTML_VIEWS = {
    "view_draft",
    "revisions_view",
    "preview_on_edit",
    "preview_on_add",
    "preview_on_create",
    "preview_revision",
}


def _renders_the_admin(request):
    if not request.path_info.startswith(reverse("wagtailadmin_home")):
        return False
    match = getattr(request, "resolver_match", None)
    return match is None or match.url_name not in SITE_HTML_VIEWS


class CSPMiddleware(DjangoCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if _renders_the_admin(request):
            update = dict(parts.update or {})
            for directive, sources in settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
