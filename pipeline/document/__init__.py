"""The document. Takes clean text; gives the typed `Document` (title, metadata, sections, notes) in the
canonical simplified text and its traditional edition, with references parsed and glossary terms found.
`article` runs one article from raw bytes through text repair to both editions.
"""
