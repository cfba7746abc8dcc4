"""Use cases with no widgets: roster, interview, review, printing, backup. Testable headless."""
