"""The class overview and the instructional groups."""
