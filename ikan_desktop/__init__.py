"""ikan-desktop: offline one-on-one number strategy interviews for teachers."""

__version__ = "0.1.0"
APP_NAME = "ikan-desktop"
