"""opensozial: plan barcamps and open-space events from a YAML file."""

__version__ = "0.1.0"
