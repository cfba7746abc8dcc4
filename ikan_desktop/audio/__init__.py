"""Audio capture: crash-tolerant WAV writing, the recorder and its sample clock."""
