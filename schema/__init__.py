"""The records passed between stages, the database models and storage, and the export shape."""
