"""The Site model → every page as bytes: the template environment, which pages exist and their keys, URLs."""
