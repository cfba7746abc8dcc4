"""Help for a new teacher: the interview guide and the keyboard card."""
