"""Printed reports (reportlab, no Qt): the one-page progression profile, class sheets."""
