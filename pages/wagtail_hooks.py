"""The newsroom in the admin: every news item and event in one list each, the
newest first, with when a scheduled one goes live."""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import EventPage, NewsPage


class ScheduledColumn(Column):
    """When the scheduled version goes live, or nothing."""

    def get_value(self, instance):
        revision = instance.scheduled_revision
        if revision is None or revision.approved_go_live_at is None:
            return ""
        moment = timezone.localtime(revision.approved_go_live_at)
        return f"zaplanowano na {date_format(moment, 'j E Y, H:i')}"


def newsroom_columns(date_column):
    base = [column for column in IndexView.base_columns if column.name != "type"]
    position = next(index for index, column in enumerate(base) if column.name == "status")
    scheduled = ScheduledColumn("scheduled", label="Publikacja", width="18%")
    return [*base[:position], date_column, base[position], scheduled, *base[position + 1 :]]


class NewsListingViewSet(PageListingViewSet):
    model = NewsPage
    icon = "doc-full"
    menu_label = "Aktualności"
    menu_order = 110
    add_to_admin_menu = True
    columns = newsroom_columns(DateColumn("date", label="Data", sort_key="date", width="12%"))

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(default_ordering="-date", **kwargs)


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = "Wydarzenia"
    menu_order = 111
    add_to_admin_menu = True
    columns = newsroom_columns(DateColumn("start", label="Początek", sort_key="start", width="14%"))

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(default_ordering="-start", **kwargs)


@hooks.register("register_admin_viewset")
def register_newsroom():
    return [NewsListingViewSet("aktualnosci"), EventListingViewSet("wydarzenia")]
