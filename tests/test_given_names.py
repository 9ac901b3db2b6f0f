"""Given names (extract/given_names.py): people the small model takes for places or titles."""
from __future__ import annotations

import pytest

from newsgraph.extract.given_names import given_names

from .conftest import entities_of


def test_the_census_first_names_are_read_without_function_words():
    names = given_names()
    assert len(names) > 4000
    assert {"ines", "marta", "nadia", "tomas", "bo"} <= names
    assert not {"an", "in"} & names  # census names that are English function words


@pytest.mark.parametrize("text, person", [
    # the model reads each of these names as a location, a place or a work of art
    ("Ines Okafor took the helm at Halvex Inc in 2019.", "Ines Okafor"),
    ("Ines Okafor said the deal would close soon.", "Ines Okafor"),
    ('"It is a good deal," Bo Lind said.', "Bo Lind"),
    ("The company hired Marta Kovac last year.", "Marta Kovac"),
])
def test_a_name_that_opens_with_a_given_name_is_a_person(engine, text, person):
    assert (person, "Person") in entities_of(engine, text)


@pytest.mark.parametrize("text, name", [
    ("He moved to Carson City in 1990.", "Carson City"),
    ("The rally was held in Grant Park on Sunday.", "Grant Park"),
])
def test_a_town_or_park_named_after_a_person_stays_a_place(engine, text, name):
    assert not any(label == name for label, _ in entities_of(engine, text))
