"""Importing CSV files, the same way for every tool (docs/csv-imports.md).

- `files`: the file is checked before anything is written (encoding, delimiter, the
  header's columns), then streamed one record at a time, so memory stays the same
  whatever its size;
- `rows`: readers for one value of a row, each raising `RowError` with the column and
  the reason;
- `pipeline`: every row validated, a bad row reported with its line number and the
  good ones around it kept, batches committed with the import's progress, so an
  interrupted import of the same file resumes after its last committed batch;
- `command`: the management command every import shares (options, bad-row lines, the
  summary);
- `models`: the fields of an import run, for each tool's own `ImportRun` model.
"""
