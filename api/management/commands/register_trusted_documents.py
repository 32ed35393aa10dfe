"""Register the portal build's operations as trusted documents:

    manage.py register_trusted_documents persisted-documents.json --name portal-2026.11.3

The manifest maps each operation's sha256 (hex) to its text, as GraphQL
Codegen's client preset writes it (`persistedDocuments: true`). Every entry is
checked (the hash matches the text, the operation is valid within the API's
limits) before any is saved; all or nothing. Registering again is harmless;
`--prune` also drops documents no longer in the manifest (once no deployed
portal uses them)."""

import hashlib
import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from api.models import TrustedDocument
from api.views import current_limits, prepare


class Command(BaseCommand):
    help = "Registers a manifest of trusted GraphQL documents (sha256 → operation)."

    def add_arguments(self, parser):
        parser.add_argument("manifest", help="JSON file: {sha256: operation text}")
        parser.add_argument("--name", required=True, help="e.g. the portal's release")
        parser.add_argument("--prune", action="store_true", help="drop documents not listed")

    def handle(self, manifest, name, prune, **options):
        try:
            with open(manifest, encoding="utf-8") as file:
                documents = json.load(file)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the manifest {manifest}: {error}") from None
        if not isinstance(documents, dict) or not documents:
            raise CommandError("The manifest must be a non-empty JSON object {sha256: operation}.")
        problems = []
        for sha, query in documents.items():
            if not isinstance(query, str):
                problems.append(f"{sha}: the operation is not a string")
                continue
            if hashlib.sha256(query.encode()).hexdigest() != sha:
                problems.append(f"{sha}: the hash is not the sha256 of its operation")
                continue
            _, errors = prepare(query, current_limits())
            problems.extend(f"{sha}: {error.message}" for error in errors)
        if problems:
            raise CommandError("Nothing registered:\n" + "\n".join(problems[:20]))
        with transaction.atomic():
            known = set(
                TrustedDocument.objects.filter(sha256__in=documents).values_list(
                    "sha256", flat=True
                )
            )
            TrustedDocument.objects.bulk_create(
                TrustedDocument(sha256=sha, query=query, manifest=name[:100])
                for sha, query in documents.items()
                if sha not in known
            )
            pruned = (
                TrustedDocument.objects.exclude(sha256__in=documents).delete()[0] if prune else 0
            )
        self.stdout.write(
            f"{len(documents) - len(known)} new, {len(known)} already registered"
            + (f", {pruned} pruned" if prune else "")
            + f" ({name})."
        )
