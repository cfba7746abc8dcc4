"""The student list: welcome page, lazy table, add/edit dialog."""
