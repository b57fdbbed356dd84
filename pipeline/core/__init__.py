"""What every stage uses: change records and errors (`changes`), the rule context, reviewed data files
with their schemas (`data`), every path of the build (`layout`), character classes, OpenCC converters (`convert`), Markdown
escaping, and files on disk (`files`: walking a tree, replacing a file).
Takes nothing from the other stages; they all import from here.
"""
