"""The document. Takes clean text; gives the typed `Document` (title, metadata, sections, notes) in the
canonical simplified text and its traditional edition, with references parsed and glossary terms found.
Lines are labelled by the trained `labeller` (model in corpus/model/) with `metadata`'s recognisers as
evidence; `structure` places them; `article` runs one article from raw bytes to both editions.
"""
