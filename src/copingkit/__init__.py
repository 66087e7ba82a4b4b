"""copingkit: a private journaling and coping-skills companion for the terminal."""

__version__ = "0.1.0"
