"""The process engine: cases run through the steps of a list item."""
