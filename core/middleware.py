"""Makes each request's audience current (see core.visibility), so that whatever
the request renders, GraphQL, HTML pages, rich text, applies the public rules of
its own site and moment."""

from .visibility import audience_of


class AudienceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audience_of(request):
            return self.get_response(request)
