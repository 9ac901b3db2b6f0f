"""NER stage: the model plus the rule layer, on short texts written for the test."""
from __future__ import annotations

import pytest

from .conftest import entities_of, facts


@pytest.mark.parametrize("text, expected", [
    ("Shares of Acme Technologies’s rival fell.", {("Acme Technologies", "Organization")}),
    ("She graduated from Riverside University in 2001.", {("Riverside University", "Organization")}),
    ("He studied at the University of Northland.", {("University of Northland", "Organization")}),
    ("Millions downloaded the Skyline app last year.", {("Skyline", "Product")}),
    ("Nimbus Labs launched the messaging app Chatterly in 2019.",
     {("Nimbus Labs", "Organization"), ("Chatterly", "Product")}),
    ("Millions of people installed Orchid Browser.", {("Orchid Browser", "Product")}),
    ("He was executive director of Orchid Browser.", {("Orchid Browser", "Organization")}),
    ("Chief Financial Officer Yoichi Miyazaki told reporters.", {("Yoichi Miyazaki", "Person")}),
    ("Pellucid Media CFO Ines Duarte said sales rose.",
     {("Pellucid Media", "Organization"), ("Ines Duarte", "Person")}),
    ("Fans were discussing Orchard II and other prototypes at the fair.", {("Orchard II", "Product")}),
    ("Notewise is a note-taking platform under Zentro Group.",
     {("Notewise", "Product"), ("Zentro Group", "Organization")}),
    ("In 2012, Alice Moreau and Bruno Keller co-founded Quillon.",
     {("Alice Moreau", "Person"), ("Bruno Keller", "Person"), ("Quillon", "Organization")}),
    # a pattern's span inside the model's coordination: the other names are kept
    ("Under Tim Cook, Apple launched the Apple Watch and AirPods.",
     {("Tim Cook", "Person"), ("Apple", "Organization"), ("Apple Watch", "Product"), ("AirPods", "Product")}),
    ("She has a degree from the University of Wisconsin-Milwaukee.", {("University of Wisconsin-Milwaukee", "Organization")}),
    ("Samsung said Lee Jae-yong and Han Jong-hee would lead the company.",
     {("Samsung", "Organization"), ("Lee Jae-yong", "Person"), ("Han Jong-hee", "Person")}),
    # titles and occupations are not names, nor part of them
    ("Prime Minister Ada Lund met the Minister of Finance, Tomas Varga, and Drummer Cara Holt.",
     {("Ada Lund", "Person"), ("Tomas Varga", "Person"), ("Cara Holt", "Person")}),
    ("Frédéric Varga (born 1961) is a French composer.", {("Frédéric Varga", "Person")}),
    # a name hyphened to 'based' is a place
    ("Ada Brenner worked at Kettle Systems, a Harwell-based payments firm.",
     {("Ada Brenner", "Person"), ("Kettle Systems", "Organization")}),
    # a one-word name after 'in' that names no person of the text is a place
    ("The plant in Harwell employs 300 people.", set()),
    ("Ada Brenner met Lind in March. She believed in Lind.", {("Ada Brenner", "Person"), ("Lind", "Person")}),
    # a country whose best-selling products are named is no company
    ("Kettle Foods makes Crunchos chips and Fizzo soda, two of America's best-selling snacks.",
     {("Kettle Foods", "Organization"), ("Crunchos", "Product"), ("Fizzo", "Product")}),
    # a name 'based in' a place is a company's, whatever the model said
    ("Vantor, based in Austin, Texas, has struggled this year.", {("Vantor", "Organization")}),
    # whose shares are named is a company, whatever the model said
    ("An analyst said Vantor's shares were cheap.", {("Vantor", "Organization")}),
    # a dictionary word joined to the object of an organization's 'for' is the name's ...
    ("She trained at the Pellan Institute for Geology and Mineralogy.",
     {("Pellan Institute for Geology and Mineralogy", "Organization")}),
    # ... a second name is not
    ("She worked at the Pellan Institute for Geology and Halvex Labs.",
     {("Pellan Institute for Geology", "Organization"), ("Halvex Labs", "Organization")}),
    # (and where the model calls it a person: 'the Harwell' is no organization either)
    ("Halvex, the Harwell-based company behind the Zepto app, has hired Bo Lind.",
     {("Halvex", "Organization"), ("Zepto", "Product"), ("Bo Lind", "Person")}),
    # a regnal number ends a person's name
    ("The palace was built for king Halvard IV, the younger brother of king Tomas III.",
     {("Halvard IV", "Person"), ("Tomas III", "Person")}),
    # an event is no organization, whatever the model or the context said
    ("Tomas Varga led the Pellan War of Independence against Spain.", {("Tomas Varga", "Person")}),
    # the model's name reads on past the pattern's through the function words of names
    ("The single was certified gold by the Harwell Recording Association of Pellan in 2001.",
     {("Harwell Recording Association of Pellan", "Organization")}),
    ("Tomas Varga joined the Advisory Committee on Coastal Names in 1990.",
     {("Tomas Varga", "Person"), ("Advisory Committee on Coastal Names", "Organization")}),
    ("She is a professor at the Pellan Branch of the Harwell Academy of Sciences.",
     {("Pellan Branch of the Harwell Academy of Sciences", "Organization")}),
    # a dictionary word inside a title's capitals is a piece of the title; a conjunction joins names
    ("She won the Grace with a Mission title in 2010.", set()),
    ("He worked for Apple and Orange before founding Kettle.", {("Apple", "Organization"), ("Kettle", "Organization")}),
    # an ampersand's first letter is part of the name; a minister's portfolio is no organization
    ("The documentary was released by B & R Television Networks in 2005.",
     {("B & R Television Networks", "Organization")}),
    ("Until 2015 Ada Brenner was Minister of Coastal Resources.", {("Ada Brenner", "Person")}),
    # the field before a capitalized title no name follows is part of the title
    ("Ada Brenner served as Science and Health Correspondent until 2009.", {("Ada Brenner", "Person")}),
    ("Tomas Varga was the Public Affairs Officer of the fleet.", {("Tomas Varga", "Person")}),
    # a maiden name or nickname in brackets, and particles, inside one person's name
    ("He is the eldest son of Tomas Varga and Cara (Lindqvist) Varga.",
     {("Tomas Varga", "Person"), ("Cara (Lindqvist) Varga", "Person")}),
    ("The peak was named for Lieutenant Commander Tomas S. (Bo) Lindqvist, a pilot.",
     {("Tomas S. (Bo) Lindqvist", "Person")}),
    ("Karl Heinz von der Lunde was a German architect.", {("Karl Heinz von der Lunde", "Person")}),
    # the model's name reads on before and after the pattern's: a mixed-case name, 'the'
    ("Tomas Varga studied at the McVantor University School of Law in 1930.",
     {("Tomas Varga", "Person"), ("McVantor University School of Law", "Organization")}),
    ("She wrote for the Harwell News Service until 2001.", {("Harwell News Service", "Organization")}),
    # a conjunction between two words before the head is inside one name
    ("He campaigned against joining the Pellan Fiscal and Monetary Union in the referendum.",
     {("Pellan Fiscal and Monetary Union", "Organization")}),
    ("It is a member of the Harwell Steel and Iron Association.", {("Harwell Steel and Iron Association", "Organization")}),
    # an honour and the names in it are no entities
    ("He was made a Knight of the Order of St Olav and St Eric in 1901.", set()),
    # the start of an event's name ("X Women's Championship") is no entity
    ("She won the Grapple Smash Women's Championship in 2018.", set()),
    # a word of a quoted title is no name; a quoted name is
    ('Her radio shows included "Come Home to Cara" and "Ask Tomas".', set()),
    ('The Harwell Post carries the slogan "York\'s Own Newspaper". It is owned by Vantor Press.',
     {("Harwell Post", "Organization"), ("Vantor Press", "Organization")}),
    ('He leads an organization, "The Harwell Heritage Association", in Pellan.',
     {("Harwell Heritage Association", "Organization")}),
    # 'Little Sisters of the Poor' is one name (a team and its league are two: below)
    ("She joined the Little Sisters of the Poor in 1990.", {("Little Sisters of the Poor", "Organization")}),
    # a cemetery or a cathedral is a place, not a person or an organization
    ("He designed the Cathedral of the Holy Pellan in Harwell.", set()),
    ("Ada Brenner was buried in Pellan Cemetery in 1919.", {("Ada Brenner", "Person")}),
    # a school's name with a list of fields
    ("He taught at the Harwell School of Music, Theatre and Dance from 1893.",
     {("Harwell School of Music, Theatre and Dance", "Organization")}),
    # titles, occupations and generic acronyms are no names
    ("Ada Brenner was a Police Magistrate in Harwell.", {("Ada Brenner", "Person")}),
    ("Vantor Labs sells RC cars and HD screens.", {("Vantor Labs", "Organization")}),
    # a scholar of a field is an occupation, not a name
    ("Ada Brenner, a Pellanologist, joined Harwell University.",
     {("Ada Brenner", "Person"), ("Harwell University", "Organization")}),
    # a minister's portfolio is no organization
    ("She was Minister for Coastal Protection from 2011 to 2016.", set()),
    # the word after a title's 'of the' is the title's, not part of the holder's name
    ("The Leader of the Opposition Tomas Varga criticized the plan.", {("Tomas Varga", "Person")}),
    ("Chairman of the Board Ada Brenner opened the meeting.", {("Ada Brenner", "Person")}),
    ("He was President of the Harwell Federal Parliament.", {("Harwell Federal Parliament", "Organization")}),
    ("Speaker of the House Cara Lund said the bill would pass.", {("Cara Lund", "Person")}),
    # the words of a title are no organization ('Majority Leader', 'Press Secretary')
    ("Senate Majority Leader Cara Lund said the vote would be held on Friday.",
     {("Senate", "Organization"), ("Cara Lund", "Person")}),
    ("White House Press Secretary Tomas Varga told reporters the plan was final.",
     {("White House", "Organization"), ("Tomas Varga", "Person")}),
    # a capitalized title before a name is no product noun ('speaker')
    ("The Speaker Cara Lund opened the session.", {("Cara Lund", "Person")}),
    # a letter alone names no product
    ("It was later acquired by Halvex Labs, including a C compiler and a runtime.", {("Halvex Labs", "Organization")}),
])
def test_entities_and_types(engine, text, expected):
    assert entities_of(engine, text) == expected


def repaired(engine, text: str, ents: list[tuple]) -> list:
    """The entity repair's output on ``text`` when the model's entities were ``ents``
    ((start, end, label), as slice bounds): spans the model sometimes makes, forced."""
    from spacy.tokens import Span
    with engine.nlp.select_pipes(disable=["newsgraph_entities"]):
        doc = engine.nlp(text)
    doc.ents = [Span(doc, doc[a:b].start, doc[a:b].end, label=label) for a, b, label in ents]
    return list(engine.nlp.get_pipe("newsgraph_entities")(doc).ents)


def test_blank_line_is_a_hard_boundary(engine):
    found = entities_of(engine, "Interview with Maria Lopez\n\nMaria Lopez founded Brightpath Labs.")
    assert ("Maria Lopez", "Person") in found
    assert not any("\n" in label for label, _ in found)


def test_headings_and_capitalized_common_words_are_not_people(engine):
    found = entities_of(engine, "Crisis 1: Inefficiency\n\nContinuous deep thinking is the basis of results.")
    assert not any(kind == "Person" for _, kind in found)


def test_byline_people_are_entities_but_not_the_roles(engine):
    text = "Quarterly sales rose at Brightpath Labs.\n\nAuthor丨Jane RoeEditor丨Sam Poe\n"
    found = entities_of(engine, text)
    assert {("Jane Roe", "Person"), ("Sam Poe", "Person")} <= found
    assert not any("Author" in label or "Editor" in label for label, _ in found)


def test_a_wire_agency_is_an_entity_but_not_the_company_of_the_story(engine):
    # read as prose, the agency was the subject of 'said' and so the company of the titles
    text = ("Halvex brings back Ada Brenner as CEO, ousting Tomas Varga\n\nBy Staff Reporter\n\n"
            "Nov 21 (Reuters) - Halvex Media Co said on Sunday that Ada Brenner would return as chief executive, "
            "replacing Tomas Varga, who had led the entertainment giant since February 2020.\n")
    assert ("Reuters", "Organization") in entities_of(engine, text)
    found = facts(engine, text)
    assert {("Ada Brenner", "runs", "Halvex Media Co"), ("Tomas Varga", "runs", "Halvex Media Co")} <= found
    assert not any("Reuters" in (s, o) for s, _, o in found)


def test_a_name_keeps_no_sentence_full_stop_the_model_took_into_it(engine):
    # 'Ada Brenner.', as the model sometimes has it
    ents = repaired(engine, "The company was later run by Ada Brenner.", [(-3, None, "PERSON")])
    assert [(e.text, e.label_) for e in ents] == [("Ada Brenner", "PERSON")]
    ents = repaired(engine, "Shares of Acme Inc. rose.", [(2, 4, "ORG")])
    assert [e.text for e in ents] == ["Acme Inc."]


def test_generic_acronyms_are_not_organizations(engine):
    found = entities_of(engine, "The API and the CEO of the IPO were discussed in VR.")
    assert found == set()


def test_a_legal_suffix_whose_full_stop_ends_the_sentence_ends_the_name(engine):
    # 'Vantor Inc. Pellan', as the model sometimes has it
    ents = repaired(engine, "The standard was set by Vantor Inc. Pellan have built a map on it.", [(5, 8, "ORG")])
    assert "Vantor Inc." in [e.text for e in ents] and "Vantor Inc. Pellan" not in [e.text for e in ents]


@pytest.mark.parametrize("text, ents, people", [
    ("The Keepers of the Harbor made threats against the studio.", [(1, 2, "ORG"), (4, 5, "GPE")], []),
    # (the author's name, which the model left unlabelled here, is a person's: given_names.py)
    ("In his Thoughts on the Harvest, Tomas Varga argued for order.", [(2, 3, "ORG")], ["Tomas Varga"]),
])
def test_a_dictionary_word_of_a_title_is_no_name(engine, text, ents, people):
    found = repaired(engine, text, ents)
    assert [e.text for e in found if e.label_ in {"ORG", "PERSON", "PRODUCT"}] == people
    assert all(e.label_ == "PERSON" for e in found if e.text in people)


def test_a_persons_title_inside_the_models_organization_is_cut_off(engine):
    # the whole run, as the model sometimes has it
    ents = repaired(engine, "Since 1948 COMNAVHARWELL Rear Admiral Varga convinced the leadership.", [(2, 6, "ORG")])
    assert ("Varga", "PERSON") in [(e.text, e.label_) for e in ents]
    assert not any("Admiral" in e.text for e in ents)


@pytest.mark.parametrize("text, ents, expected", [
    # a personal name's particles do not count towards its five words
    ("Nils Gösta Harald Tomas von der Hallen was a Swedish politician.", [(0, 7, "PERSON")],
     [("Nils Gösta Harald Tomas von der Hallen", "PERSON")]),
    # a description before a common noun inside the model's name is not part of it
    ("He led the youth branch of the Pellan party HPD until 2004.", [(6, 10, "ORG")], [("HPD", "ORG")]),
    # a team and its league are two names
    ("He was drafted by the Harwell Kestrels of the National Kettleball League in 2005.", [(4, 12, "ORG")],
     [("Harwell Kestrels", "ORG"), ("National Kettleball League", "ORG")]),
])
def test_the_repair_of_the_models_spans(engine, text, ents, expected):
    found = repaired(engine, text, ents)
    assert [(e.text, e.label_) for e in found if e.label_ in {"ORG", "PERSON", "PRODUCT"}] == expected


def test_plural_generic_acronyms_are_not_products(engine):
    # 'CPUs', as the model sometimes has it
    assert repaired(engine, "Its CPUs share a design with older chips.", [(1, 2, "PRODUCT")]) == []


def test_no_entities_in_plain_text(engine):
    assert entities_of(engine, "It rained all day and nobody went out.") == set()


def test_unknown_name_at_sentence_start(engine):
    """A rare name the small model tags as a common noun at the start of a definition."""
    found = entities_of(engine, "Notewise is a note-taking platform under Zentro Group.")
    assert ("Notewise", "Product") in found


@pytest.mark.parametrize("text, expected", [
    ("Millions of people downloaded Pinwheel last year.", {("Pinwheel", "Product")}),
    # the parser misses the apposition (it hangs the name as an interjection): read on the surface
    ("Quill, a messaging app developed by Vantor, has ten million users.", {("Quill", "Product"), ("Vantor", "Organization")}),
    ("Night Harbor is a video game developed by Tarrow.", {("Night Harbor", "Product"), ("Tarrow", "Organization")}),
    ("Pinwheel said on Monday that profits rose.", {("Pinwheel", "Organization")}),
    ("Pinwheel's employees went on strike.", {("Pinwheel", "Organization")}),
    ("Pinwheel said the Pinwheel app reached ten million downloads.",
     {("Pinwheel", "Organization"), ("Pinwheel", "Product")}),
    ("She studied at Kestrel College and later at the Lakeside School of Design.",
     {("Kestrel College", "Organization"), ("Lakeside School of Design", "Organization")}),
    # only a company acquires: the agent of 'was acquired by' is one
    ("On November 24, 2009 Halvex Telecom was acquired by Vantor.", {("Halvex Telecom", "Organization"), ("Vantor", "Organization")}),
    # a person's name stays a person's as the agent of making; a name before a product noun and a
    # product's name makes it
    ("The game was influenced by the 1972 Vantor arcade game Pellan, and built by Ada Brenner.",
     {("Vantor", "Organization"), ("Pellan", "Product"), ("Ada Brenner", "Person")}),
    # a copula that defines a name as a company makes it one, whatever it looks like
    ("Marlow Greene is a Japanese video game company based in Osaka.", {("Marlow Greene", "Organization")}),
    # a heading or phrase opened by a container noun names what follows 'of'
    ("List of Vantor Labs products\n\nVantor Labs launched Quill in 2019.",
     {("Vantor Labs", "Organization"), ("Quill", "Product")}),
    ("Part of Halvex Media was sold in 2019.", {("Halvex Media", "Organization")}),
    # places listed after 'in' stay places, whatever names they are listed with
    ("Tomas Varga was educated at Harwell College School in Leeds, Ontario, and Pellan University in York, Quebec.",
     {("Tomas Varga", "Person"), ("Harwell College School", "Organization"), ("Pellan University", "Organization")}),
    # what 'the city of X' names is a place, so the university named after it stays apart
    ("He was employed by the city of Pellan. He is a professor at Pellan University.", {("Pellan University", "Organization")}),
    # a one-word company name the model reads as a person's, when it launches something
    ("Vantor debuted Quill at a conference in May.", {("Vantor", "Organization"), ("Quill", "Product")}),
    # a possessive inside what the model took for one product name: the owner and the product
    ("Vantor's Quill chatbot has 100 million users.", {("Vantor", "Organization"), ("Quill", "Product")}),
    # a numbered heading is no product and its model designation ('Phase 2:')
    ("Phase 2: Growth\n\nVantor launched Quill in 2019.", {("Vantor", "Organization"), ("Quill", "Product")}),
    # a model designation of four digits, or hanging on the name
    ("Halvex released the Pellan 2600 console in 1977.", {("Halvex", "Organization"), ("Pellan 2600", "Product")}),
    # a person's title opening what the model took for an organization
    ("The crew flew with Admiral Varga in 1956.", {("Varga", "Person")}),
    # a one-word name with ', Region' after it is a town, whatever the model called it
    ("Tomas Varga (born March 28, 1973, Harwell, Ohio) is the founder of Vantor Pictures.",
     {("Tomas Varga", "Person"), ("Vantor Pictures", "Organization")}),
    # a company's name and a region's is its regional company, whatever the model called it
    ("Vantor has owned Halvex Corporation since 2005. It also sells games published by Vantor Europe.",
     {("Vantor", "Organization"), ("Halvex Corporation", "Organization"), ("Vantor Europe", "Organization")}),
    # a country left is a place, not an employer
    ("After leaving Kenya, Tomas Varga worked for Voice of Pellan.",
     {("Tomas Varga", "Person"), ("Voice of Pellan", "Organization")}),
    # an event is no organization; a lowercase phrase is no name
    ("Tomas Varga was a priest and a leader of the Pellan War of Independence.", {("Tomas Varga", "Person")}),
    ("He worked at the university medical clinic in Leeds under Ada Brenner.", {("Ada Brenner", "Person")}),
    # a school's name may end in 'of' and its city, or in a dash and a two-word campus
    ("She previously taught at the School of the Art Institute of Leeds.", {("School of the Art Institute of Leeds", "Organization")}),
    ("She holds a degree from the University of Harwell – Eau Claire.", {("University of Harwell – Eau Claire", "Organization")}),
    # a definite organization noun before a name says what it is, also parsed as an apposition
    ("From 1971 to 1987 he was a member of the electronic group Marigold Harbor.", {("Marigold Harbor", "Organization")}),
    # a school named after a title ('Lady of ...') is no title; a name hyphened to a company's is part of it
    ("She graduated from Our Lady of the Harwell University with a degree in theater.", {("Lady of the Harwell University", "Organization")}),
    ("The show was made with Vantor-ABC Television Group's Quill Television.",
     {("Vantor-ABC Television Group", "Organization"), ("Quill Television", "Organization")}),
    # no person's name follows 'the': a paper, a team, a band
    ("The paper competes with The Scotsby in Leeds.", {("The Scotsby", "Organization")}),
    # the capitals of a title-case headline are no names unless the body writes them so
    ("Vantor Sales Slow as Demand Cools\n\nBy Cara Lund\n\nVantor Corp said on Tuesday that sales fell.",
     {("Vantor Corp", "Organization"), ("Cara Lund", "Person")}),
    # a title parsed with no subject ('Beyond' as a preposition) is still what its copula says
    ("Beyond Harbor & Quill is a 2003 action-adventure video game developed by Vantor Games.",
     {("Beyond Harbor & Quill", "Product"), ("Vantor Games", "Organization")}),
    # a one-word 'person' listed among places is a place
    ("Vantor Labs has offices in Harwell, Hull, Scarborough, Sheffield and York.", {("Vantor Labs", "Organization")}),
    # a title alone is no person, whatever the model or the copula say
    ("The Prime Minister of Pellan is the head of government of the Kingdom of Pellan.", set()),
    # a university's acronym before one of its schools is part of the school's name
    ("She teaches at the HU Pellan School of Music and the Leeds School.",
     {("HU Pellan School of Music", "Organization"), ("Leeds School", "Organization")}),
    # a title and its subtitle are one name
    ("Night Harbor: Assault is a real-time strategy video game for mobile platforms.", {("Night Harbor: Assault", "Product")}),
])
def test_typing_in_context(engine, text, expected):
    assert entities_of(engine, text) == expected


def test_entity_sources_are_where_spacy_keeps_the_extension(engine):
    """mentions.source reads Token._.ng_source without spaCy's Underscore object: the two must
    agree on every entity, and a value set either way is seen the other way."""
    from newsgraph.extract.spans import set_source, source
    doc = engine.nlp("Pellucid Media CFO Ines Duarte said the Skyline app, made by Nimbus Labs, grew.")
    assert doc.ents
    for ent in doc.ents:
        assert source(ent) == ent[0]._.ng_source is not None
    ent = doc.ents[0]
    set_source(ent, "context")
    assert ent[0]._.ng_source == "context"
    ent[0]._.ng_source = "held"
    assert source(ent) == "held"


def test_a_given_name_the_model_took_for_a_place_joins_the_name_after_it(engine):
    # the model's split of a three-word name at a sentence's start: 'X' a place, 'Y Z' a person,
    # with 'X' a compound of the person's name
    from spacy.tokens import Doc, Span
    from newsgraph.extract import name_groups
    from newsgraph.extract.spans import set_source
    words = ["Ambrose", "Kettle", "Varga", "was", "a", "bishop", "."]
    doc = Doc(engine.nlp.vocab, words=words, heads=[2, 2, 3, 3, 5, 3, 3],
              deps=["compound", "compound", "nsubj", "ROOT", "det", "attr", "punct"],
              pos=["PROPN", "PROPN", "PROPN", "AUX", "DET", "NOUN", "PUNCT"])
    place, person = Span(doc, 0, 1, label="GPE"), Span(doc, 1, 3, label="PERSON")
    set_source(place, "guess")
    set_source(person, "model")
    (joined,) = name_groups.join_split_names(engine.lex, [place, person])
    assert (joined.text, joined.label_) == ("Ambrose Kettle Varga", "PERSON")


@pytest.mark.parametrize("text, pieces", [
    ("At Harwell he was a member of Sword and Lantern.", ["Sword and Lantern"]),  # two dictionary words: one name
    ("Vantor runs Zorbit and Quenvo.", ["Zorbit", "Quenvo"]),  # coined words: two names the model joined
])
def test_a_model_name_joining_two_dictionary_words_is_one_name(engine, text, pieces):
    from spacy.tokens import Span
    from newsgraph.extract import pieces as split_pieces
    from newsgraph.extract.components import dictionary_words
    doc = engine.nlp(text)
    doc.user_data.clear()  # (the sources the repair component recorded)
    start = next(t.i for t in doc if t.text == pieces[0].split()[0])
    ent = Span(doc, start, start + 3, label="ORG")  # as the model gives it (no source of our own)
    words = dictionary_words(engine.nlp)
    assert "lantern" in words and "zorbit" not in words
    assert [p.text for p, _ in split_pieces.split(engine.lex, ent, words)] == pieces


@pytest.mark.parametrize("text, label", [
    ("It is sold in the upper Kettle Valley.", "GPE"),  # a landform: a place, whatever the model said
    ("It is sold by Kettle Systems.", "ORG"),
])
def test_a_name_ending_in_a_landform_is_a_place(engine, text, label):
    from spacy.tokens import Span
    from newsgraph.extract import shape
    doc = engine.nlp(text)
    start = next(t.i for t in doc if t.text == "Kettle")
    assert shape.kept_label(engine.lex, Span(doc, start, start + 2), "ORG") == label


def test_two_family_names_joined_by_a_particle_are_one_name(engine):
    # Spanish usage: the father's and the mother's family names joined by 'y'
    assert entities_of(engine, "Ada Brenner met Tomas Varga y Lund del Rio in Madrid.") == \
        {("Ada Brenner", "Person"), ("Tomas Varga y Lund del Rio", "Person")}


def test_given_names_before_a_full_name_share_its_family_name():
    import spacy
    from spacy.tokens import Span

    from newsgraph.extract.name_groups import shared_family_names
    nlp = spacy.blank("en")

    def family(text, spans):
        doc = nlp(text)
        doc.ents = [Span(doc, s, e, label="PERSON") for s, e in spans]
        return {doc[i].text: name for i, name in shared_family_names(doc.ents).items()}
    assert family("by sisters Ines and Cara Okafor .", [(2, 3), (4, 6)]) == {"Ines": "Okafor"}
    assert family("by Ada , Bo and Cara Lund .", [(1, 2), (3, 4), (5, 7)]) == {"Ada": "Lund", "Bo": "Lund"}
    # a family name of the document, a list that does not end with 'and', a longer name
    assert family("Ada Brenner said Brenner and Tomas Varga left .", [(0, 2), (3, 4), (5, 7)]) == {}
    assert family("in Pellan , South Halvex , and Kettle .", [(1, 2), (3, 5)]) == {}
    assert family("by Ada and Tomas de la Varga .", [(1, 2), (3, 7)]) == {}


def test_a_town_before_its_state_is_a_place_not_an_organization(engine):
    ents = repaired(engine, "Later he moved to Kettleby, Ohio in 1887 and was engaged in the manufacture of hats.",
                    [(4, 5, "ORG"), (6, 7, "GPE")])
    assert {e.text: e.label_ for e in ents}["Kettleby"] == "GPE"
    # a list of names, one of which the model took for a place, stays what it was
    ents = repaired(engine, "He worked with Vantor, Pellan and Halvex.", [(3, 4, "ORG"), (5, 6, "GPE"), (7, 8, "ORG")])
    assert {e.text: e.label_ for e in ents}["Vantor"] == "ORG"


def test_a_field_of_study_is_no_name(engine):
    found = entities_of(engine, "Ada Brenner studied Marine Biology at Harwell University and holds a degree in "
                                "Political Economy. Tomas Varga studied under Cara Law at Pellan College.")
    assert not {label for label, _ in found} & {"Marine Biology", "Political Economy"}
    assert {("Ada Brenner", "Person"), ("Harwell University", "Organization"), ("Cara Law", "Person")} <= found


def test_two_names_of_one_person_are_one_entity(engine):
    found = entities_of(engine, "Pellwood Labs said its founder, Wang Fang (Fiona Wang), had stepped down. "
                                "Vantor named Liu Qiang, who also goes by Lucas Liu, as its chief executive.")
    people = {label for label, kind in found if kind == "Person"}
    assert len(people & {"Wang Fang", "Fiona Wang"}) == 1 and len(people & {"Liu Qiang", "Lucas Liu"}) == 1


def test_a_member_of_a_party_or_group_is_no_organization(engine):
    found = entities_of(engine, "Senator Cara Lund, a Democrat from Ohio, called for hearings.")
    assert found == {("Cara Lund", "Person")}


def test_an_organizations_short_name_in_brackets_is_the_same_organization(engine):
    found = entities_of(engine, "The Harwell Defence Industry Board (HSK) approved the plan. HSK said the drone would fly.")
    assert len([name for name, kind in found if kind == "Organization"]) == 1


@pytest.mark.parametrize("text", ["She took an Anglicized name.", "He kept the Anglicized spelling of his name."])
def test_a_capitalized_adjective_of_a_common_noun_is_no_name(engine, text):
    assert entities_of(engine, text) == set()


def test_an_adjective_before_a_party_or_a_title_still_names_the_party(engine):
    assert ("Green", "Organization") in entities_of(engine, "The Green party won, and Green leader Ada Brenner spoke.")
