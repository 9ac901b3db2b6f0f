"""newsgraph's data, installed as the package ``newsgraph.ontologies``: the ontology, the SHACL
shapes, the lexicon, the entity patterns, the relation rules and the example queries. No code."""
