"""Trusted documents: the only operations the API runs when
API_TRUSTED_DOCUMENTS_ONLY is on (api.trusted_documents)."""

from django.db import models


class TrustedDocument(models.Model):
    """One operation of the portal's build, under the sha256 of its text."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    query = models.TextField()
    manifest = models.CharField(
        max_length=100, help_text="Which manifest registered it (e.g. the portal's release)."
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "zaufany dokument"
        verbose_name_plural = "zaufane dokumenty"

    def __str__(self):
        return f"{self.sha256[:12]}… ({self.manifest})"
