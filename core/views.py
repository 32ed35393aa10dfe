from django.http import Http404


def page_password_form_not_offered(request, *args, **kwargs):
    """Pages under a view restriction are never served (core.visibility), so
    Wagtail's form to unlock one is not offered either: answering it for any
    page id would tell which ids exist, drafts included."""
    raise Http404


def private_media(request, name):
    """A file of an image in a restricted collection (core.media), to whom
    every restriction on the collection lets in (Wagtail's rule for
    documents); 404 to anyone else, as if there were no such file."""
    from django.http import FileResponse, HttpResponseRedirect
    from django.utils.cache import patch_cache_control, patch_vary_headers
    from wagtail.images import get_image_model
    from wagtail.images.models import Rendition

    from .media import PrivacyRouting, is_private, restrictions_of

    if not is_private(name) or not request.user.is_authenticated:
        raise Http404
    images = get_image_model().objects.select_related("collection")
    image = images.filter(file=name).first()
    if image is None:
        rendition = Rendition.objects.filter(file=name).select_related("image__collection")
        rendition = rendition.first()
        image = rendition.image if rendition is not None else None
    if image is None or not all(r.accept_request(request) for r in restrictions_of(image)):
        raise Http404
    storage = image.file.storage
    try:
        storage.path(name)
    except NotImplementedError:  # a bucket: on to a signed URL of its own
        direct_url = storage.direct_url if isinstance(storage, PrivacyRouting) else storage.url
        response = HttpResponseRedirect(direct_url(name))
    else:
        try:
            response = FileResponse(storage.open(name, "rb"))
        except FileNotFoundError:
            raise Http404 from None
    patch_cache_control(response, private=True, max_age=600)
    patch_vary_headers(response, ["Cookie"])
    return response


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (it checks the collection's privacy setting),
    with a document of a restricted collection marked private for every cache
    between (a CDN must not hand one admitted user's copy to the next)."""
    from django.utils.cache import patch_cache_control, patch_vary_headers
    from wagtail.documents import get_document_model
    from wagtail.documents.views.serve import serve

    if len(document_id) > 18:  # past any id a database holds
        raise Http404
    response = serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":  # Wagtail's, for files without one
        del response["Content-Encoding"]
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is not None and document.collection.get_view_restrictions().exists():
        patch_cache_control(response, private=True, max_age=600)
        patch_vary_headers(response, ["Cookie"])
    return response
