"""Generators for the API's custom scalars, for the schema fuzzer
(tests/test_fuzz.py): mostly values the API accepts, so that queries reach the
data, and values it must refuse cleanly."""

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes


def mostly(valid, invalid):
    return st.one_of(valid, valid, valid, invalid)


def named(values, invalid=None):
    return mostly(st.sampled_from(values), invalid or st.text(max_size=60)).map(nodes.String)


SCALARS = {
    "PageSize": mostly(st.integers(1, 100), st.integers(-5, 1000)).map(nodes.Int),
    "Offset": mostly(st.integers(0, 100), st.integers(-5, 200_000)).map(nodes.Int),
    "SearchQuery": mostly(
        st.sampled_from(["Legnica", "stowarzyszenie", '"Fundacja ARCHE"', "a", ""]),
        st.text(max_size=260),
    ).map(nodes.String),
    "PageTypes": named(
        [
            "pages.NewsPage",
            "pages.EventPage",
            "pages.StandardPage,pages.HomePage",
            "pages.HistoryPage",
        ]
    ),
    "PageOrder": named(["title", "-title", "path", "-first_published_at", "date", "start"]),
    "MediaOrder": named(["title", "-created_at"]),
    "ImageWidth": mostly(
        st.sampled_from([160, 320, 480, 640, 800, 1024, 1280, 1600, 1920, 2560]),
        st.integers(-5, 10_000),
    ).map(nodes.Int),
    "ImageFill": named(["400x400", "800x450", "1200x630"]),
}

for name, strategy in SCALARS.items():
    schemathesis.graphql.scalar(name, strategy)
