"""Filing (备案): a township's local item goes to its county for review before it is published."""
