from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from grapple.settings import grapple_settings

# The portal posts without cookies, so CSRF does not apply; GraphiQL only where
# the settings expose it (development).
graphql_view = csrf_exempt(GraphQLView.as_view(graphiql=grapple_settings.EXPOSE_GRAPHIQL))
