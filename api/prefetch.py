"""Batch-load what the API will read of a list of objects, so a list costs the
same number of queries whatever its length.

Each page model declares `api_prefetch()`, the lookups its GraphQL fields need;
objects of mixed types are grouped by type and prefetched once per type.
"""

from itertools import groupby

from django.db.models import prefetch_related_objects


def prefetch_for_api(instances):
    instances = [instance for instance in instances if instance is not None]
    by_type = sorted(instances, key=lambda instance: type(instance)._meta.label)
    for _, group in groupby(by_type, key=type):
        group = list(group)
        lookups = getattr(type(group[0]), "api_prefetch", lambda: ())()
        if lookups:
            prefetch_related_objects(group, *lookups)
    return instances
