"""The in-memory model of the whole archive and the functions of it — taxonomy, related articles, speaker
profiles, how the order changed; no I/O.
"""
