"""The Markdown contract between the import and the build: front matter, the Article from one .md file, Markdown
→ safe HTML, loading every article.
"""
