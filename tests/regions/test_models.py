import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regions.models import Region


@pytest.mark.parametrize("code", ["NO06", "ES51", "ES21", "SE232", "DE1"])
def test_it_accepts_well_formed_nuts_codes(region_factory, code):
    region = region_factory.build(nuts_code=code)
    region.full_clean()


@pytest.mark.parametrize("code", ["N06", "es51", "ES-51", "ESABCD", "1234"])
def test_it_rejects_malformed_nuts_codes_with_a_clear_message(region_factory, code):
    region = region_factory.build(nuts_code=code)
    with pytest.raises(ValidationError) as excinfo:
        region.full_clean()
    assert "two capital letters then one to three" in str(excinfo.value.message_dict["nuts_code"])


def test_the_database_rejects_a_malformed_nuts_code(region_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        region_factory(nuts_code="bad!")


def test_nuts_codes_are_unique_where_set(region_factory):
    region_factory(nuts_code="ES51")
    region_factory(nuts_code="")
    region_factory(nuts_code="")  # empty codes never clash
    duplicate = region_factory.build(nuts_code="ES51")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Another region already has this NUTS code." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_duplicate_slug_is_rejected_with_a_clear_message(region_factory):
    region_factory(slug="catalonia")
    duplicate = region_factory.build(slug="catalonia")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Region with this Slug already exists." in excinfo.value.message_dict["slug"]


def test_it_keeps_regions_in_country_then_name_order(region_factory):
    region_factory(name="Västra Götaland", country="SE")
    region_factory(name="Catalonia", country="ES")
    region_factory(name="Basque Country", country="ES")
    assert [r.name for r in Region.objects.all()] == [
        "Basque Country",
        "Catalonia",
        "Västra Götaland",
    ]
