"""Text, dates, units and label matching; pure functions that never read files."""
