// Package jsonscan is probity's small JSON scanner and value tree, used by
// package ocds to read releases at hundreds of MB/s:
//
//   - Parse, ParseDup and ParseSelect build a Value tree that keeps every
//     scalar's bytes exactly as read (number forms such as 1.50e3, string
//     escapes) and object members in order; ParseSelect builds only the
//     members a Selector names and validates the rest;
//   - Valid, SkimObject and SkimArray check a value and walk its members or
//     elements without building anything;
//   - Scanner cuts a stream into values without decoding them, holding only
//     the value being read;
//   - AppendValue, AppendQuoted, Equal and Unquote write, compare and decode.
//
// It is hand-written rather than encoding/json or a third-party parser
// because releases must be merged and written back with every scalar as
// read and member order kept, and a stream must be cut into values before
// they are decoded: encoding/json decodes into Go values that re-encode
// differently and is several times slower. Errors are *SyntaxError with the
// byte offset and the JSON path of the value being read; nesting deeper
// than 512 levels is an error, so that hostile input cannot exhaust the
// stack.
package jsonscan
