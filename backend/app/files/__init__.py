"""Files: profile pictures and item attachments, stored on local disk or in
an S3-compatible bucket. docs/operations.md, "Files", says how it works;
FILES_ENABLED=false leaves out its routes and its dashboard pages."""
