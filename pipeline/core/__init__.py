"""What every stage uses: change records and errors (`changes`), the rule context, reviewed data files
with their schemas (`data`), character classes, OpenCC converters (`convert`) and Markdown escaping.
Takes nothing from the other stages; they all import from here.
"""
