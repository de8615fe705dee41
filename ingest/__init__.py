"""Reading files and recovering their layout: text layers, scans, OCR, ruled tables, header facts."""
