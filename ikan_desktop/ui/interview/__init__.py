"""The live interview: the teacher's screen and the student-facing card view."""
