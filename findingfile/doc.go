// Package findingfile owns the import of findings — documented evidence about
// organizations' conduct — from YAML or JSON files. A file holds a list of
// findings (or an object with a "findings" list); each names its
// organization by name and/or identifiers, since organization ids belong to
// a store. Every record is checked with probity.Finding.Validate, and an
// error names the file, the record, its line and the field.
//
// YAML is read with go.yaml.in/yaml/v3; each YAML record is converted to JSON
// and decoded by the same strict decoder as JSON files, so both formats
// accept exactly the same fields. The 2018 demo findings ship embedded (see
// Demo2018).
package findingfile
