from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from graphene import ObjectType
from graphene.types.utils import get_field_as
from graphene.utils.str_converters import to_camel_case
from wagtail import hooks


def _attribute(mixin, name):
    """A class attribute as written (a staticmethod stays one), following the MRO."""
    for klass in mixin.__mro__:
        if name in vars(klass):
            return vars(klass)[name]
    return None


def _fields(mixin):
    """The GraphQL fields a query mixin defines (its bases' included)."""
    names = {
        name
        for klass in mixin.__mro__
        for name, value in vars(klass).items()
        if get_field_as(value) is not None
    }
    return {name: _attribute(mixin, name) for name in names}


@hooks.register("register_schema_query", order=1000)
def offer_only_allowed_root_fields(query_mixins):
    """The root fields of the public schema are those named in ``API_ROOT_FIELDS``,
    nothing else: a root field that grapple, or any app, adds later stays out
    until it is listed. Where several mixins define the same field, the one
    registered last wins, so an app's field replaces grapple's (``pages``,
    ``images``…). A listed field that nobody defines is a configuration error."""
    allowed = set(settings.API_ROOT_FIELDS)
    chosen = {}
    for mixin in query_mixins:
        if mixin is ObjectType:
            continue
        for name, field in _fields(mixin).items():
            if to_camel_case(name) in allowed:
                chosen[name] = (field, _attribute(mixin, f"resolve_{name}"))
    missing = allowed - {to_camel_case(name) for name in chosen}
    if missing:
        raise ImproperlyConfigured(f"API_ROOT_FIELDS names fields no app defines: {missing}")
    attributes = {}
    for name, (field, resolver) in chosen.items():
        attributes[name] = field
        if resolver is not None:
            attributes[f"resolve_{name}"] = resolver
    query_mixins[:] = [type("PublicRootFields", (), attributes), ObjectType]
