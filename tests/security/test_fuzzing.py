"""Property-based tests: whatever query string or path segment arrives, the answer is never a 5xx.

Bad input must give a page, a 400 or a 404. The strategies mix the real parameter names with
random ones, repeat keys, and send huge values, NUL bytes, any unicode and broken percent-encoding.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=150,
    deadline=None,
    # The practices are created once per test, not per example: the pages only read them.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PARAMETERS = [
    "q",
    "country",
    "region",
    "target_group",
    "theme",
    "funding",
    "organisation",
    "kind",
    "level",
    "evidence",
    "status",
    "start_from",
    "start_to",
    "sort",
    "page",
    "format",
]
TRICKY_VALUES = [
    "",
    "\x00",
    "a\x00b",
    "%",
    "%zz",
    "%ff%fe",
    "%00",
    "%C0%AF",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2020-",
    "../../etc/passwd",
    "' OR 1=1 --",
    "\\",
    "\ud7ff\ue000\U0010ffff",
    "Borås Trøndelag Euskadi",
    "x" * 10_000,
]

key = st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=20))
value = st.one_of(
    st.sampled_from(TRICKY_VALUES),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=3000),
    st.integers().map(str),
)


@st.composite
def raw_query_strings(draw):
    """A raw QUERY_STRING as a WSGI server hands it over: latin-1 text of the request's bytes."""
    pairs = draw(st.lists(st.tuples(key, value), max_size=12))
    encoded = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    # Sometimes add bytes no encoder makes: broken escapes, bare separators, non-UTF-8.
    junk = draw(
        st.lists(
            st.sampled_from(["%", "%G1", "%ff", "&&", "==", ";", "+", "%00", "\xff\xfe", "#"]),
            max_size=4,
        )
    )
    return encoded + "".join(junk)


@pytest.fixture
def catalogue(practice_factory, target_group_factory, theme_factory, funding_source_factory):
    group, theme, fund = target_group_factory(), theme_factory(), funding_source_factory()
    practices = [
        practice_factory(
            published=True, target_groups=[group], themes=[theme], funding_sources=[fund]
        )
        for _ in range(3)
    ]
    practice_factory()  # a draft
    return practices


def get(client, path, query_string=""):
    response = client.generic("GET", path, QUERY_STRING=query_string)
    assert response.status_code < 500, f"{path}?{query_string!r} gave {response.status_code}"
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)  # a streamed export fails while it streams
    return response


@pytest.mark.django_db
@FUZZ
@given(query_string=raw_query_strings())
def test_the_list_never_fails_on_any_query_string(client, catalogue, query_string):
    response = get(client, reverse("practices:list"), query_string)
    if response.status_code == 302:  # empty parameters: to the address in use, which answers
        path, _, rest = response["Location"].partition("?")
        assert path == reverse("practices:list")
        response = get(client, path, rest)
    assert response.status_code in {200, 400, 404}


@pytest.mark.django_db
@FUZZ
@given(query_string=raw_query_strings())
def test_the_export_never_fails_on_any_query_string(client, catalogue, query_string):
    response = get(client, reverse("practices:export"), query_string)
    assert response.status_code in {200, 400, 404}


@pytest.mark.django_db
@FUZZ
@given(query_string=raw_query_strings())
def test_the_practice_page_never_fails_on_any_query_string(client, catalogue, query_string):
    response = get(client, catalogue[0].get_absolute_url(), query_string)
    assert response.status_code in {200, 400, 404}


PREFIXES = ["/practices/", "/regions/", "/target-groups/", "/themes/", "/practices/export.csv/"]


@pytest.mark.django_db
@FUZZ
@given(
    prefix=st.sampled_from(PREFIXES),
    segment=st.one_of(
        st.text(min_size=1, max_size=300),
        st.sampled_from(["..", ".", "%", "%2e%2e", "%00", "\x00", "a" * 5000, "export.csv"]),
    ),
    quoted=st.booleans(),
    slash=st.booleans(),
)
def test_pages_never_fail_on_any_path_segment(client, catalogue, prefix, segment, quoted, slash):
    path = prefix + (quote(segment, safe="") if quoted else segment) + ("/" if slash else "")
    response = get(client, path)
    assert response.status_code in {200, 301, 400, 404}
