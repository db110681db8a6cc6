"""Vietnamese text, shared by the import and the build: NFC and tone placement, folding, slugs, dates, sorting;
the search analyzer (twin of static/search/analyzer.js); the gazetteer of provinces.
"""
