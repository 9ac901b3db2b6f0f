"""Resolve stage on literal mentions: what merges and what stays apart."""
from __future__ import annotations

from dataclasses import replace

from newsgraph.resolve import resolve, slug
from newsgraph.types import Document, Evidence, Extraction, Mention, RelationMention


def doc(doc_id: str) -> Document:
    return Document(doc_id, "t", "0" * 64, "")


def mentions(doc_id: str, *items) -> tuple[Mention, ...]:
    """items: (text, type) in text order; offsets are made up but distinct."""
    out, pos = [], 0
    for n, (text, kind, *source) in enumerate(items):
        out.append(Mention(doc_id, pos, pos + len(text), text, kind, n, source[0] if source else "model"))
        pos += len(text) + 10
    return tuple(out)


def entities(*docs):
    ents, _ = resolve([Extraction(doc(d), ms, ()) for d, ms in docs])
    return {(e.label, e.type, e.aliases) for e in ents}


def test_family_and_given_name_alone_join_the_full_name():
    ms = mentions("a", ("Chen Weiming", "Person"), ("Chen", "Person"), ("Weiming", "Person"))
    assert entities(("a", ms)) == {("Chen Weiming", "Person", ("Chen", "Weiming"))}


def test_spacing_variant_and_honorific_join():
    ms = mentions("a", ("Gao Jinlei", "Person"), ("Jin Lei", "Person"), ("Mr. Gao", "Person"))
    assert entities(("a", ms)) == {("Gao Jinlei", "Person", ("Jin Lei", "Mr. Gao"))}


def test_two_people_with_one_family_name_stay_apart_and_a_lone_name_goes_to_the_latest():
    ms = mentions("a", ("Ada Lund", "Person"), ("Li Hua", "Person"), ("Li Ming", "Person"), ("Li", "Person"))
    assert entities(("a", ms)) == {("Ada Lund", "Person", ()), ("Li Hua", "Person", ()),
                                   ("Li Ming", "Person", ("Li",))}


def test_a_lone_name_goes_to_the_person_the_text_opens_with_when_it_can_be_theirs():
    # 'Li Hua (born 1950) is a historian. His father, Li Ming, ... Li studied at ...'
    ms = mentions("a", ("Li Hua", "Person"), ("Li Ming", "Person"), ("Li", "Person"))
    assert entities(("a", ms)) == {("Li Hua", "Person", ("Li",)), ("Li Ming", "Person", ())}


def test_a_lone_name_is_the_surname_of_the_person_it_can_be_that_of():
    ms = mentions("a", ("Ronald Brenner", "Person"), ("Brenner Lund", "Person"), ("Brenner", "Person"),
                  ("Ines Varga", "Person"), ("Tomas Varga Jr.", "Person"), ("Varga", "Person"))
    assert entities(("a", ms)) == {("Ronald Brenner", "Person", ("Brenner",)), ("Brenner Lund", "Person", ()),
                                   ("Ines Varga", "Person", ()), ("Tomas Varga Jr.", "Person", ("Varga",))}


def test_a_full_name_without_its_middle_name_or_with_initials_is_the_same_person():
    ms = mentions("a", ("Henrik August Varga", "Person"), ("Henrik Varga", "Person"), ("H. A. Varga", "Person"),
                  ("Ada Maria Brenner", "Person"), ("Ada Jo Brenner", "Person"), ("Ada Brenner", "Person"))
    assert entities(("a", ms)) == {("Henrik August Varga", "Person", ("H. A. Varga", "Henrik Varga")),
                                   ("Ada Maria Brenner", "Person", ()), ("Ada Jo Brenner", "Person", ()),
                                   ("Ada Brenner", "Person", ())}


def test_a_lone_name_in_another_document_is_another_person():
    one = mentions("a", ("Wang Fang", "Person"))
    two = mentions("b", ("Wang", "Person"))
    ents, _ = resolve([Extraction(doc("a"), one, ()), Extraction(doc("b"), two, ())])
    assert sorted(e.label for e in ents) == ["Wang", "Wang Fang"]
    assert len({e.id for e in ents}) == 2


def test_full_names_agree_across_documents():
    one = mentions("a", ("Wang Fang", "Person"))
    two = mentions("b", ("wang fang", "Person"), ("Fang", "Person"))
    ents, _ = resolve([Extraction(doc("a"), one, ()), Extraction(doc("b"), two, ())])
    assert [(e.label, e.documents, e.mentions) for e in ents] == [("Wang Fang", ("a", "b"), 3)]


def test_prefix_short_form_and_case_variants_of_an_organization():
    ms = mentions("a", ("QuantSoft", "Organization"), ("Quant", "Organization"), ("QUANTSOFT", "Organization"),
                  ("QuantSoft", "Organization"))
    assert entities(("a", ms)) == {("QuantSoft", "Organization", ("QUANTSOFT", "Quant"))}


def test_an_acronym_of_one_longer_name_in_the_document_joins_it():
    ms = mentions("a", ("Halvard Motors Co", "Organization"), ("HM", "Organization"), ("HM", "Organization"),
                  ("Brightpath Labs", "Organization"))
    assert entities(("a", ms)) == {("HM", "Organization", ("Halvard Motors Co",)),
                                   ("Brightpath Labs", "Organization", ())}
    # initials that two names share, or a name in another document, join neither
    ms = mentions("a", ("Halvard Motors", "Organization"), ("Hale Media", "Organization"), ("HM", "Organization"))
    assert len(entities(("a", ms))) == 3
    assert len(entities(("a", mentions("a", ("Halvard Motors", "Organization"))),
                        ("b", mentions("b", ("HM", "Organization"))))) == 2


def test_a_short_name_given_in_brackets_joins_the_full_name_whatever_its_letters():
    full, short, again = mentions("a", ("Harwell Defence Industry Board", "Organization"), ("HSK", "Organization"),
                                  ("HSK", "Organization"))
    ms = (full, replace(short, alias_of="Harwell Defence Industry Board"), again)
    assert entities(("a", ms)) == {("HSK", "Organization", ("Harwell Defence Industry Board",))}
    assert len(entities(("a", (full, short, again)))) == 2  # (not given in brackets: apart)


def test_legal_suffix_variants_join():
    ms = mentions("a", ("Fintera Corp.", "Organization"), ("Fintera", "Organization"), ("Fintera", "Organization"))
    assert entities(("a", ms)) == {("Fintera", "Organization", ("Fintera Corp.",))}


def test_formal_name_joins_the_short_name_across_documents_unless_it_is_ambiguous():
    one = mentions("a", ("Fintera Technologies", "Organization"), ("Fintera", "Organization"))
    two = mentions("b", ("Fintera", "Organization"), ("Orvik Capital", "Organization"), ("Orvik", "Organization"))
    assert entities(("a", one), ("b", two)) == {
        ("Fintera", "Organization", ("Fintera Technologies",)),
        ("Orvik Capital", "Organization", ()), ("Orvik", "Organization", ())}  # 'Capital' names a fund
    three = mentions("c", ("Fintera Electronics", "Organization"))
    assert ("Fintera", "Organization", ()) in entities(("a", one[1:]), ("b", two[:1]), ("c", three), ("d", one[:1]))


def test_a_place_name_is_no_short_name_of_the_university_named_after_it():
    # 'their Leeds correspondent' mistyped as an organization in one document, 'Leeds University' in another
    one = mentions("a", ("Leeds", "Organization"))
    two = mentions("b", ("Leeds University", "Organization"))
    three = mentions("c", ("Leeds", "Place"))
    assert {e for e in entities(("a", one), ("b", two), ("c", three)) if e[1] == "Organization"} == {
        ("Leeds", "Organization", ()), ("Leeds University", "Organization", ())}


def test_app_and_company_of_one_name_are_two_entities_when_both_are_typed_by_context():
    ms = mentions("a", ("Skyline", "Organization", "context"), ("Skyline", "Product", "context"))
    assert {(e[0], e[1]) for e in entities(("a", ms))} == {("Skyline", "Organization"), ("Skyline", "Product")}


def test_weak_type_follows_the_strong_type_of_the_same_name_in_another_document():
    one = mentions("a", ("Skyline", "Product", "context"))
    two = mentions("b", ("Skyline", "Organization", "guess"))
    assert {(e[0], e[1]) for e in entities(("a", one), ("b", two))} == {("Skyline", "Product")}


def test_relations_map_to_entities_and_merge_their_evidence():
    ms = mentions("a", ("Ada Brenner", "Person"), ("Quillon", "Organization"), ("Brenner", "Person"))
    ev1 = Evidence("a", "s1", 0, 10, "r1", 0.9)
    ev2 = Evidence("a", "s2", 20, 30, "r2", 0.8)
    rels = (RelationMention(ms[0], "founded", ms[1], ev1), RelationMention(ms[2], "founded", ms[1], ev2))
    ents, relations = resolve([Extraction(doc("a"), ms, rels)])
    assert len(relations) == 1
    r = relations[0]
    assert (r.subject, r.predicate, r.object) == ("person/ada-brenner", "founded", "organization/quillon")
    assert r.evidence == (ev1, ev2)
    assert r.confidence == 0.98


def test_slugs_are_readable_and_collision_free():
    assert slug("Person", "ada brenner") == "person/ada-brenner"
    odd = slug("Organization", 'a "b" <c>')
    assert odd.startswith("organization/a-b-c-") and odd != slug("Organization", "a b c")
    assert slug("Person", "张一鸣").startswith("person/张一鸣")


def test_coordinated_names_share_a_kind_known_from_another_document():
    one = mentions("a", ("Skyline", "Product", "context"))
    two = (Mention("b", 0, 7, "Skyline", "Organization", 0, "model", 0),
           Mention("b", 12, 20, "Fernwood", "Organization", 0, "model", 0))
    assert {(e[0], e[1]) for e in entities(("a", one), ("b", two))} == {("Skyline", "Product"),
                                                                      ("Fernwood", "Product")}


def test_generic_tail_words_still_name_the_brand():
    one = mentions("a", ("Skyline Short Video", "Organization"))
    two = mentions("b", ("Skyline", "Product", "context"), ("Skyline", "Product", "context"))
    assert entities(("a", one), ("b", two)) == {("Skyline", "Product", ("Skyline Short Video",))}


def test_a_company_the_context_firmly_types_stays_one_beside_people_the_model_saw_in_its_name():
    # 'Quarnet Orsino is a video game company formed by the merger of developer Quarnet and publisher
    # Orsino': the model reads 'Quarnet', 'Orsino', later 'Quarnet Orsino' and 'Quarnet Orsino
    # Europe' as people; the copula made the first 'Quarnet Orsino' a company, firmly
    from newsgraph.names import settle_types
    from newsgraph.lexicon import Lexicon
    ms = mentions("a", ("Quarnet Orsino", "Organization", "context"), ("Quarnet", "Person"), ("Orsino", "Person"),
                  ("Quarnet Orsino", "Person"), ("Quarnet Orsino Europe", "Person"), ("Quarnet Orsino", "Person"))
    settled = settle_types(list(ms), Lexicon.load().names)
    assert {m.type for m in settled if m.text == "Quarnet Orsino"} == {"Organization"}


def test_a_short_name_inside_a_persons_name_is_no_part_of_it():
    # 'U.S.' squashes to 'us', which 'Titus Harlow' holds in its middle: no part of the name
    from newsgraph.names import settle_types
    from newsgraph.lexicon import Lexicon
    ms = mentions("a", ("Titus Harlow", "Person"), ("U.S.", "Place", "guess"), ("Harlow", "Person"))
    settled = settle_types(list(ms), Lexicon.load().names)
    assert {m.text: m.type for m in settled} == {"Titus Harlow": "Person", "U.S.": "Place", "Harlow": "Person"}


def test_a_food_maker_or_an_airline_is_its_short_name():
    ms = mentions("a", ("Pellwood Foods Inc.", "Organization"), ("Pellwood", "Organization"),
                  ("Kettle Air", "Organization"), ("Kettle", "Organization"))
    assert entities(("a", ms)) == {("Pellwood Foods Inc.", "Organization", ("Pellwood",)),
                                   ("Kettle Air", "Organization", ("Kettle",))}


def test_a_second_name_the_text_gives_a_person_joins_the_first():
    ms = mentions("a", ("Liu Qiang", "Person"), ("Lucas Liu", "Person"), ("Lucas Liu", "Person"), ("Tomas Varga", "Person"))
    ms = (ms[0], replace(ms[1], alias_of="Liu Qiang"), *ms[2:])
    assert entities(("a", ms)) == {("Lucas Liu", "Person", ("Liu Qiang",)), ("Tomas Varga", "Person", ())}
