"""Reviewing an interview: waveform and tags, listening back, confirming stages, exporting."""
