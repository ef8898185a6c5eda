from django.urls import path
from django.views.generic import TemplateView

from .browse import views
from .exchange import export
from .exchange.feeds import practice_feed

app_name = "practices"

urlpatterns = [
    path("", views.home, name="home"),
    path("practices/", views.practice_list, name="list"),
    path("practices/export.csv", export.practice_export, name="export"),
    path("practices/feed.atom", practice_feed, name="feed"),
    path("practices/overview/", views.overview, name="overview"),
    path(
        "practices/overview/<slug:name>.<str:extension>",
        views.overview_picture,
        name="overview_picture",
    ),
    path("practices/<slug:slug>/", views.practice_detail, name="detail"),
    path("target-groups/<slug:slug>/", views.target_group_detail, name="target_group"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("about/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
]
