"""The catalogue's DCAT-AP description (/catalog.jsonld), read as linked data with rdflib, has
what DCAT-AP makes mandatory for a catalogue, its dataset, distributions and agents."""

import pytest
from django.test import override_settings
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from practices.browse.cache import clear

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
AUTHORITY = "http://publications.europa.eu/resource/authority"


@pytest.fixture
def graph(client, catalogue):
    clear()
    response = client.get("/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    graph = Graph()
    graph.parse(data=response.content, format="json-ld")
    return graph


def one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert values, f"{subject} has no {predicate}"
    return values[0]


def test_the_catalogue_has_its_mandatory_properties(graph):
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert str(one(graph, catalogue, DCTERMS.title)) == "EARLALL Practices"
    assert one(graph, catalogue, DCTERMS.description)
    publisher = one(graph, catalogue, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert "EARLALL" in str(one(graph, publisher, FOAF.name))
    assert one(graph, catalogue, DCAT.dataset)
    assert one(graph, catalogue, FOAF.homepage) == URIRef("http://testserver/")


def test_the_dataset_describes_the_published_practices(graph):
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    assert one(graph, dataset, DCTERMS.title)
    assert one(graph, dataset, DCTERMS.description)
    assert one(graph, dataset, DCTERMS.language) == URIRef(f"{AUTHORITY}/language/ENG")
    assert URIRef(f"{AUTHORITY}/data-theme/EDUC") in set(graph.objects(dataset, DCAT.theme))
    contact = one(graph, dataset, DCAT.contactPoint)
    assert one(graph, contact, VCARD.hasURL)
    spatial = set(graph.objects(dataset, DCTERMS.spatial))
    # The catalogue's published practices run in Spain, Norway and Sweden.
    assert {URIRef(f"{AUTHORITY}/country/{code}") for code in ("ESP", "NOR", "SWE")} <= spatial
    keywords = {str(k) for k in graph.objects(dataset, DCAT.keyword)}
    assert "NEETs" in keywords
    period = one(graph, dataset, DCTERMS.temporal)
    assert str(one(graph, period, DCAT.startDate)) == "2010-01-01"


def test_every_distribution_has_an_access_url_format_and_licence(graph):
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 4
    access = set()
    for distribution in distributions:
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        access.add(str(one(graph, distribution, DCAT.accessURL)))
        assert one(graph, distribution, DCTERMS.format)
        assert one(graph, distribution, DCTERMS.license) == URIRef(
            "https://creativecommons.org/licenses/by/4.0/"
        )
    assert access == {
        "http://testserver/practices/export.csv",
        "http://testserver/api/v1/practices.jsonl",
        "http://testserver/api/v1/",
        "http://testserver/practices/feed.atom",
    }
    (service,) = graph.subjects(RDF.type, DCAT.DataService)
    assert one(graph, service, DCAT.endpointURL) == URIRef("http://testserver/api/v1/")
    assert one(graph, service, DCAT.endpointDescription) == URIRef(
        "http://testserver/api/v1/openapi.json"
    )


def test_the_licence_comes_from_the_setting(client, catalogue):
    with override_settings(DATA_LICENCE="https://creativecommons.org/publicdomain/zero/1.0/"):
        graph = Graph().parse(data=client.get("/catalog.jsonld").content, format="json-ld")
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {URIRef("https://creativecommons.org/publicdomain/zero/1.0/")}
    assert Literal("EARLALL Practices", lang="en") in set(graph.objects(None, DCTERMS.title))
