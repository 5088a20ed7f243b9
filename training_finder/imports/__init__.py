"""Importing the trainings catalogue and the return-to-work outcomes from CSV files."""
