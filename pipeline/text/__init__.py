"""Text repair. Takes the raw bytes of one scraped page; gives clean text in the source's script
with every change listed (decode -> cleaning rules in `rules/` -> residual and conservation checks).
"""
