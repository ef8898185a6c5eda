from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import requires_csrf_token

from .models import Practice, TargetGroup, Theme


def home(request):
    published = Practice.objects.published()
    return render(
        request,
        "practices/home.html",
        {
            "practice_count": published.count(),
            "latest": published.for_list()[:6],
            "target_groups": TargetGroup.objects.all(),
            "themes": Theme.objects.all(),
        },
    )


def practice_list(request):
    practices = Practice.objects.published().for_list()
    return render(request, "practices/practice_list.html", {"practices": practices[:50]})


def practice_detail(request, slug):
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    return render(request, "practices/practice_detail.html", {"practice": practice})


def target_group_detail(request, slug):
    target_group = get_object_or_404(TargetGroup, slug=slug)
    practices = Practice.objects.published().filter(target_groups=target_group).for_list()
    return render(
        request,
        "practices/vocabulary_detail.html",
        {"term": target_group, "practices": practices},
    )


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    practices = Practice.objects.published().filter(themes=theme).for_list()
    return render(
        request, "practices/vocabulary_detail.html", {"term": theme, "practices": practices}
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)
