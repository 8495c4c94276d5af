// Package queryfile reads the batch files of the screening commands and
// writes the scored pair file:
//
//   - ReadQueries: `probity screen --batch FILE`, a CSV with a header naming
//     id and name (and optionally schema, country, birth_date, address), or JSON Lines
//     of the same fields; the format is detected from the first non-space
//     byte ('{' means JSON Lines).
//   - ReadPairs and PairWriter: `probity compare --batch FILE`, a CSV with a
//     header naming schema, name1 and name2 (other columns are kept); the
//     output is the same rows, in order, with score and match appended.
//
// Every error is a *probity.InputError naming the file, the line and the
// field. Tokenising uses encoding/csv and encoding/json.
package queryfile
