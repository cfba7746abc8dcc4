"""Getting data in and out: CSV rosters, school-system exports, Audacity labels, backups."""
