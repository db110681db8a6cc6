"""The import: raw article bytes → clean text → blocks → fields (date, people, place, tags, title) → a Markdown
file with front matter, never overwriting an editor's edit.
"""
