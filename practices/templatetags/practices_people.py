"""`{{ user|person_name }}`: a person by their full name, else their user name."""

from django import template

from ..people import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    return _person_name(user)
