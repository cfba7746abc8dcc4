"""Shared widgets: key buttons, level meter, stage ladder, waveform."""
