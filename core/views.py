from django.http import Http404


def page_password_form_not_offered(request, *args, **kwargs):
    """Pages under a view restriction are never served (core.visibility), so
    Wagtail's form to unlock one is not offered either: answering it for any
    page id would tell which ids exist, drafts included."""
    raise Http404
