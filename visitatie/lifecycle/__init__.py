"""The data lifecycle: retention and purge of a round, erasure of a person, withdrawal of a
speaker's quotes, and consistent backups. "Wat je niet opslaat, kan ook niet lekken": raw answers
have an end date, and what is deleted leaves no readable trace in the database file (storage.py).

No Flask here: every function takes a SQLAlchemy session, only flushes, and leaves the commit to
its caller (the CLI command or the view), which then scrubs the file (storage.scrub).
"""
