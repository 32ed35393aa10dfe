"""Text helpers shared by the apps."""

from django.utils.text import slugify

# "ł" has no Unicode decomposition, so slugify() would drop it ("Łódź" -> "odz");
# "o/Legnica" should read "o-legnica", not "olegnica".
_NON_DECOMPOSING = str.maketrans({"ł": "l", "Ł": "L", "/": " "})


def polish_slugify(text):
    return slugify(text.translate(_NON_DECOMPOSING))
