"""Cleaning rules. Each takes (text, ctx) and returns (new_text, changes); see pipeline.text.clean."""
