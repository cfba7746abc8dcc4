"""Keeping children's data safe: backups, restore, merge, deletion, consent, the audit log."""
