"""PySide6 widgets only: one folder per screen, shared pieces in widgets/."""
