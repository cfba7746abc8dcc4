"""Settings screens: the microphone check and, later, the other preferences."""
