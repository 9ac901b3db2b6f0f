"""Everything that touches spaCy: parse, entity repair, mentions, relation rules.

``Engine.load(model, lexicon)`` (engine.py) loads the pipeline once; ``Engine.extract`` turns
Documents into plain ``Extraction`` records, after which no spaCy object is kept.
"""
