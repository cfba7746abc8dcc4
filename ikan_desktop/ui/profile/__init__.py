"""Profiles in the app: preview, print and save one student's page, or a whole class's.

Import `ikan_desktop.ui.profile.actions` when a profile is first asked for, not at start-up:
it brings in reportlab, and the preview brings in QtPdf.
"""
