"""The browser's search index (documents → postings → small script files, patched per changed article) and whoosh
for the command line.
"""
