from wagtail import hooks

from pages.schema import PagesQuery

# grapple's `snippets` and `search` return unpublished snippets; organizations and
# the council have root fields of their own that return only published ones.
WITHHELD_ROOT_FIELDS = ("snippets", "search")


def _is_grapple_mixin(mixin, field_name):
    return hasattr(mixin, field_name) and mixin.__module__.startswith("grapple.")


@hooks.register("register_schema_query", order=100)
def replace_grapple_root_fields(query_mixins):
    kept = [
        mixin
        for mixin in query_mixins
        if not any(_is_grapple_mixin(mixin, name) for name in WITHHELD_ROOT_FIELDS)
    ]
    query_mixins[:] = [
        PagesQuery() if _is_grapple_mixin(mixin, "pages") else mixin for mixin in kept
    ]
